import { RbacIndex, type SubjectRef } from '../../../src/core/rbac/engine';
import { clusterRole, crb, DEFAULTS, rb, rule, user, withDefaults } from './fixtures';
import { perSubject, rbacIndex } from './support';

describe('rbacIndex', () => {
  it('builds one index per RBAC facts and exclusion option, shared by every check of a scan', () => {
    const rbac = withDefaults({});
    const excluding = rbacIndex(rbac, { excludeSystemRbac: true });
    const including = rbacIndex(rbac, { excludeSystemRbac: false });
    expect(rbacIndex(rbac, { excludeSystemRbac: true })).toBe(excluding);
    expect(rbacIndex(rbac, { excludeSystemRbac: false })).toBe(including);
    expect(including).not.toBe(excluding);
    expect(including.options.excludeSystemRbac).toBe(false);
    expect(excluding.options.excludeSystemRbac).toBe(true);
    expect(rbacIndex(DEFAULTS, { excludeSystemRbac: true })).not.toBe(excluding);
  });
});

describe('perSubject', () => {
  // Bindings to missing roles of several names, listed out of order: the evidence lists each role once, sorted.
  const index = new RbacIndex({
    roles: [clusterRole('reader', [rule(['get'], ['pods'])])],
    bindings: [
      rb('web', 'to-zeta', { kind: 'Role', name: 'zeta' }, [user('zed'), user('amy')]),
      crb('to-alpha', 'alpha', [user('zed'), user('amy')]),
      crb('to-alpha-too', 'alpha', [user('zed'), user('amy')]),
      rb('shop', 'to-zeta', { kind: 'Role', name: 'zeta' }, [user('zed'), user('amy')]),
      crb('amy-reader', 'reader', [user('amy')]),
    ],
  });
  const judge = (s: SubjectRef) => {
    const missingRoles = index.directBindings(s).filter((b) => b.roleMissing);
    return { grants: index.directGrants(s), missingRoles, what: 'can do it' };
  };
  // Evaluated inside each test, so that mutation coverage attributes the run to it.
  const findings = () => perSubject(index, 'demo', judge, 'cannot do it', { deferFullControl: false });

  it('names every missing role once, sorted, for a subject bound only to missing roles', () => {
    const [, zed] = findings();
    expect(zed.status).toBe('fail');
    expect(zed.evidence).toEqual({
      bindings: [
        'ClusterRoleBinding to-alpha',
        'ClusterRoleBinding to-alpha-too',
        'RoleBinding shop/to-zeta',
        'RoleBinding web/to-zeta',
      ],
      missingRoles: ['ClusterRole alpha', 'Role shop/zeta', 'Role web/zeta'],
      scopes: ['*'],
    });
  });

  it('names every missing role once, sorted, beside the grants', () => {
    const [amy] = findings();
    expect(amy.status).toBe('fail');
    expect(amy.message).toBe(
      'User amy can do it cluster-wide through ClusterRoleBinding amy-reader (ClusterRole reader); also bound through ' +
        'RoleBinding web/to-zeta (Role web/zeta, which does not exist), ClusterRoleBinding to-alpha (ClusterRole alpha, ' +
        'which does not exist), ClusterRoleBinding to-alpha-too (ClusterRole alpha, which does not exist), RoleBinding shop/to-zeta (Role shop/zeta, which does not exist).',
    );
    expect(amy.evidence).toMatchObject({ missingRoles: ['ClusterRole alpha', 'Role shop/zeta', 'Role web/zeta'] });
  });
});
