/** @type {import('jest').Config} */
// The fault-injection and bad-input suite: `npm run test:faults`. Same transforms as jest.config.js;
// only test/faults/, with an unhandled-rejection trap and a reporter that prints the totals and writes the table.
const base = require('./jest.config.js');

module.exports = {
  ...base,
  roots: ['<rootDir>/test/faults'],
  testPathIgnorePatterns: ['/node_modules/'],
  setupFilesAfterEnv: ['<rootDir>/test/faults/support/trap.ts'],
  reporters: ['default', '<rootDir>/test/faults/support/reporter.js', '<rootDir>/test/support/summary-reporter.js'],
  testTimeout: 60000,
  maxWorkers: 2,
};
