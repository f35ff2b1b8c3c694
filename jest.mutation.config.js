/** @type {import('jest').Config} */
// The tests Stryker runs against each mutant: the unit and table tests of the code it mutates (see
// stryker.config.json). End-to-end suites (CLI bundles, serverless package, Slack and S3 servers) are left out:
// they are slow and reach the same code through these units.
const base = require('./jest.config.js');
module.exports = {
  ...base,
  reporters: ['default'],
  testMatch: [
    '<rootDir>/src/core/**/*.test.ts',
    '<rootDir>/checks/**/*.test.ts',
    '<rootDir>/src/store/{chain,codec,local,history,waivers,verify}.test.ts',
    '<rootDir>/src/collectors/host/sshd/*.test.ts',
    '<rootDir>/src/collectors/host/parse-probe.mutation.test.ts',
    // Not sshd-corpus.test.ts: it runs the probe script and the real daemon for each fixture (about 45 s), which
    // makes each mutant of the parsers cost a minute and a busy machine's slowness read as timeouts (counted as
    // killed). The scores are measured without it: a lower bound.
    '<rootDir>/test/host/{sshd-semantics,parse-probe,kubelet}.test.ts',
    // The reachability map against a brute force of the Kubernetes rules, and one table per rule of docs/netpol.md.
    '<rootDir>/test/netpol/{engine,reach.property,reach.rules}.test.ts',
    // compare() against a reference implementation over random scan histories.
    '<rootDir>/bench/diff-equivalence.test.ts',
  ],
};
