// Stryker over the sshd parsers and the probe-output parser with their unit tests only, the real daemon's
// confirmation of each case skipped (jest.mutation.parsers.config.js): `npx stryker run stryker.parsers.config.cjs
// --mutate <parser files>`. Every other option is stryker.config.json's.
const base = require('./stryker.config.json');
module.exports = { ...base, jest: { ...base.jest, configFile: 'jest.mutation.parsers.config.js' } };
