/**
 * Writes docs/checks.md from the checks: `npm run docs`. scripts/checks-doc.test.ts fails when the committed file is
 * out of date.
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { checks } from '../checks';
import { checksDoc } from './checks-doc';

const out = resolve(process.cwd(), 'docs', 'checks.md');
writeFileSync(out, checksDoc());
process.stdout.write(`wrote ${out} (${checks.length} checks)\n`);
