/**
 * The walls between the layers, checked by dependency-cruiser on every `npm test` (`npm run lint:deps`).
 * docs/architecture.md explains each layer and why each wall stands; the rules here are the enforceable part.
 * Type-only imports count: a type import still couples two layers (tsPreCompilationDeps).
 * Unit tests (`*.test.ts`) may reach across layers to build their inputs; every other rule applies to them too.
 */

/** Test code: the test tree, tests, check cases and their builders. Production code never imports it. */
const TEST_CODE = [
  '^test/',
  '\\.test\\.ts$',
  '\\.cases\\.ts$',
  '^checks/.+/fixtures\\.ts$',
  '^checks/host/(ec2-|os-)?case-helpers\\.ts$',
  '^checks/k8s/eks/case-helpers\\.ts$',
  '^src/collectors/host/sshd/case-helpers\\.ts$',
];
/** Code that ships: the Lambda handlers and everything the CLI and the handlers bundle. */
const PRODUCTION = '^(src|checks|handlers)/';
/** Where execution starts: the Lambda handlers (serverless.yml) and the CLI (bin/compliance-bot.js). */
const ENTRY_POINTS = ['^handlers/[^/]+\\.ts$', '^src/cli/main\\.ts$'];
const UNIT_TEST = '\\.test\\.ts$';
/** Every kind of npm dependency and Node built-in, for the purity rules. */
const PACKAGES = ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-bundled', 'npm-no-pkg', 'npm-unknown', 'core'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'checks-only-core',
      comment:
        'Checks are pure functions of facts: they import src/core and other checks, nothing else (no collector, ' +
        'no store, no package, no Node built-in). Check cases may also import the case types in test/support/.',
      severity: 'error',
      from: { path: '^checks/', pathNot: UNIT_TEST },
      to: { pathNot: ['^checks/', '^src/core/', '^test/support/'] },
    },
    {
      name: 'core-only-core',
      comment:
        'src/core is the model and the pure engine every layer builds on: it imports nothing of ours outside it.',
      severity: 'error',
      from: { path: '^src/core/', pathNot: UNIT_TEST },
      to: { path: '^(src|checks|handlers|test|bench|scripts|bin|infra)/', pathNot: '^src/core/' },
    },
    {
      name: 'core-pure',
      comment:
        'src/core does no I/O and holds no SDK: no packages and no Node built-ins except crypto (hashing for ' +
        'fingerprints is a pure function) and picomatch (glob matching for check selection and pattern waivers: ' +
        'a pure string function with no dependencies).',
      severity: 'error',
      from: { path: '^src/core/', pathNot: UNIT_TEST },
      to: { dependencyTypes: PACKAGES, pathNot: ['^(node:)?crypto$', '^node_modules/picomatch/'] },
    },
    {
      name: 'report-renders-only',
      comment:
        'Renderers turn a model into text: they never read the world or a store, never post, never run a scan. ' +
        'What they need from stored history is a core type (src/core/summary.ts).',
      severity: 'error',
      from: { path: '^src/report/', pathNot: UNIT_TEST },
      to: { path: ['^src/(collectors|store|slack|aws|scan|app|cli)/', '^handlers/'] },
    },
    {
      name: 'collectors-only-collect',
      comment:
        'Collectors turn the world into facts: they know nothing of checks, rendering, Slack, the scan loop, ' +
        'the application layer or the CLI.',
      severity: 'error',
      from: { path: '^src/collectors/', pathNot: UNIT_TEST },
      to: { path: ['^src/(slack|report|scan|app|cli)/', '^checks/', '^handlers/'] },
    },
    {
      name: 'store-only-stores',
      comment:
        'Stores keep snapshots, summaries and waivers; they import the model, the configuration types, the AWS ' +
        'SDK adapter (src/aws) and the async utilities, never a collector, a renderer, Slack or the scan.',
      severity: 'error',
      from: { path: '^src/store/', pathNot: UNIT_TEST },
      to: { path: '^(src|checks|handlers)/', pathNot: '^src/(store|core|config|aws|async)/' },
    },
    {
      name: 'async-is-a-leaf',
      comment:
        'src/async holds the runtime utilities every I/O layer shares (bounded concurrency, the injectable sleep); ' +
        'it imports nothing of ours, so any layer but checks and core may use it.',
      severity: 'error',
      from: { path: '^src/async/', pathNot: UNIT_TEST },
      to: { path: '^(src|checks|handlers)/', pathNot: '^src/async/' },
    },
    {
      name: 'config-only-core',
      comment: 'The configuration schema and loader are read by every layer; they depend on src/core only.',
      severity: 'error',
      from: { path: '^src/config/', pathNot: UNIT_TEST },
      to: { path: '^(src|checks|handlers)/', pathNot: '^src/(config|core)/' },
    },
    {
      name: 'aws-is-an-adapter',
      comment:
        'src/aws adapts AWS services (clients, parameters, logging, metrics); composing a scan with Slack and ' +
        'the store is the application layer (src/app).',
      severity: 'error',
      from: { path: '^src/aws/', pathNot: UNIT_TEST },
      to: { path: ['^src/(slack|report|scan|app|cli)/', '^handlers/'] },
    },
    {
      name: 'handlers-only-app',
      comment:
        'Lambda handlers are thin: they parse the event and call the application layer (src/app), which wires ' +
        'collectors, checks, stores and Slack. Packages (the Lambda types, the SDK) are allowed.',
      severity: 'error',
      from: { path: '^handlers/', pathNot: UNIT_TEST },
      to: { path: '^(src|checks|handlers|test|bench|scripts|bin|infra)/', pathNot: ['^src/app/', '^handlers/'] },
    },
    {
      name: 'domain-not-to-app',
      comment:
        'src/app wires the domain for the entry points; the domain (checks, core, collectors, store, report, ' +
        'Slack, AWS, the scan) never imports it, so the wiring can change without touching what it wires.',
      severity: 'error',
      from: { path: '^(checks|src/(core|config|async|collectors|store|report|slack|aws|scan))/', pathNot: UNIT_TEST },
      to: { path: '^src/app/' },
    },
    {
      name: 'entry-points-not-imported',
      comment:
        'Handlers and the CLI are where execution starts; nothing shipped imports them (what two of them share ' +
        'belongs in src/app or below).',
      severity: 'error',
      from: { path: PRODUCTION, pathNot: [...TEST_CODE, '^src/cli/', '^handlers/'] },
      to: { path: ['^handlers/', '^src/cli/'] },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes two modules one: neither can be understood, tested or moved alone.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'production-not-to-test',
      comment: 'Shipped code never imports test code: tests, check cases, fixtures, the test/ tree.',
      severity: 'error',
      from: { path: PRODUCTION, pathNot: TEST_CODE },
      to: { path: TEST_CODE },
    },
    {
      name: 'production-not-to-dev-dep',
      comment:
        'The Lambda bundle and the CLI are built from dependencies only; a devDependency is not installed there.',
      severity: 'error',
      from: { path: PRODUCTION, pathNot: TEST_CODE },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'no-non-package-json',
      comment: 'Every package we import is declared in package.json (not reached through a transitive install).',
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
    {
      name: 'not-to-unresolvable',
      comment: 'An import that resolves to nothing fails at run time.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true },
    },
    {
      name: 'no-orphans',
      comment:
        'A module nothing imports and that imports nothing is dead or misplaced. The exceptions are loaded by ' +
        'name, not by import.',
      severity: 'error',
      from: {
        orphan: true,
        pathNot: [
          '\\.d\\.ts$',
          // Named in jest.config.js (reporter, transform) and jest.faults.config.js (setupFilesAfterEnv).
          '^test/support/summary-reporter\\.js$',
          '^test/support/text-transform\\.js$',
          '^test/faults/support/trap\\.ts$',
          // Named in jest.mutation.parsers.config.js (setupFiles).
          '^test/support/mutation-no-daemon\\.js$',
          // Started as a child process by the s3rver helpers.
          '^test/s3/s3rver-child\\.js$',
        ],
      },
      to: {},
    },
    {
      name: 'production-reachable',
      comment:
        'Shipped code that no entry point (a Lambda handler, the CLI) reaches is exercised by tests only: wire it ' +
        'in, move it to test/, or delete it.',
      severity: 'error',
      from: { path: ENTRY_POINTS, pathNot: UNIT_TEST },
      to: { path: PRODUCTION, pathNot: [...TEST_CODE, ...ENTRY_POINTS], reachable: false },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['/__snapshots__/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
