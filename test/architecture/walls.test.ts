/**
 * The walls of .dependency-cruiser.cjs catch what docs/architecture.md says they catch: dependency-cruiser runs with
 * the repository's rules over a small tree written for the purpose, one import per wall crossed (type-only imports
 * included) beside imports each wall allows.
 */
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';

const ROOT = join(__dirname, '..', '..');

const TREE: Record<string, string> = {
  'tsconfig.json': JSON.stringify({ compilerOptions: { module: 'Preserve', moduleResolution: 'Bundler' } }),
  'src/core/model.ts': "import { createHash } from 'node:crypto';\nexport type M = 1;\nexport const h = createHash;\n",
  'src/core/io.ts': "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;\n",
  'src/core/up.ts': "import { x } from '../collectors/c';\nexport const y = x;\n",
  'src/config/schema.ts': "import type { M } from '../core/model';\nexport type Config = M;\n",
  'src/collectors/c.ts': "import type { T } from '../scan/s';\nexport const x: T = 1;\n",
  'src/scan/s.ts': "import type { M } from '../core/model';\nexport type T = M;\nexport const s = 1;\n",
  'src/store/s.ts': "import type { Config } from '../config/schema';\nexport type S = Config;\n",
  'src/store/s.test.ts': "import { s } from '../scan/s';\nexport const t = s;\n",
  'src/report/r.ts': "import type { S } from '../store/s';\nexport type R = S;\n",
  'src/report/uses-cli.ts': "import { a } from '../cli/a';\nexport const u = a;\n",
  'src/aws/p.ts': "import { n } from '../slack/n';\nexport const p = n;\n",
  'src/slack/n.ts': "import { h } from '../../test/support/h';\nexport const n = h;\n",
  'src/app/run.ts': "import { s } from '../scan/s';\nexport const run = s;\n",
  'src/scan/uses-app.ts': "import { run } from '../app/run';\nexport const again = run;\n",
  'src/cli/a.ts': "import { b } from './b';\nexport const a = 1;\nexport const c = b;\n",
  'src/cli/b.ts': "import { a } from './a';\nexport const b = () => a;\n",
  'src/orphan.ts': 'export const nobody = 1;\n',
  'handlers/ok.ts': "import { run } from '../src/app/run';\nexport const handler = run;\n",
  'handlers/bad.ts': "import { s } from '../src/scan/s';\nexport const handler = s;\n",
  'checks/ok.ts': "import type { M } from '../src/core/model';\nexport type C = M;\n",
  'checks/bad.ts': "import { x } from '../src/collectors/c';\nexport const c = x;\n",
  'checks/bad-type.ts': "import type { S } from '../src/store/s';\nexport type C = S;\n",
  'checks/ok.cases.ts':
    "import type { Case } from '../test/support/cases';\nimport type { C } from './ok';\nexport type K = Case | C;\n",
  'test/support/cases.ts': 'export type Case = 1;\n',
  'test/support/h.ts': 'export const h = 1;\n',
  // Packages: declared, declared for development only, and present but not declared (a transitive install).
  'package.json': JSON.stringify({
    name: 'walls-tree',
    dependencies: { picomatch: '1.0.0', purelib: '1.0.0' },
    devDependencies: { devlib: '1.0.0' },
  }),
  'node_modules/picomatch/package.json': JSON.stringify({ name: 'picomatch', version: '1.0.0', main: 'index.js' }),
  'node_modules/picomatch/index.js': 'module.exports = () => () => true;\n',
  'node_modules/purelib/package.json': JSON.stringify({ name: 'purelib', version: '1.0.0', main: 'index.js' }),
  'node_modules/purelib/index.js': 'module.exports = 1;\n',
  'node_modules/devlib/package.json': JSON.stringify({ name: 'devlib', version: '1.0.0', main: 'index.js' }),
  'node_modules/devlib/index.js': 'module.exports = 1;\n',
  'node_modules/transitive/package.json': JSON.stringify({ name: 'transitive', version: '1.0.0', main: 'index.js' }),
  'node_modules/transitive/index.js': 'module.exports = 1;\n',
  'src/core/glob.ts': "import picomatch from 'picomatch';\nexport const g = picomatch;\n",
  'src/core/pkg.ts': "import purelib from 'purelib';\nexport const p = purelib;\n",
  'src/slack/dev.ts': "import devlib from 'devlib';\nexport const d = devlib;\n",
  'src/slack/transitive.ts': "import t from 'transitive';\nexport const t2 = t;\n",
};

let dir: string;
let errors: string[];

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cb-walls-'));
  for (const [path, text] of Object.entries(TREE)) {
    mkdirSync(dirname(join(dir, path)), { recursive: true });
    writeFileSync(join(dir, path), text);
  }
  const bin = join(ROOT, 'node_modules', 'dependency-cruiser', 'bin', 'dependency-cruise.mjs');
  const config = join(ROOT, '.dependency-cruiser.cjs');
  const run = spawnSync(
    process.execPath,
    [bin, 'src', 'checks', 'handlers', 'test', '--config', config, '--output-type', 'json'],
    { cwd: dir, encoding: 'utf8' },
  );
  const out = JSON.parse(run.stdout) as {
    summary: { violations: { from: string; to: string; rule: { name: string; severity: string } }[] };
  };
  errors = out.summary.violations
    // The small tree has no entry point, so every module in it is unreachable: that rule is checked on the real tree.
    .filter((v) => v.rule.severity === 'error' && v.rule.name !== 'production-reachable')
    .map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)
    .sort();
}, 120_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('the walls', () => {
  it('report every import that crosses one, and nothing else', () => {
    expect(errors).toEqual(
      [
        'aws-is-an-adapter: src/aws/p.ts -> src/slack/n.ts',
        'checks-only-core: checks/bad-type.ts -> src/store/s.ts',
        'checks-only-core: checks/bad.ts -> src/collectors/c.ts',
        'collectors-only-collect: src/collectors/c.ts -> src/scan/s.ts',
        'core-only-core: src/core/up.ts -> src/collectors/c.ts',
        'core-pure: src/core/io.ts -> fs',
        'core-pure: src/core/pkg.ts -> node_modules/purelib/index.js',
        'production-not-to-dev-dep: src/slack/dev.ts -> node_modules/devlib/index.js',
        'no-non-package-json: src/slack/transitive.ts -> node_modules/transitive/index.js',
        'domain-not-to-app: src/scan/uses-app.ts -> src/app/run.ts',
        'entry-points-not-imported: src/report/uses-cli.ts -> src/cli/a.ts',
        'handlers-only-app: handlers/bad.ts -> src/scan/s.ts',
        // A cycle is reported once, at the first import that closes it.
        'no-circular: src/cli/a.ts -> src/cli/b.ts',
        'no-orphans: src/orphan.ts -> src/orphan.ts',
        'production-not-to-test: src/slack/n.ts -> test/support/h.ts',
        'report-renders-only: src/report/r.ts -> src/store/s.ts',
        'report-renders-only: src/report/uses-cli.ts -> src/cli/a.ts',
      ].sort(),
    );
  });

  it('count a type-only import like any other', () => {
    expect(errors).toContain('checks-only-core: checks/bad-type.ts -> src/store/s.ts');
  });

  it('let a unit test reach across layers, and check cases use the case types in test/support', () => {
    expect(errors.filter((e) => e.includes('s.test.ts') || e.includes('ok.cases.ts'))).toEqual([]);
  });
});
