/** Writes docs/mutation.md from reports/mutation/mutation.json: `npm run test:mutation:doc`. */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { type Equivalent, type MutationReport, mutationDoc } from './mutation-doc';

const root = process.cwd();
const report = JSON.parse(readFileSync(resolve(root, 'reports/mutation/mutation.json'), 'utf8')) as MutationReport;
const equivalents = JSON.parse(
  readFileSync(resolve(root, 'scripts/mutation-equivalents.json'), 'utf8'),
) as Equivalent[];
const out = resolve(root, 'docs', 'mutation.md');
writeFileSync(out, mutationDoc(report, equivalents, process.argv[2] ?? 'npm run test:mutation'));
process.stdout.write(`wrote ${out}\n`);
