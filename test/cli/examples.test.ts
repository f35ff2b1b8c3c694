/**
 * The READMEs under examples/ name only files that exist: every code span that looks like a file name (it ends in an
 * extension) and every relative link, from the README's folder or else from the repository's root.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';

const ROOT = join(__dirname, '..', '..');
const EXAMPLES = join(ROOT, 'examples');

function readmes(): string[] {
  return readdirSync(EXAMPLES, { recursive: true, encoding: 'utf8' })
    .filter((f) => /(^|\/)README\.md$/i.test(f))
    .map((f) => join(EXAMPLES, f));
}

/** The files a README names: `dir/name.ext` code spans and relative Markdown links. */
function namedFiles(markdown: string): string[] {
  const spans = [...markdown.matchAll(/`([^`\s]+\.[A-Za-z0-9]{1,5})`/g)].map((m) => m[1]);
  const links = [...markdown.matchAll(/\]\(([^)\s#]+)(?:#[^)]*)?\)/g)]
    .map((m) => m[1])
    .filter((l) => !/^[a-z][a-z0-9+.-]*:/i.test(l));
  return [...new Set([...spans, ...links])];
}

describe('examples/: READMEs', () => {
  it('finds the READMEs, and reads file names from code spans and links but not flags or names', () => {
    expect(readmes().map((f) => relative(ROOT, f))).toContain('examples/demo-cluster/README.md');
    expect(namedFiles('see `rbac/x.yaml`, [the guide](../../docs/a.md#b), `ci/deployer`, `--tls-min-version`')).toEqual(
      ['rbac/x.yaml', '../../docs/a.md'],
    );
  });

  it.each(readmes().map((f) => [relative(ROOT, f)]))('%s names only files that exist', (readme) => {
    const file = join(ROOT, readme);
    const missing = namedFiles(readFileSync(file, 'utf8')).filter(
      (name) => !existsSync(join(dirname(file), name)) && !existsSync(join(ROOT, name)),
    );
    expect(missing).toEqual([]);
  });
});
