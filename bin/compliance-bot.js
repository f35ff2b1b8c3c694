#!/usr/bin/env node
'use strict';
// The `compliance-bot` command in a checkout: bundles src/cli/main.ts with esbuild (cached under node_modules/.cache)
// and runs it.
const { bundle } = require('./run-ts.js');
const cli = require(bundle('src/cli/main.ts'));
cli.main(process.argv.slice(2), cli.processIo()).then(
  (code) => {
    process.exitCode = code;
  },
  (err) => {
    process.stderr.write(`compliance-bot: ${String(err)}\n`);
    process.exitCode = 3;
  },
);
