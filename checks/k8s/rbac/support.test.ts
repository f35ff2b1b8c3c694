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

describe('perSubject: the bindings that only name a subject', () => {
  // Listed out of name order, in two namespaces, to a role that grants nothing and to one that does not exist.
  const index = new RbacIndex({
    roles: [clusterRole('nothing', []), clusterRole('reader', [rule(['get'], ['pods'])])],
    bindings: [
      rb('web', 'zz-named', { kind: 'ClusterRole', name: 'nothing' }, [user('amy'), user('bob')]),
      rb('api', 'aa-named', { kind: 'Role', name: 'ghost' }, [user('amy'), user('bob')]),
      crb('mm-named', 'nothing', [user('bob')]),
      crb('reads', 'reader', [user('carol')]),
    ],
  });
  const run = (judge: Parameters<typeof perSubject>[2]) =>
    perSubject(index, 'demo', judge, 'cannot do it', { deferFullControl: false });
  const named = (s: SubjectRef) => index.directBindings(s).filter((b) => b.binding.name.endsWith('-named'));

  it('fails a subject named only in namespaces, each binding, role and namespace once and sorted', () => {
    const amy = run((s) => ({ grants: [], namedBy: named(s), what: 'is special', severity: 'high' }))[0];
    expect(amy).toEqual({
      status: 'fail',
      resource: { kind: 'User', name: 'amy' },
      severity: 'high',
      message:
        'User amy is special; it is named by RoleBinding web/zz-named (ClusterRole nothing), RoleBinding api/aa-named ' +
        '(Role api/ghost, which does not exist).',
      evidence: {
        bindings: ['RoleBinding api/aa-named', 'RoleBinding web/zz-named'],
        roles: ['ClusterRole nothing', 'Role api/ghost'],
        scopes: ['api', 'web'],
      },
    });
  });

  it('sorts the roles of the naming bindings, whatever order the bindings come in', () => {
    const byRole = new RbacIndex({
      roles: [clusterRole('zeta', []), clusterRole('alpha', [])],
      bindings: [
        rb('web', 'first', { kind: 'ClusterRole', name: 'zeta' }, [user('dan')]),
        rb('web', 'second', { kind: 'ClusterRole', name: 'alpha' }, [user('dan')]),
      ],
    });
    const [dan] = perSubject(
      byRole,
      'demo',
      (s) => ({ grants: [], namedBy: byRole.directBindings(s), what: 'is special' }),
      'cannot do it',
      { deferFullControl: false },
    );
    expect(dan.evidence).toEqual({
      bindings: ['RoleBinding web/first', 'RoleBinding web/second'],
      roles: ['ClusterRole alpha', 'ClusterRole zeta'],
      scopes: ['web'],
    });
  });

  it('gives scope "*" when one of the naming bindings is cluster-wide', () => {
    const bob = run((s) => ({ grants: [], namedBy: named(s), what: 'is special' }))[1];
    expect(bob.status).toBe('fail');
    expect(bob.severity).toBeUndefined();
    expect(bob.evidence).toMatchObject({ scopes: ['*'] });
  });

  it('reports the grants, not the naming bindings, when the verdict holds a grant', () => {
    const carol = run((s) => ({
      grants: index.directGrants(s),
      namedBy: named({ kind: 'User', name: 'amy' }),
      what: 'reads',
    }))[2];
    expect(carol.message).toBe('User carol reads cluster-wide through ClusterRoleBinding reads (ClusterRole reader).');
  });

  it('reports the missing roles, not the naming bindings, when the verdict holds a binding to a missing role', () => {
    const amy = run((s) => {
      const bindings = named(s);
      return { grants: [], missingRoles: bindings.filter((b) => b.roleMissing), namedBy: bindings, what: 'reads' };
    })[0];
    expect(amy.message).toBe(
      'User amy reads as soon as the role is created, through RoleBinding api/aa-named (Role api/ghost, which does not exist).',
    );
  });

  it('passes a verdict holding nothing: no grant, no missing role, no naming binding', () => {
    const results = run(() => ({ grants: [], what: 'is special' }));
    expect(results.map((r) => [r.status, r.message])).toEqual([
      ['pass', 'User amy cannot do it.'],
      ['pass', 'User bob cannot do it.'],
      ['pass', 'User carol cannot do it.'],
    ]);
    expect(run(() => ({ grants: [], namedBy: [], what: 'is special' })).map((r) => r.status)).toEqual([
      'pass',
      'pass',
      'pass',
    ]);
  });
});
