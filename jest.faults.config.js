/** @type {import('jest').Config} */
// The fault-injection and bad-input suite (issue 10): `npm run test:faults`. Same transforms as jest.config.js;
// only test/faults/, with an unhandled-rejection trap and a reporter that prints the totals and writes the table.
// test/faults/pending-*.test.ts wait for protections not yet in this tree (docs/reliability.md): run one with
// `npx jest -c jest.faults.config.js --testPathIgnorePatterns=/node_modules/ test/faults/pending-<name>.test.ts`.
const base = require('./jest.config.js');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/faults'],
  testPathIgnorePatterns: ['/node_modules/', '/test/faults/pending-'],
  setupFilesAfterEnv: ['<rootDir>/test/faults/support/trap.ts'],
  reporters: ['default', '<rootDir>/test/faults/support/reporter.js', '<rootDir>/test/support/summary-reporter.js'],
  testTimeout: 60000,
  maxWorkers: 2,
};
