/** @type {import('jest').Config} */
// The tests Stryker runs against each mutant of a check module (stryker.checks.config.cjs): only those under checks/
// (the case tables through checks/registry.test.ts, and each folder's own tests). The other unit tests that import
// the registry (framework data, posture) load every check and every case for each mutant, judge the checks' metadata
// rather than their logic, and would triple a run's length; a score measured with this configuration is a lower bound.
const base = require('./jest.mutation.config.js');
module.exports = { ...base, testMatch: ['<rootDir>/checks/**/*.test.ts'] };
