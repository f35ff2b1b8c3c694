/** @type {import('jest').Config} */
// ts-jest compiles our TypeScript (isolatedModules: type-checking is `tsc --noEmit`, its own step of `npm test`);
// @swc/jest turns the ESM-only dependencies (Kubernetes client and its auth stack) into CommonJS.
const esmOnly = ['@kubernetes/client-node', 'openid-client', 'oauth4webapi', 'jose', 'socks-proxy-agent', 'agent-base'];
module.exports = {
  testEnvironment: 'node',
  roots: [
    '<rootDir>/src',
    '<rootDir>/checks',
    '<rootDir>/handlers',
    '<rootDir>/test',
    '<rootDir>/bench',
    '<rootDir>/scripts',
  ],
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/test/faults/'],
  transform: {
    '^.+\\.ts$': [
      'ts-jest',
      { tsconfig: { module: 'commonjs', moduleResolution: 'node10', esModuleInterop: true, isolatedModules: true } },
    ],
    '^.+\\.(js|mjs)$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
    '^.+\\.(sh|txt)$': '<rootDir>/test/support/text-transform.js',
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esmOnly.join('|')})/)`],
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json', 'sh', 'txt'],
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
