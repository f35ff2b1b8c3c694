/**
 * The build of the command (bin/build-cli.js): made once by `npm ci` (the `prepare` script), rebuilt when one of its
 * sources changes, and split so that `--help` loads only the parser and the command definitions.
 */
import { spawnSync } from 'node:child_process';
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  utimesSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';

interface BuildPaths {
  root: string;
  entry: string;
  outdir: string;
  manifest: string;
}
const cliBuild = require('../../bin/build-cli.js') as {
  paths(root?: string, entry?: string): BuildPaths;
  staleReason(p?: BuildPaths): string | null;
  ensureBuilt(p?: BuildPaths, log?: (s: string) => void): { file: string; built: boolean };
};

const ROOT = join(__dirname, '..', '..');

/** Runs an ES module's `main()` in a fresh process and returns what it printed. */
function runEntry(file: string): string {
  const out = spawnSync(
    process.execPath,
    ['-e', `import(${JSON.stringify(pathToFileURL(file).href)}).then((m) => process.stdout.write(m.main()))`],
    { encoding: 'utf8', timeout: 60_000 },
  );
  if (out.status !== 0) throw new Error(out.stderr);
  return out.stdout;
}

describe('bin/build-cli.js', () => {
  let root: string;
  beforeEach(() => {
    root = mkdtempSync(join(tmpdir(), 'cb-build-'));
    mkdirSync(join(root, 'src'));
    writeFileSync(join(root, 'src', 'main.ts'), "import { word } from './word';\nexport const main = () => word;\n");
    writeFileSync(join(root, 'src', 'word.ts'), "export const word: string = 'one';\n");
  });
  afterEach(() => rmSync(root, { recursive: true, force: true }));

  it('builds once, reuses the build while no source changed, and rebuilds when one did', () => {
    const p = cliBuild.paths(root, 'src/main.ts');
    const logs: string[] = [];
    const first = cliBuild.ensureBuilt(p, (s) => logs.push(s));
    expect(first.built).toBe(true);
    expect(runEntry(first.file)).toBe('one');

    expect(cliBuild.staleReason(p)).toBeNull();
    expect(cliBuild.ensureBuilt(p, (s) => logs.push(s))).toEqual({ file: first.file, built: false });

    // Same size, later modification time: a changed source, whatever the clock's resolution.
    const word = join(root, 'src', 'word.ts');
    writeFileSync(word, "export const word: string = 'two';\n");
    const later = new Date(statSync(word).mtimeMs + 10_000);
    utimesSync(word, later, later);
    expect(cliBuild.staleReason(p)).toBe('src/word.ts changed');
    const second = cliBuild.ensureBuilt(p, (s) => logs.push(s));
    expect(second.built).toBe(true);
    expect(runEntry(second.file)).toBe('two');
    expect(logs).toEqual([
      'compliance-bot: building the command (not built yet)…\n',
      'compliance-bot: building the command (src/word.ts changed)…\n',
    ]);
  });

  it('keeps the previous build for the commands started on it, and removes older builds once they are old', () => {
    const p = cliBuild.paths(root, 'src/main.ts');
    const word = join(root, 'src', 'word.ts');
    const rebuildWith = (text: string, step: number) => {
      writeFileSync(word, `export const word: string = '${text}';\n`);
      const later = new Date(Date.now() + step * 10_000);
      utimesSync(word, later, later);
      return cliBuild.ensureBuilt(p, () => {}).file;
    };
    const first = cliBuild.ensureBuilt(p, () => {}).file;
    const second = rebuildWith('two', 1);
    // Everything built so far is an hour old: the first build is neither current nor the previous one after this.
    const anHourAgo = new Date(Date.now() - 3_600_000);
    for (const f of readdirSync(p.outdir)) utimesSync(join(p.outdir, f), anHourAgo, anHourAgo);
    const third = rebuildWith('three', 2);
    expect(new Set([first, second, third]).size).toBe(3);
    expect(existsSync(first)).toBe(false);
    expect(existsSync(second)).toBe(true);
    expect(runEntry(third)).toBe('three');
  });

  it('rebuilds when a source it was built from is removed', () => {
    const p = cliBuild.paths(root, 'src/main.ts');
    cliBuild.ensureBuilt(p, () => {});
    rmSync(join(root, 'src', 'word.ts'));
    expect(cliBuild.staleReason(p)).toBe('src/word.ts was added or removed');
  });
});

describe('bin/build-cli.js without the development dependencies (npm ci --omit=dev)', () => {
  it('lets the install succeed and says the command is not built; the command asks for `npm ci`', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cb-nodeps-'));
    try {
      mkdirSync(join(dir, 'bin'));
      for (const f of ['build-cli.js', 'run-ts.js', 'compliance-bot.js']) {
        writeFileSync(join(dir, 'bin', f), readFileSync(join(ROOT, 'bin', f)));
      }
      const prepare = spawnSync(process.execPath, [join(dir, 'bin', 'build-cli.js')], { encoding: 'utf8', env: {} });
      expect([prepare.status, prepare.stdout]).toEqual([
        0,
        'compliance-bot: esbuild is not installed, so the command is not built (run `npm ci`)\n',
      ]);
      const run = spawnSync(process.execPath, [join(dir, 'bin', 'compliance-bot.js'), '--help'], {
        encoding: 'utf8',
        env: {},
      });
      expect([run.status, run.stderr]).toEqual([
        2,
        'compliance-bot: dependencies are missing; run `npm ci` in the checkout first.\n',
      ]);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('the build of this checkout', () => {
  let p: BuildPaths;
  beforeAll(() => {
    p = cliBuild.paths();
    cliBuild.ensureBuilt(p, () => {});
  }, 120_000);

  it('is made by `npm ci`: the prepare script builds it', () => {
    const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
    expect(pkg.scripts.prepare).toBe('node bin/build-cli.js');
  });

  it('answers `--help` without building again', () => {
    const out = spawnSync(process.execPath, [join(ROOT, 'bin', 'compliance-bot.js'), 'scan', '--help'], {
      encoding: 'utf8',
      timeout: 60_000,
    });
    expect(out.stderr).toBe('');
    expect(out.stdout).toMatch(/^Usage: compliance-bot scan \[options\]/);
    expect(out.status).toBe(0);
  });

  it('loads only the parser and the command definitions before a command runs', () => {
    // The files the entry imports statically, transitively: what every start parses, `--help` included.
    const manifest = JSON.parse(readFileSync(p.manifest, 'utf8')) as { entry: string };
    const seen = new Set<string>();
    const visit = (name: string) => {
      if (seen.has(name)) return;
      seen.add(name);
      const text = readFileSync(join(p.outdir, name), 'utf8');
      for (const m of text.matchAll(/^(?:import|export)\s[^;]*?from\s*"\.\/([^"]+)";|^import\s*"\.\/([^"]+)";/gm)) {
        visit(m[1] ?? m[2]);
      }
    };
    visit(manifest.entry);
    const text = [...seen].map((f) => readFileSync(join(p.outdir, f), 'utf8')).join('\n');
    for (const heavy of [
      'node_modules/@kubernetes/',
      'node_modules/@aws-sdk/',
      'node_modules/zod/',
      'src/collectors/',
    ]) {
      expect(text).not.toContain(`// ${heavy}`);
    }
    const bytes = [...seen].reduce((n, f) => n + statSync(join(p.outdir, f)).size, 0);
    expect(bytes).toBeLessThan(400_000);
    expect(dirname(join(p.outdir, manifest.entry))).toBe(p.outdir);
  });
});
