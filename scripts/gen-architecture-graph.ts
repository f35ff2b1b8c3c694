/**
 * Rewrites the import graph in docs/architecture.md from the code: `npm run docs:arch`.
 * scripts/architecture-graph.test.ts fails when the committed graph is out of date.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { cruise, graphSection, replaceSection } from './architecture-graph';

const root = process.cwd();
const out = resolve(root, 'docs', 'architecture.md');
writeFileSync(out, replaceSection(readFileSync(out, 'utf8'), graphSection(cruise(root))));
process.stdout.write(`wrote the import graph of ${out}\n`);
