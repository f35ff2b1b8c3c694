// Stryker over the check modules with only the tests under checks/ (jest.mutation.checks.config.js): `npx stryker run
// stryker.checks.config.cjs --mutate <check files>`. Every other option is stryker.config.json's.
const base = require('./stryker.config.json');
module.exports = { ...base, jest: { ...base.jest, configFile: 'jest.mutation.checks.config.js' } };
