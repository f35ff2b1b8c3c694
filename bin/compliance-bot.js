#!/usr/bin/env node
'use strict';
// The `compliance-bot` command: runs the build of src/cli/main.ts (bin/build-cli.js; `npm ci` makes it), rebuilt
// first when a source changed since.
const { pathToFileURL } = require('node:url');
const { ensureBuilt } = require('./build-cli.js');

let file;
try {
  file = ensureBuilt().file;
} catch (err) {
  process.stderr.write(`compliance-bot: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exit(2);
}
import(pathToFileURL(file).href)
  .then((cli) => cli.main(process.argv.slice(2), cli.processIo()))
  .then(
    (code) => {
      process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`compliance-bot: ${String(err)}\n`);
      process.exitCode = 3;
    },
  );
