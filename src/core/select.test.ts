import type { AnyCheck } from './model';
import { matchChecks } from './select';

const check = (id: string, aliases?: string[]) => ({ id, aliases }) as unknown as AnyCheck;
const all = [
  check('host.ssh.root-login-disabled'),
  check('k8s.rbac.secrets-read', ['k8s.rbac.secret-read']),
  check('k8s.rbac.cluster-admin'),
];

describe('Function: matchChecks', () => {
  it.each([
    [['*'], [], ['host.ssh.root-login-disabled', 'k8s.rbac.secrets-read', 'k8s.rbac.cluster-admin']],
    [['k8s.rbac.*'], ['k8s.rbac.cluster-admin'], ['k8s.rbac.secrets-read']],
    [['k8s.rbac.secret-read'], [], ['k8s.rbac.secrets-read']],
    [['host.ssh.?oot-login-disabled'], [], ['host.ssh.root-login-disabled']],
    [['host.ssh'], [], []],
  ])('include %j exclude %j selects %j (IDs and aliases; "." is literal)', (include, exclude, ids) => {
    expect(matchChecks(all, include, exclude).map((c) => c.id)).toEqual(ids);
  });
});

describe('Function: matchChecks, globs', () => {
  const odd = [check('a+b.c'), check('aab.c'), check('x.y', ['old.name']), check('x.z')];

  it('takes every regex character other than * and ? literally', () => {
    expect(matchChecks(odd, ['a+b.c'], []).map((c) => c.id)).toEqual(['a+b.c']);
    expect(matchChecks(odd, ['a?b.c'], []).map((c) => c.id)).toEqual(['a+b.c', 'aab.c']);
  });

  it('anchors a glob at both ends', () => {
    expect(matchChecks(all, ['ssh.*'], [])).toEqual([]);
    expect(matchChecks(all, ['k8s.rbac.cluster'], [])).toEqual([]);
  });

  it('selects what any include glob matches, and excludes by alias too', () => {
    expect(matchChecks(odd, ['x.z', 'a+b.c'], []).map((c) => c.id)).toEqual(['a+b.c', 'x.z']);
    expect(matchChecks(odd, ['x.*'], ['old.*']).map((c) => c.id)).toEqual(['x.z']);
    expect(matchChecks(odd, ['x.*'], ['nothing', 'x.z']).map((c) => c.id)).toEqual(['x.y']);
  });

  it('excludes nothing with an empty exclude list', () => {
    expect(matchChecks(odd, ['x.*'], []).map((c) => c.id)).toEqual(['x.y', 'x.z']);
  });

  it('matches a check without aliases by its ID alone, and one with aliases by any of them', () => {
    expect(matchChecks(odd, ['a+b.c', 'old.name'], []).map((c) => c.id)).toEqual(['a+b.c', 'x.y']);
    expect(matchChecks(odd, ['*'], ['a*', 'x.z']).map((c) => c.id)).toEqual(['x.y']);
  });
});
