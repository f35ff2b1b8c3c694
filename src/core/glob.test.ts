import fc from 'fast-check';
import { globMatches, globToRegExp } from './glob';

describe('Function: globMatches', () => {
  it.each<[string, string, boolean]>([
    ['host.ssh.*', 'host.ssh.permit-root', true],
    ['host.ssh.*', 'host.sshd.x', false],
    ['k8s.rbac.?ecrets-read', 'k8s.rbac.secrets-read', true],
    ['a.b*', 'a.bcd', true],
    ['a.b*', 'axbcd', false],
    ['x?z', 'xyz', true],
    ['team-?', 'team-ab', false],
    ['*', 'payments/api', true],
    ['team-a/*', 'team-a/api', true],
    ['team-a/*', 'xteam-a/api', false],
    ['team-*', 'team-a/api', true],
    ['*', '.hidden', true],
    ['ns/*', 'ns/.x', true],
    ['*', 'multi\nline', true],
    ['ns/?', 'ns/x', true],
    ['ns/?', 'ns/xy', false],
  ])('%j matches %j: %s', (glob, text, expected) => {
    expect(globMatches(glob, text)).toBe(expected);
  });

  it.each<[string, string, string]>([
    ['brackets', '[a-c]', 'b'],
    ['braces', '{a,b}', 'a'],
    ['a negation', '!x', 'y'],
    ['an extglob', '@(a|b)', 'a'],
    ['a regex alternation', 'a|b', 'b'],
    ['a regex quantifier', 'a+b', 'aab'],
    ['an escaped backslash before a pipe', '\\|', '\\'],
  ])('gives no meaning to %s', (_name, glob, text) => {
    expect(globMatches(glob, text)).toBe(false);
    expect(globMatches(glob, glob)).toBe(true);
  });

  it.each(['(a)[b]', 'a$^b', '{a}|b', 'a\\b', 'é:~`\'",;<>=', 'a\\\\b', '\\$', '(a)[b]{1}^$|\\'])(
    'matches %j itself, literally',
    (glob) => {
      expect(globMatches(glob, glob)).toBe(true);
    },
  );

  it('never lets ? stand for the / between a namespace and a name', () => {
    expect(globMatches('team?api', 'team/api')).toBe(false);
  });

  // A cluster-scoped resource is named `name`, a namespaced one `namespace/name`: a `/` that a glob spells out must be
  // in the text, or a waiver for a namespace's objects would cover the cluster-scoped object of the same name.
  it.each<[string, string]>([
    ['team-a/**', 'team-a'],
    ['**/admin', 'admin'],
    ['**/db/*', 'db/'],
    ['team-a/**/x', 'team-a/x'],
    ['a\\', 'a\\/'],
    ['*\\', 'x\\/'],
  ])('gives / no path meaning: %j does not match %j', (glob, text) => {
    expect(globMatches(glob, text)).toBe(false);
  });

  it.each<[string, string]>([
    ['team-a/**', 'team-a/api'],
    ['**/admin', 'team-a/admin'],
    ['*/*', 'a/b'],
  ])('%j still matches %j', (glob, text) => {
    expect(globMatches(glob, text)).toBe(true);
  });

  it('matches only the empty text with an empty glob', () => {
    expect(globMatches('', '')).toBe(true);
    expect(globMatches('', 'a')).toBe(false);
  });

  it('compiles a glob once', () => {
    expect(globToRegExp('ns/*')).toBe(globToRegExp('ns/*'));
  });
});

describe('Function: globMatches, against the documented rule', () => {
  // The rule as a regular expression: `*` any run of characters, `?` one character other than `/`, the rest literal.
  const rule = (glob: string) =>
    new RegExp(
      `^${[...glob].map((c) => (c === '*' ? '[\\s\\S]*' : c === '?' ? '[^/]' : `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)).join('')}$`,
    );
  const chars = (alphabet: string) => fc.constantFrom(...alphabet);
  const glob = fc.string({ unit: chars('ab/.-*?\\!\n'), minLength: 1, maxLength: 7 });
  const fill = fc.string({ unit: chars('ab/.-\\!\n'), maxLength: 3 });
  // Texts near the glob: its wildcards filled in, then one character dropped or added (or none), so that matches and
  // near misses both come up.
  const near = fc
    .tuple(glob, fc.array(fill, { minLength: 8, maxLength: 8 }), fc.nat(9), fc.constantFrom('', 'drop', '/', '\\', '.'))
    .map(([g, fills, at, edit]) => {
      let i = 0;
      const t = [...g].map((c) => (c === '*' ? fills[i++] : c === '?' ? (fills[i++][0] ?? 'a') : c)).join('');
      const k = Math.min(at, t.length);
      const text =
        edit === '' ? t : edit === 'drop' ? t.slice(0, k) + t.slice(k + 1) : t.slice(0, k) + edit + t.slice(k);
      return [g, text] as const;
    });
  const dotSegment = /(^|\/)\.{1,2}(\/|$)/;
  // Resource names and check IDs are never empty (and `*` does not match the empty text).
  const named = near.filter(([, t]) => t !== '');

  it('never matches a text the rule does not', () => {
    fc.assert(
      fc.property(named, ([g, t]) => {
        if (globMatches(g, t)) expect(rule(g).test(t)).toBe(true);
      }),
      { numRuns: 3000 },
    );
  });

  it('matches what the rule matches in a text without a . or .. path segment (which no Kubernetes name is)', () => {
    fc.assert(
      fc.property(named, ([g, t]) => {
        if (!dotSegment.test(t)) expect(globMatches(g, t)).toBe(rule(g).test(t));
      }),
      { numRuns: 3000 },
    );
  });
});
