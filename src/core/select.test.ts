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
