#!/usr/bin/env node
'use strict';
/**
 * The build of the `compliance-bot` command: src/cli/main.ts bundled by esbuild into ES module chunks, so a command
 * loads only its own code (`--help` loads the parser and the command definitions, `scan` the collectors and
 * renderers). `npm ci` builds it once (the `prepare` script runs `node bin/build-cli.js`); bin/compliance-bot.js
 * rebuilds it first when a file it was built from has changed since, so a checkout never runs a stale command.
 *
 * The build sits three levels below the checkout (node_modules/.cache/compliance-bot-cli/) so that the CLI finds
 * examples/demo-cluster from its own folder, as it does from src/cli. `cli.json` there names the entry file and
 * lists the inputs (path, size, mtime); it is written last, by rename, so a reader sees a whole build or none.
 */
const fs = require('node:fs');
const path = require('node:path');
const { BUNDLE_OPTIONS } = require('./run-ts.js');

const ROOT = path.resolve(__dirname, '..');
const ENTRY = 'src/cli/main.ts';
/** Beside the inputs esbuild reports: what changes the build without being one of its sources. */
const BUILD_INPUTS = [
  'bin/build-cli.js',
  'bin/run-ts.js',
  'tsconfig.json',
  'package.json',
  'node_modules/.package-lock.json',
];
/** Files of older builds are removed once this old: a command started just before a rebuild may still load them. */
const KEEP_OLD_MS = 10 * 60_000;

// ES module chunks in a CommonJS project: bundled CommonJS dependencies call require() and read __dirname.
const BANNER = [
  "import { createRequire as __cbRequire } from 'node:module';",
  "import { fileURLToPath as __cbPath } from 'node:url';",
  "import { dirname as __cbDirname } from 'node:path';",
  'const require = __cbRequire(import.meta.url);',
  'const __filename = __cbPath(import.meta.url);',
  'const __dirname = __cbDirname(__filename);',
].join(' ');

/** Where the build of `entry` in the checkout `root` goes (tests build a small tree of their own). */
function paths(root = ROOT, entry = ENTRY) {
  const outdir = path.join(root, 'node_modules', '.cache', 'compliance-bot-cli');
  return { root, entry, outdir, manifest: path.join(outdir, 'cli.json') };
}

function stamp(file) {
  try {
    const st = fs.statSync(file);
    return { size: st.size, mtimeMs: st.mtimeMs };
  } catch {
    return null;
  }
}

/** The manifest of the last build, or null. */
function readManifest(p) {
  try {
    return JSON.parse(fs.readFileSync(p.manifest, 'utf8'));
  } catch {
    return null;
  }
}

/**
 * Why the build must be redone, or null when it is current: no build, or an input added, removed or changed (size or
 * modification time) since it was made.
 */
function staleReason(p = paths()) {
  const m = readManifest(p);
  if (!m?.entry || !Array.isArray(m.inputs)) return 'not built yet';
  if (!fs.existsSync(path.join(p.outdir, m.entry))) return 'the build is incomplete';
  for (const input of m.inputs) {
    const now = stamp(path.join(p.root, input.path));
    if (now === null && input.size === null) continue;
    if (now === null || input.size === null) return `${input.path} was added or removed`;
    if (now.size !== input.size || now.mtimeMs !== input.mtimeMs) return `${input.path} changed`;
  }
  return null;
}

/** Builds the CLI into p.outdir and returns the entry file. Each output file is written by rename. */
function build(p = paths()) {
  const esbuild = require('esbuild');
  const result = esbuild.buildSync({
    ...BUNDLE_OPTIONS,
    entryPoints: { main: path.join(p.root, p.entry) },
    outdir: p.outdir,
    absWorkingDir: p.root,
    format: 'esm',
    splitting: true,
    entryNames: '[name]-[hash]',
    chunkNames: 'chunk-[hash]',
    outExtension: { '.js': '.mjs' },
    banner: { js: BANNER },
    // Stack traces point into the sources with `node --enable-source-maps bin/compliance-bot.js`.
    sourcemap: 'linked',
    metafile: true,
    write: false,
  });
  fs.mkdirSync(p.outdir, { recursive: true });
  const written = new Set();
  for (const f of result.outputFiles) {
    const tmp = `${f.path}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, f.contents);
    fs.renameSync(tmp, f.path);
    written.add(path.basename(f.path));
  }
  const outEntry = Object.entries(result.metafile.outputs).find(([, o]) => o.entryPoint === p.entry)[0];
  const sources = Object.keys(result.metafile.inputs).filter((i) => !i.startsWith('node_modules/'));
  const inputs = [...new Set([...sources, ...BUILD_INPUTS])].sort().map((i) => {
    const s = stamp(path.join(p.root, i));
    return { path: i, size: s ? s.size : null, mtimeMs: s ? s.mtimeMs : null };
  });
  const previous = readManifest(p);
  const manifest = { entry: path.basename(outEntry), builtAt: new Date().toISOString(), files: [...written], inputs };
  const tmp = `${p.manifest}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${JSON.stringify(manifest, null, 1)}\n`);
  fs.renameSync(tmp, p.manifest);
  // The previous build's files stay: a command started on it may still load a chunk of it lazily.
  const keep = new Set([...written, ...(previous?.files ?? []), path.basename(p.manifest)]);
  removeOld(p, keep);
  return path.join(p.outdir, manifest.entry);
}

function removeOld(p, keep) {
  const now = Date.now();
  for (const name of fs.readdirSync(p.outdir)) {
    if (keep.has(name)) continue;
    const file = path.join(p.outdir, name);
    const s = stamp(file);
    if (s && now - s.mtimeMs > KEEP_OLD_MS) fs.rmSync(file, { force: true });
  }
}

/**
 * The entry file of a current build, rebuilding first when an input changed (saying so on stderr: a rebuild takes
 * seconds). Without esbuild (dependencies not installed) it refuses rather than run an old build.
 */
function ensureBuilt(p = paths(), log = (s) => process.stderr.write(s)) {
  const reason = staleReason(p);
  if (reason === null) return { file: path.join(p.outdir, readManifest(p).entry), built: false };
  try {
    require.resolve('esbuild');
  } catch {
    throw new Error('dependencies are missing; run `npm ci` in the checkout first.');
  }
  log(`compliance-bot: building the command (${reason})…\n`);
  return { file: build(p), built: true };
}

module.exports = { paths, staleReason, build, ensureBuilt };

if (require.main === module) {
  let hasEsbuild = true;
  try {
    require.resolve('esbuild');
  } catch {
    hasEsbuild = false;
  }
  if (hasEsbuild) {
    const file = build();
    process.stdout.write(`compliance-bot: built ${path.relative(ROOT, file)}\n`);
  } else {
    // An install without the development dependencies (npm ci --omit=dev) still succeeds; the command needs them.
    process.stdout.write('compliance-bot: esbuild is not installed, so the command is not built (run `npm ci`)\n');
  }
}
