import { clusterRole, crb, DEFAULT_LABELS, group, rb, role, rule, sa, user } from '../../../checks/k8s/rbac/fixtures';
import type { KPolicyRule, KRbac } from '../facts/k8s';
import {
  type AccessQuery,
  impliedGroups,
  normaliseSubject,
  RbacIndex,
  ruleMatches,
  type SubjectRef,
  subjectKey,
} from './engine';

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
        clusterRole('system:controller:replicaset-controller', [rule(['get'], ['secrets'])], DEFAULT_LABELS),
      ],
      bindings: [
        crb('cluster-admin', 'cluster-admin', [group('system:masters')], DEFAULT_LABELS),
        crb('ops', 'secret-reader', [group('ops')]),
        rb('web', 'web-secrets', { kind: 'ClusterRole', name: 'secret-reader' }, [sa('web', 'app')]),
        rb('ci', 'ci-named', { kind: 'ClusterRole', name: 'named' }, [user('ci')]),
        crb(
          'system:controller:replicaset-controller',
          'system:controller:replicaset-controller',
          [sa('kube-system', 'replicaset-controller')],
          DEFAULT_LABELS,
        ),
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
        'ServiceAccount:kube-system/replicaset-controller',
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

    it('names no one for a ServiceAccount without namespace in a dangling ClusterRoleBinding, and keeps the others', () => {
      const index = new RbacIndex({
        roles: [],
        bindings: [
          {
            kind: 'ClusterRoleBinding',
            name: 'gone-role',
            labels: {},
            roleRef: { kind: 'ClusterRole', name: 'gone' },
            subjects: [
              { kind: 'ServiceAccount', name: 'bot' },
              { kind: 'User', name: 'alice' },
            ],
          },
        ],
      });
      expect(index.dangling.map((b) => b.name)).toEqual(['gone-role']);
      expect(index.subjects()).toEqual([U('alice')]);
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

  it('gives a ServiceAccount subject without namespace the RoleBinding namespace, and none in a ClusterRoleBinding', () => {
    expect(normaliseSubject({ kind: 'ServiceAccount', name: 'bot' }, 'ci')).toEqual(SA('ci', 'bot'));
    expect(normaliseSubject({ kind: 'ServiceAccount', name: 'bot' })).toBeUndefined();
  });

  it('grants nothing to a ServiceAccount subject without namespace in a ClusterRoleBinding (the authorizer matches no one)', () => {
    const index = new RbacIndex(
      {
        roles: [clusterRole('reader', [{ verbs: ['get'], apiGroups: [''], resources: ['secrets'] }])],
        bindings: [
          {
            kind: 'ClusterRoleBinding',
            name: 'no-ns',
            labels: {},
            roleRef: { kind: 'ClusterRole', name: 'reader' },
            subjects: [{ kind: 'ServiceAccount', name: 'bot' }],
          },
        ],
      },
      { excludeSystemRbac: false },
    );
    expect(index.subjects()).toEqual([]);
    expect(index.can(SA('default', 'bot'), { verb: 'get', group: '', resource: 'secrets', namespace: 'x' })).toEqual(
      [],
    );
  });
});

/** Kubernetes' own authorizer tests (plugin/pkg/auth/authorizer/rbac/rbac_test.go), as rows: rbac, subject, request. */
describe('Upstream: the RBAC authorizer (rbac_test.go TestAuthorizer)', () => {
  const URL = (verb: string, path: string): AccessQuery => ({ verb, group: '', resource: '', nonResourceURL: path });
  const allow = (rbac: KRbac, s: SubjectRef, q: AccessQuery) =>
    new RbacIndex(rbac, { excludeSystemRbac: false }).can(s, q).length > 0;

  describe('a RoleBinding of a ClusterRole with "*" everything, in ns1', () => {
    const rbac: KRbac = {
      roles: [clusterRole('admin', [{ verbs: ['*'], apiGroups: ['*'], resources: ['*'], nonResourceURLs: ['*'] }])],
      bindings: [rb('ns1', 'b', { kind: 'ClusterRole', name: 'admin' }, [user('admin'), group('admins')])],
    };
    it.each<[string, SubjectRef, AccessQuery, boolean]>([
      ['admin gets pods in ns1', U('admin'), Q('get', 'Pods', 'ns1'), true],
      ['admin watches Foobar in ns1', U('admin'), Q('watch', 'Foobar', 'ns1'), true],
      ['group admins watches Foobar in ns1', G('admins'), Q('watch', 'Foobar', 'ns1'), true],
      ['not in ns2', U('admin'), Q('GET', 'Pods', 'ns2'), false],
      ['not a cluster-scoped request (Nodes)', U('admin'), Q('GET', 'Nodes', null), false],
      ['group admins not in ns2', G('admins'), Q('GET', 'Pods', 'ns2'), false],
      ['group admins not cluster-scoped', G('admins'), Q('GET', 'Nodes', null), false],
      ['not a non-resource URL (RoleBindings never grant them)', U('admin'), URL('get', '/apis'), false],
    ])('%s', (_n, s, q, ok) => expect(allow(rbac, s, q)).toBe(ok));
  });

  describe('non-resource URLs granted by ClusterRoleBindings', () => {
    const rbac: KRbac = {
      roles: [
        clusterRole('non-resource-url-getter', [{ verbs: ['get'], nonResourceURLs: ['/apis'] }]),
        clusterRole('non-resource-url', [{ verbs: ['*'], nonResourceURLs: ['/apis'] }]),
        clusterRole('non-resource-url-prefix', [{ verbs: ['get'], nonResourceURLs: ['/apis/*'] }]),
      ],
      bindings: [
        crb('getter', 'non-resource-url-getter', [user('foo'), group('bar')]),
        crb('all', 'non-resource-url', [user('admin'), group('admin')]),
        crb('prefix', 'non-resource-url-prefix', [user('prefixed'), group('prefixed')]),
      ],
    };
    it.each<[SubjectRef, AccessQuery, boolean]>([
      [U('foo'), URL('get', '/apis'), true],
      [G('bar'), URL('get', '/apis'), true],
      [U('admin'), URL('get', '/apis'), true],
      [G('admin'), URL('watch', '/apis'), true],
      [U('prefixed'), URL('get', '/apis/v1'), true],
      [G('prefixed'), URL('get', '/apis/v1/foobar'), true],
      [U('foo'), URL('watch', '/apis'), false],
      [G('bar'), URL('watch', '/apis'), false],
      [U('foo'), URL('get', '/api/v1'), false],
      [U('admin'), URL('get', '/api/v1'), false],
      [U('prefixed'), URL('get', '/api/v1'), false],
      [U('prefixed'), URL('get', '/apis'), false],
    ])('%j %j: %s', (s, q, ok) => expect(allow(rbac, s, q)).toBe(ok));
  });

  it.each<[string, string, AccessQuery, boolean]>([
    ['rule pods does not grant pods/status', 'pods', Q('get', 'pods/status', 'ns1'), false],
    ['rule pods grants pods', 'pods', Q('get', 'pods', 'ns1'), true],
    ['rule pods/status grants pods/status', 'pods/status', Q('get', 'pods/status', 'ns1'), true],
    ['rule pods/status does not grant pods', 'pods/status', Q('get', 'pods', 'ns1'), false],
  ])('subresource resolution: %s', (_n, resource, q, ok) => {
    const rbac: KRbac = {
      roles: [clusterRole('admin', [rule(['*'], [resource], ['*'])])],
      bindings: [rb('ns1', 'b', { kind: 'ClusterRole', name: 'admin' }, [user('admin')])],
    };
    expect(allow(rbac, U('admin'), q)).toBe(ok);
  });
});

describe('Upstream: RuleAllows (rbac_test.go TestRuleMatches)', () => {
  const R = (verb: string, group: string, resource: string, subresource?: string, name?: string): AccessQuery => ({
    verb,
    group,
    resource,
    ...(subresource ? { subresource } : {}),
    ...(name ? { name } : {}),
  });
  const N = (verb: string, path: string): AccessQuery => ({ verb, group: '', resource: '', nonResourceURL: path });
  const cases: [string, KPolicyRule, [AccessQuery, boolean][]][] = [
    [
      'star verb, exact match other',
      rule(['*'], ['resource1'], ['group1']),
      [
        [R('verb1', 'group1', 'resource1'), true],
        [R('verb1', 'group2', 'resource1'), false],
        [R('verb1', 'group1', 'resource2'), false],
        [R('verb2', 'group1', 'resource1'), true],
      ],
    ],
    [
      'star group, exact match other',
      rule(['verb1'], ['resource1'], ['*']),
      [
        [R('verb1', 'group1', 'resource1'), true],
        [R('verb1', 'group2', 'resource1'), true],
        [R('verb1', 'group1', 'resource2'), false],
        [R('verb2', 'group1', 'resource1'), false],
      ],
    ],
    [
      'star resource, exact match other',
      rule(['verb1'], ['*'], ['group1']),
      [
        [R('verb1', 'group1', 'resource1'), true],
        [R('verb1', 'group2', 'resource1'), false],
        [R('verb1', 'group1', 'resource2'), true],
        [R('verb2', 'group1', 'resource1'), false],
      ],
    ],
    [
      'tuple expansion',
      rule(['verb1', 'verb2'], ['resource1', 'resource2'], ['group1', 'group2']),
      [
        [R('verb1', 'group1', 'resource1'), true],
        [R('verb2', 'group2', 'resource2'), true],
        [R('verb2', 'group1', 'resource2'), true],
      ],
    ],
    [
      'subresource expansion',
      rule(['*'], ['resource1/subresource1'], ['*']),
      [
        [R('verb1', 'group1', 'resource1', 'subresource1'), true],
        [R('verb1', 'group2', 'resource1', 'subresource2'), false],
        [R('verb1', 'group1', 'resource2', 'subresource1'), false],
        [R('verb1', 'group1', 'resource1'), false],
      ],
    ],
    [
      '*/subresource matches that subresource of any resource',
      rule(['update'], ['*/scale'], ['*']),
      [
        [R('update', 'apps', 'deployments', 'scale'), true],
        [R('update', '', 'replicationcontrollers', 'scale'), true],
        [R('update', 'apps', 'deployments'), false],
        [R('update', 'apps', 'deployments', 'status'), false],
      ],
    ],
    [
      'resourceNames restrict a request that names an object',
      rule(['get'], ['secrets'], [''], { resourceNames: ['db'] }),
      [
        [R('get', '', 'secrets', undefined, 'db'), true],
        [R('get', '', 'secrets', undefined, 'other'), false],
      ],
    ],
    [
      'star nonresource, exact match other',
      { verbs: ['verb1'], nonResourceURLs: ['*'] },
      [
        [N('verb1', '/foo'), true],
        [N('verb1', '/foo/bar/one'), true],
        [N('verb2', '/foo'), false],
        [R('verb1', '', 'pods'), false],
      ],
    ],
    [
      'star nonresource subpath',
      { verbs: ['verb1'], nonResourceURLs: ['/foo/*'] },
      [
        [N('verb1', '/foo'), false],
        [N('verb1', '/foo/bar'), true],
        [N('verb1', '/foo/bar/one'), true],
        [N('verb1', '/notfoo'), false],
        [N('verb1', '/notfoo/bar'), false],
      ],
    ],
    [
      'star verb, exact nonresource',
      { verbs: ['*'], nonResourceURLs: ['/foo', '/foo/bar/one'] },
      [
        [N('verb1', '/foo'), true],
        [N('verb1', '/foo/bar'), false],
        [N('verb2', '/foo/bar/one'), true],
        [N('verb2', '/foo/baz/one'), false],
      ],
    ],
    [
      'a resource rule never grants a non-resource URL',
      rule(['*'], ['*'], ['*']),
      [
        [N('get', '/healthz'), false],
        [R('get', 'apps', 'deployments', 'scale'), true],
      ],
    ],
  ];
  describe.each(cases)('%s', (_name, r, rows) => {
    it.each(rows)('%j: %s', (q, ok) => expect(ruleMatches(r, q)).toBe(ok));
  });
});

/** The aggregation controller's own tests (pkg/controller/clusterroleaggregation, TestSyncClusterRole). */
describe('Upstream: ClusterRole aggregation (clusterroleaggregation_controller_test.go)', () => {
  const hammer = [rule(['hammer'], ['nails'], ['']), rule(['hammer'], ['wedges'], [''])];
  const chisel = [rule(['chisel'], ['mortises'], [''])];
  const saw = [rule(['saw'], ['boards'], [''])];
  const combined = (selectors: Record<string, string>[], rules: KPolicyRule[] = []) =>
    clusterRole(
      'combined',
      rules,
      {},
      {
        aggregationRule: { clusterRoleSelectors: selectors.map((matchLabels) => ({ matchLabels })) },
      },
    );
  const effective = (roles: KRbac['roles']) => {
    const index = new RbacIndex({ roles, bindings: [] });
    return index.rulesOf(index.role('ClusterRole', 'combined')!).map((r) => r.rule.verbs[0] + ' ' + r.rule.resources);
  };

  it.each<[string, KRbac['roles'], string[]]>([
    [
      'remove dead rules: its own rules are replaced by the selected roles',
      [clusterRole('hammer', hammer, { foo: 'bar' }), combined([{ foo: 'bar' }], saw)],
      ['hammer nails', 'hammer wedges'],
    ],
    [
      'strip rules: nothing selected grants nothing',
      [clusterRole('hammer', hammer, { foo: 'not-bar' }), combined([{ foo: 'bar' }], hammer)],
      [],
    ],
    [
      'select properly and put in order',
      [
        clusterRole('hammer', hammer, { foo: 'bar' }),
        clusterRole('chisel', chisel, { foo: 'bar' }),
        clusterRole('saw', saw, { foo: 'not-bar' }),
        combined([{ foo: 'bar' }]),
      ],
      ['chisel mortises', 'hammer nails', 'hammer wedges'],
    ],
    [
      'select properly with multiple selectors',
      [
        clusterRole('hammer', hammer, { foo: 'bar' }),
        clusterRole('chisel', chisel, { foo: 'bar' }),
        clusterRole('saw', saw, { foo: 'not-bar' }),
        combined([{ foo: 'bar' }, { foo: 'not-bar' }]),
      ],
      ['chisel mortises', 'hammer nails', 'hammer wedges', 'saw boards'],
    ],
    [
      'select properly remove duplicates',
      [
        clusterRole('hammer', hammer, { foo: 'bar' }),
        clusterRole('chisel', chisel, { foo: 'bar' }),
        clusterRole('saw', saw, { foo: 'bar' }),
        clusterRole('other-saw', saw, { foo: 'not-bar' }),
        combined([{ foo: 'bar' }, { foo: 'not-bar' }]),
      ],
      ['chisel mortises', 'hammer nails', 'hammer wedges', 'saw boards'],
    ],
  ])('%s', (_name, roles, expected) => expect(effective(roles)).toEqual(expected));

  it('who-can does not report what only the aggregated role own rules: list grant', () => {
    const rbac: KRbac = {
      roles: [clusterRole('hammer', hammer, { foo: 'bar' }), combined([{ foo: 'bar' }], [rule(['get'], ['secrets'])])],
      bindings: [crb('b', 'combined', [user('amy')])],
    };
    const index = new RbacIndex(rbac, { excludeSystemRbac: false });
    expect(index.whoCan(Q('get', 'secrets'))).toEqual([]);
    expect(index.whoCan(Q('hammer', 'nails')).map((e) => subjectKey(e.subject))).toEqual(['User:amy']);
  });
});

describe('Built-in RBAC: recognised by name, roleRef and subjects together, never by label', () => {
  const backdoors: [string, KRbac['bindings'][number]][] = [
    [
      'cluster-admin to Group system:nodes',
      crb('system:node-admin', 'cluster-admin', [group('system:nodes')], DEFAULT_LABELS),
    ],
    [
      'cluster-admin to Group system:authenticated',
      crb('system:discovery-ext', 'cluster-admin', [group('system:authenticated')], DEFAULT_LABELS),
    ],
    [
      'cluster-admin to Group system:unauthenticated',
      crb('system:public', 'cluster-admin', [group('system:unauthenticated')], DEFAULT_LABELS),
    ],
    [
      'cluster-admin to User system:anonymous',
      crb('anon', 'cluster-admin', [user('system:anonymous')], DEFAULT_LABELS),
    ],
    [
      'cluster-admin to a kube-system ServiceAccount under a labelled binding',
      crb('system:controller:helper', 'cluster-admin', [sa('kube-system', 'helper')], DEFAULT_LABELS),
    ],
    [
      'the default system:node-proxier binding pointed at cluster-admin',
      crb('system:node-proxier', 'cluster-admin', [user('system:kube-proxy')], DEFAULT_LABELS),
    ],
    [
      'the default cluster-admin binding with a Group added',
      crb('cluster-admin', 'cluster-admin', [group('system:masters'), group('system:nodes')], DEFAULT_LABELS),
    ],
  ];
  const base: KRbac = {
    roles: [clusterRole('cluster-admin', [rule(['*'], ['*'], ['*'])], DEFAULT_LABELS)],
    bindings: [],
  };

  it.each(backdoors)('who-can "* *" lists %s, even with the exclusion on', (_name, binding) => {
    const index = new RbacIndex({ ...base, bindings: [binding] }, { excludeSystemRbac: true });
    const got = index.whoCan({ verb: '*', group: '*', resource: '*' });
    const wanted = binding.subjects
      .flatMap((s) => {
        const n = normaliseSubject(s, binding.namespace);
        return n ? [subjectKey(n)] : [];
      })
      .filter((k) => k !== 'Group:system:masters');
    expect(got.map((e) => subjectKey(e.subject))).toEqual(expect.arrayContaining(wanted));
    expect(got.every((e) => !e.builtIn)).toBe(true);
  });

  it('reports the shipped system:node-proxier binding once its ClusterRole was widened with a "*" rule', () => {
    const rbac: KRbac = {
      roles: [
        clusterRole('system:node-proxier', [rule(['list'], ['services']), rule(['*'], ['*'], ['*'])], DEFAULT_LABELS),
      ],
      bindings: [crb('system:node-proxier', 'system:node-proxier', [user('system:kube-proxy')], DEFAULT_LABELS)],
    };
    const got = new RbacIndex(rbac, { excludeSystemRbac: true }).whoCan({ verb: '*', group: '*', resource: '*' });
    expect(got.map((e) => [subjectKey(e.subject), e.builtIn])).toEqual([['User:system:kube-proxy', false]]);
  });

  it('leaves out the bindings Kubernetes ships, exactly as shipped, and marks them built-in when shown', () => {
    const rbac: KRbac = {
      ...base,
      bindings: [
        crb('cluster-admin', 'cluster-admin', [group('system:masters')]),
        crb('system:node-proxier', 'system:node-proxier', [user('system:kube-proxy')]),
      ],
      roles: [...base.roles, clusterRole('system:node-proxier', [rule(['list', 'watch'], ['endpoints', 'services'])])],
    };
    expect(new RbacIndex(rbac, { excludeSystemRbac: true }).whoCan(Q('list', 'services'))).toEqual([]);
    const shown = new RbacIndex(rbac, { excludeSystemRbac: false }).whoCan(Q('list', 'services'));
    expect(shown.map((e) => [subjectKey(e.subject), e.builtIn])).toEqual([
      ['Group:system:masters', true],
      ['User:system:kube-proxy', true],
    ]);
  });
});

describe('Method: directBindings', () => {
  it('includes a binding whose role does not exist, marked roleMissing', () => {
    const index = new RbacIndex({
      roles: [clusterRole('r', [rule(['get'], ['pods'])])],
      bindings: [
        rb('web', 'b', { kind: 'Role', name: 'gone' }, [sa('web', 'default')]),
        crb('c', 'r', [sa('web', 'default')]),
      ],
    });
    expect(index.directBindings(SA('web', 'default')).map((b) => [b.binding.name, b.role.name, b.roleMissing])).toEqual(
      [
        ['c', 'r', false],
        ['b', 'gone', true],
      ],
    );
    expect(index.subjects().map(subjectKey)).toContain('ServiceAccount:web/default');
  });
});
