/**
 * Writes docs/checks.md from the checks, frameworks/*.json and docs/frameworks.md (scripts/frameworks-sync.ts),
 * and the digest chart's example images (docs/images/digest-*.png): `npm run docs`. scripts/checks-doc.test.ts,
 * scripts/frameworks-sync.test.ts and scripts/digest-images.test.ts fail when the committed files are out of date.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { checks } from '../checks';
import { checksDoc } from './checks-doc';
import { digestImages, renderImage } from './digest-images';
import { writeFrameworks } from './frameworks-sync';

const out = resolve(process.cwd(), 'docs', 'checks.md');
writeFileSync(out, checksDoc());
process.stdout.write(`wrote ${out} (${checks.length} checks)\n`);
for (const path of writeFrameworks(process.cwd(), checks)) process.stdout.write(`wrote ${path}\n`);

for (const image of digestImages()) {
  const path = resolve(process.cwd(), image.path);
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, renderImage(image));
  process.stdout.write(`wrote ${path}\n`);
}
