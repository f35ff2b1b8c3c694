/** @type {import('jest').Config} */
// The tests Stryker runs against each mutant of the sshd parsers and the probe-output parser
// (stryker.parsers.config.cjs): their unit tests, with the daemon-confirmed cases checked against the parsers only.
// Each case's confirmation by the real daemon runs `sshd -T` and reads nothing a parser mutant changes except the
// canonical forms it shares with the sshd -T reader; with it a parser mutant costs hundreds of daemon runs. The
// suites that run the probe script or the daemon on whole configurations (sshd-semantics, parse-probe, kubelet) are
// left out too: a score measured with this configuration is a lower bound.
const base = require('./jest.mutation.config.js');
module.exports = {
  ...base,
  testMatch: [
    '<rootDir>/src/collectors/host/sshd/*.test.ts',
    '<rootDir>/src/collectors/host/parse-probe.mutation.test.ts',
  ],
  setupFiles: [...(base.setupFiles ?? []), '<rootDir>/test/support/mutation-no-daemon.js'],
};
