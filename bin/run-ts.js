#!/usr/bin/env node
'use strict';
// Runs a TypeScript entry point of this checkout: bundles it with esbuild (the same bundler and loaders the Lambda
// functions use) into node_modules/.cache and requires the bundle. Usage: node bin/run-ts.js ENTRY.ts [args...]
const path = require('node:path');
const fs = require('node:fs');

/** What every bundle of this checkout shares: Node 20, the text loaders, and the packages left outside. */
const BUNDLE_OPTIONS = {
  bundle: true,
  platform: 'node',
  target: 'node20',
  logLevel: 'error',
  loader: { '.sh': 'text', '.txt': 'text' },
  // Native addons (the digest chart renderer) stay outside the bundle and load from node_modules.
  external: ['esbuild', 'fsevents', '@resvg/resvg-js'],
};

function bundle(entry) {
  let esbuild;
  try {
    esbuild = require('esbuild');
  } catch {
    process.stderr.write('compliance-bot: dependencies are missing; run `npm ci` in the checkout first.\n');
    process.exit(2);
  }
  const root = path.resolve(__dirname, '..');
  const abs = path.resolve(root, entry);
  const outdir = path.join(root, 'node_modules', '.cache', 'compliance-bot');
  fs.mkdirSync(outdir, { recursive: true });
  const outfile = path.join(outdir, `${path.basename(entry).replace(/\.ts$/, '')}.js`);
  // Build into a private file and rename it into place: two commands started at once never load a half-written bundle.
  const tmp = `${outfile}.${process.pid}.tmp`;
  esbuild.buildSync({ ...BUNDLE_OPTIONS, entryPoints: [abs], outfile: tmp, format: 'cjs', sourcemap: 'inline' });
  fs.renameSync(tmp, outfile);
  return outfile;
}

module.exports = { bundle, BUNDLE_OPTIONS };

if (require.main === module) {
  const [entry, ...rest] = process.argv.slice(2);
  if (!entry) {
    process.stderr.write('usage: node bin/run-ts.js ENTRY.ts [args...]\n');
    process.exit(2);
  }
  process.argv = [process.argv[0], entry, ...rest];
  require(bundle(entry));
}
