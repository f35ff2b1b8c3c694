/**
 * Writes each control's `checks` list into frameworks/*.json from the checks' `benchmarks` references, and
 * docs/frameworks.md from the data: `npm run frameworks:sync` (`npm run docs` does it too).
 * scripts/frameworks-sync.test.ts fails when the committed files are stale.
 */
import { checks } from '../checks';
import { writeFrameworks } from './frameworks-sync';

for (const path of writeFrameworks(process.cwd(), checks)) process.stdout.write(`wrote ${path}\n`);
