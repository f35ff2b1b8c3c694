#!/usr/bin/env node
'use strict';
// The `compliance-bot` command in a checkout: bundles src/cli/main.ts with esbuild and runs it.
process.env.NODE_OPTIONS = process.env.NODE_OPTIONS || '';
const { bundle } = require('./run-ts.js');
require(bundle('src/cli/main.ts'));
