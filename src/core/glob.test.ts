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

  it('matches only the empty text with an empty glob', () => {
    expect(globMatches('', '')).toBe(true);
    expect(globMatches('', 'a')).toBe(false);
  });

  it('compiles a glob once', () => {
    expect(globToRegExp('ns/*')).toBe(globToRegExp('ns/*'));
  });
});
