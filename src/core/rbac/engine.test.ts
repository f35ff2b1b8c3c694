import { clusterRole, crb, DEFAULT_LABELS, group, rb, role, rule, sa, user } from '../../../checks/k8s/rbac/fixtures';
import type { KRbac } from '../facts/k8s';
import { type AccessQuery, impliedGroups, normaliseSubject, RbacIndex, type SubjectRef, subjectKey } from './engine';

const U = (name: string): SubjectRef => ({ kind: 'User', name });
const G = (name: string): SubjectRef => ({ kind: 'Group', name });
const SA = (namespace: string, name: string): SubjectRef => ({ kind: 'ServiceAccount', namespace, name });
const Q = (verb: string, resource: string, namespace?: string | null, group = '', name?: string): AccessQuery => {
  const [res, sub] = resource.split('/');
  return { verb, group, resource: res, ...(sub ? { subresource: sub } : {}), namespace, ...(name ? { name } : {}) };
};

/** Each row: an RBAC, a subject, a request, whether RBAC allows it. */
const CAN: [string, KRbac, SubjectRef, AccessQuery, boolean][] = [
  [
    'a ClusterRoleBinding grants in every namespace',
    { roles: [clusterRole('r', [rule(['get'], ['pods'])])], bindings: [crb('b', 'r', [user('a')])] },
    U('a'),
    Q('get', 'pods', 'web'),
    true,
  ],
  [
    'a RoleBinding to a ClusterRole grants only in its namespace',
    {
      roles: [clusterRole('r', [rule(['get'], ['pods'])])],
      bindings: [rb('web', 'b', { kind: 'ClusterRole', name: 'r' }, [user('a')])],
    },
    U('a'),
    Q('get', 'pods', 'other'),
    false,
  ],
  [
    'a RoleBinding to a ClusterRole grants in its own namespace',
    {
      roles: [clusterRole('r', [rule(['get'], ['pods'])])],
      bindings: [rb('web', 'b', { kind: 'ClusterRole', name: 'r' }, [user('a')])],
    },
    U('a'),
    Q('get', 'pods', 'web'),
    true,
  ],
  [
    'a RoleBinding never grants cluster-wide (namespace null)',
    {
      roles: [clusterRole('r', [rule(['list'], ['nodes'])])],
      bindings: [rb('web', 'b', { kind: 'ClusterRole', name: 'r' }, [user('a')])],
    },
    U('a'),
    Q('list', 'nodes', null),
    false,
  ],
  [
    '"*" verbs match any verb',
    { roles: [clusterRole('r', [rule(['*'], ['pods'])])], bindings: [crb('b', 'r', [user('a')])] },
    U('a'),
    Q('delete', 'pods'),
    true,
  ],
  [
    '"*" resources match subresources too',
    { roles: [clusterRole('r', [rule(['create'], ['*'])])], bindings: [crb('b', 'r', [user('a')])] },
    U('a'),
    Q('create', 'pods/exec'),
    true,
  ],
  [
    '"*" apiGroups match any group',
    { roles: [clusterRole('r', [rule(['create'], ['deployments'], ['*'])])], bindings: [crb('b', 'r', [user('a')])] },
    U('a'),
    Q('create', 'deployments', undefined, 'apps'),
    true,
  ],
  [
    'a resource in another API group does not match',
    {
      roles: [clusterRole('r', [rule(['create'], ['deployments'], ['extensions'])])],
      bindings: [crb('b', 'r', [user('a')])],
    },
    U('a'),
    Q('create', 'deployments', undefined, 'apps'),
    false,
  ],
  [
    'pods does not grant the pods/exec subresource',
    { roles: [clusterRole('r', [rule(['create', 'get'], ['pods'])])], bindings: [crb('b', 'r', [user('a')])] },
    U('a'),
    Q('create', 'pods/exec'),
    false,
  ],
  [
    '"*/scale" grants the scale subresource of any resource',
    { roles: [clusterRole('r', [rule(['update'], ['*/scale'], ['apps'])])], bindings: [crb('b', 'r', [user('a')])] },
    U('a'),
    Q('update', 'deployments/scale', undefined, 'apps'),
    true,
  ],
  [
    'resourceNames allow the named object',
    {
      roles: [clusterRole('r', [rule(['get'], ['secrets'], [''], { resourceNames: ['app-tls'] })])],
      bindings: [crb('b', 'r', [user('a')])],
    },
    U('a'),
    Q('get', 'secrets', 'web', '', 'app-tls'),
    true,
  ],
  [
    'resourceNames deny another object',
    {
      roles: [clusterRole('r', [rule(['get'], ['secrets'], [''], { resourceNames: ['app-tls'] })])],
      bindings: [crb('b', 'r', [user('a')])],
    },
    U('a'),
    Q('get', 'secrets', 'web', '', 'db-password'),
    false,
  ],
  [
    'an aggregated ClusterRole carries the rules of the ClusterRoles its selector matches',
    {
      roles: [
        clusterRole('agg', [], {}, { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'yes' } }] } }),
        clusterRole('part', [rule(['list'], ['secrets'])], { a: 'yes' }),
      ],
      bindings: [crb('b', 'agg', [user('a')])],
    },
    U('a'),
    Q('list', 'secrets'),
    true,
  ],
  [
    'aggregation is transitive (an aggregated role aggregating another)',
    {
      roles: [
        clusterRole('top', [], {}, { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { tier: 'mid' } }] } }),
        clusterRole(
          'mid',
          [],
          { tier: 'mid' },
          { aggregationRule: { clusterRoleSelectors: [{ matchExpressions: [{ key: 'leaf', operator: 'Exists' }] }] } },
        ),
        clusterRole('leaf', [rule(['delete'], ['pods'])], { leaf: '1' }),
      ],
      bindings: [crb('b', 'top', [user('a')])],
    },
    U('a'),
    Q('delete', 'pods'),
    true,
  ],
  [
    'a ClusterRole whose labels do not match is not aggregated',
    {
      roles: [
        clusterRole('agg', [], {}, { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { a: 'yes' } }] } }),
        clusterRole('part', [rule(['list'], ['secrets'])], { a: 'no' }),
      ],
      bindings: [crb('b', 'agg', [user('a')])],
    },
    U('a'),
    Q('list', 'secrets'),
    false,
  ],
  [
    'a ServiceAccount holds what system:serviceaccounts:NS is granted',
    {
      roles: [clusterRole('r', [rule(['get'], ['configmaps'])])],
      bindings: [crb('b', 'r', [group('system:serviceaccounts:ci')])],
    },
    SA('ci', 'bot'),
    Q('get', 'configmaps'),
    true,
  ],
  [
    'a ServiceAccount of another namespace does not',
    {
      roles: [clusterRole('r', [rule(['get'], ['configmaps'])])],
      bindings: [crb('b', 'r', [group('system:serviceaccounts:ci')])],
    },
    SA('web', 'bot'),
    Q('get', 'configmaps'),
    false,
  ],
  [
    'every ServiceAccount holds what system:serviceaccounts is granted',
    {
      roles: [clusterRole('r', [rule(['get'], ['configmaps'])])],
      bindings: [crb('b', 'r', [group('system:serviceaccounts')])],
    },
    SA('web', 'bot'),
    Q('get', 'configmaps'),
    true,
  ],
  [
    'a User holds what system:authenticated is granted',
    {
      roles: [clusterRole('r', [rule(['list'], ['namespaces'])])],
      bindings: [crb('b', 'r', [group('system:authenticated')])],
    },
    U('alice'),
    Q('list', 'namespaces'),
    true,
  ],
  [
    'system:anonymous does not hold what system:authenticated is granted',
    {
      roles: [clusterRole('r', [rule(['list'], ['namespaces'])])],
      bindings: [crb('b', 'r', [group('system:authenticated')])],
    },
    U('system:anonymous'),
    Q('list', 'namespaces'),
    false,
  ],
  [
    'system:anonymous holds what system:unauthenticated is granted',
    {
      roles: [clusterRole('r', [rule(['list'], ['namespaces'])])],
      bindings: [crb('b', 'r', [group('system:unauthenticated')])],
    },
    U('system:anonymous'),
    Q('list', 'namespaces'),
    true,
  ],
  [
    'a User subject system:serviceaccount:NS:NAME is that ServiceAccount',
    {
      roles: [clusterRole('r', [rule(['get'], ['pods'])])],
      bindings: [crb('b', 'r', [user('system:serviceaccount:ci:bot')])],
    },
    SA('ci', 'bot'),
    Q('get', 'pods'),
    true,
  ],
  [
    'a ServiceAccount subject without namespace takes the RoleBinding namespace',
    {
      roles: [role('ci', 'r', [rule(['get'], ['pods'])])],
      bindings: [rb('ci', 'b', { kind: 'Role', name: 'r' }, [{ kind: 'ServiceAccount', name: 'bot' }])],
    },
    SA('ci', 'bot'),
    Q('get', 'pods', 'ci'),
    true,
  ],
  [
    'a binding to a missing role grants nothing',
    { roles: [], bindings: [crb('b', 'not-there', [user('a')])] },
    U('a'),
    Q('get', 'pods'),
    false,
  ],
  [
    'a RoleBinding to a Role of another namespace grants nothing',
    {
      roles: [role('other', 'r', [rule(['get'], ['pods'])])],
      bindings: [rb('web', 'b', { kind: 'Role', name: 'r' }, [user('a')])],
    },
    U('a'),
    Q('get', 'pods', 'web'),
    false,
  ],
];

describe('Class: RbacIndex', () => {
  describe('Method: can', () => {
    it.each(CAN)('%s', (_name, rbac, subject, query, allowed) => {
      const index = new RbacIndex(rbac, { excludeSystemRbac: false });
      expect(index.can(subject, query).length > 0).toBe(allowed);
    });
  });

  describe('Method: whoCan', () => {
    const rbac: KRbac = {
      roles: [
        clusterRole('cluster-admin', [rule(['*'], ['*'], ['*'])], DEFAULT_LABELS),
        clusterRole('secret-reader', [rule(['get', 'list'], ['secrets'])]),
        clusterRole('named', [rule(['get'], ['secrets'], [''], { resourceNames: ['a', 'b'] })]),
        clusterRole('system:controller:x', [rule(['get'], ['secrets'])], DEFAULT_LABELS),
      ],
      bindings: [
        crb('cluster-admin', 'cluster-admin', [group('system:masters')], DEFAULT_LABELS),
        crb('ops', 'secret-reader', [group('ops')]),
        rb('web', 'web-secrets', { kind: 'ClusterRole', name: 'secret-reader' }, [sa('web', 'app')]),
        rb('ci', 'ci-named', { kind: 'ClusterRole', name: 'named' }, [user('ci')]),
        crb('system:controller:x', 'system:controller:x', [sa('kube-system', 'x-controller')], DEFAULT_LABELS),
      ],
    };

    it('lists each subject once with its scopes, leaving out the control plane own when excluded', () => {
      const index = new RbacIndex(rbac, { excludeSystemRbac: true });
      const got = index.whoCan(Q('get', 'secrets')).map((e) => [subjectKey(e.subject), e.scopes, e.restrictedTo]);
      expect(got).toEqual([
        ['Group:ops', ['*'], undefined],
        ['ServiceAccount:web/app', ['web'], undefined],
        ['User:ci', ['ci'], ['a', 'b']],
      ]);
    });

    it('includes system:masters and the defaults when system RBAC is not excluded', () => {
      const index = new RbacIndex(rbac, { excludeSystemRbac: false });
      const got = index.whoCan(Q('get', 'secrets')).map((e) => subjectKey(e.subject));
      expect(got).toEqual([
        'Group:ops',
        'Group:system:masters',
        'ServiceAccount:kube-system/x-controller',
        'ServiceAccount:web/app',
        'User:ci',
      ]);
    });

    it('answers for one namespace: cluster-wide grants and that namespace only', () => {
      const index = new RbacIndex(rbac, { excludeSystemRbac: true });
      expect(index.whoCan(Q('list', 'secrets', 'web')).map((e) => subjectKey(e.subject))).toEqual([
        'Group:ops',
        'ServiceAccount:web/app',
      ]);
    });

    it('answers nobody for a verb nobody holds', () => {
      const index = new RbacIndex(rbac, { excludeSystemRbac: true });
      expect(index.whoCan(Q('delete', 'secrets'))).toEqual([]);
    });
  });

  describe('Property: dangling', () => {
    it('names every binding whose role is missing', () => {
      const index = new RbacIndex({
        roles: [],
        bindings: [crb('b', 'gone', [user('a')]), rb('web', 'c', { kind: 'Role', name: 'x' }, [])],
      });
      expect(index.dangling.map((b) => b.name)).toEqual(['b', 'c']);
    });
  });
});

describe('Function: impliedGroups', () => {
  it.each([
    [SA('ci', 'bot'), ['system:serviceaccounts', 'system:serviceaccounts:ci', 'system:authenticated']],
    [U('alice'), ['system:authenticated']],
    [U('system:anonymous'), ['system:unauthenticated']],
    [G('ops'), []],
  ])('%o is in %o', (subject, groups) => {
    expect(impliedGroups(subject)).toEqual(groups);
  });
});

describe('Function: normaliseSubject', () => {
  it('turns a User system:serviceaccount:NS:NAME into the ServiceAccount', () => {
    expect(normaliseSubject({ kind: 'User', name: 'system:serviceaccount:ci:bot' })).toEqual(SA('ci', 'bot'));
  });
});
