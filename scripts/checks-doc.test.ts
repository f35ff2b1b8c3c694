import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checksDoc } from './checks-doc';

describe('docs/checks.md', () => {
  it('is generated from the checks as they are (run `npm run docs` after changing a check)', () => {
    expect(readFileSync(join(__dirname, '..', 'docs', 'checks.md'), 'utf8')).toBe(checksDoc());
  });
});
