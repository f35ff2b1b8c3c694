import { defineCases } from '../../../test/support/cases';
import check from './default-sa-bound';
import { clusterRole, crb, DEFAULTS, rb, rbacFacts, role, rule, sa, user, withDefaults } from './fixtures';

const READER = clusterRole('reader', [rule(['get'], ['configmaps'])]);
const READER_RULE = 'verbs=[get] apiGroups=[""] resources=[configmaps]';

export default defineCases(check, [
  {
    name: 'fails the default ServiceAccount bound in its namespace and passes the unbound ones',
    facts: {
      ...rbacFacts(
        withDefaults({
          roles: [READER],
          bindings: [
            rb('web', 'default-reader', { kind: 'ClusterRole', name: 'reader' }, [sa('web', 'default')]),
            // Not a namespace's default ServiceAccount: another ServiceAccount, a User named default, and the default
            // ServiceAccount of an excluded namespace.
            rb('web', 'deployer-reader', { kind: 'ClusterRole', name: 'reader' }, [sa('web', 'deployer')]),
            crb('default-user-reader', 'reader', [user('default')]),
            rb('kube-system', 'ks-default-reader', { kind: 'ClusterRole', name: 'reader' }, [
              sa('kube-system', 'default'),
            ]),
          ],
        }),
      ),
      'k8s.serviceAccounts': {
        ok: true,
        value: [
          { namespace: 'web', name: 'default' },
          { namespace: 'web', name: 'deployer' },
          { namespace: 'ci', name: 'default' },
          { namespace: 'ci', name: 'builder' },
          // A namespace whose default ServiceAccount was not listed: nothing to say about it.
          { namespace: 'ops', name: 'builder' },
          { namespace: 'kube-system', name: 'default' },
        ],
      },
    },
    expect: [
      {
        status: 'fail',
        resource: 'web/default',
        kind: 'ServiceAccount',
        message:
          'ServiceAccount web/default is bound in namespace web through RoleBinding web/default-reader (ClusterRole reader).',
        evidence: {
          bindings: ['RoleBinding web/default-reader'],
          roles: ['ClusterRole reader'],
          rules: [READER_RULE],
          scopes: ['web'],
          missingRoles: undefined,
        },
      },
      {
        status: 'pass',
        resource: 'ci/default',
        kind: 'ServiceAccount',
        message: 'ServiceAccount ci/default is bound to no role.',
      },
    ],
  },
  {
    name: 'passes the cluster as a whole when no default ServiceAccount is bound and ServiceAccounts were not listed',
    facts: rbacFacts(DEFAULTS),
    expect: [
      { status: 'pass', kind: 'Cluster', message: 'No default ServiceAccount of cluster demo is bound to a role.' },
    ],
  },
  {
    name: 'passes the cluster as a whole when ServiceAccounts could not be listed: the bindings were all seen',
    facts: { ...rbacFacts(DEFAULTS), 'k8s.serviceAccounts': { ok: false, reason: 'forbidden' } },
    expect: [
      { status: 'pass', kind: 'Cluster', message: 'No default ServiceAccount of cluster demo is bound to a role.' },
    ],
  },
  {
    name: 'fails the default ServiceAccount bound to a Role that does not exist: it grants as soon as the Role is created',
    facts: rbacFacts(
      withDefaults({
        bindings: [rb('web', 'default-later', { kind: 'Role', name: 'not-yet' }, [sa('web', 'default')])],
      }),
    ),
    expect: [
      {
        status: 'fail',
        resource: 'web/default',
        message:
          'ServiceAccount web/default is bound in namespace web through RoleBinding web/default-later (Role web/not-yet, which does not exist).',
        evidence: {
          bindings: ['RoleBinding web/default-later'],
          roles: [],
          rules: [],
          scopes: [],
          missingRoles: ['Role web/not-yet'],
        },
      },
    ],
  },
  {
    name: 'fails the default ServiceAccount bound to missing roles in two namespaces, naming each binding and role once',
    facts: rbacFacts(
      withDefaults({
        bindings: [
          rb('web', 'later-b', { kind: 'Role', name: 'not-yet' }, [sa('web', 'default')]),
          rb('web', 'later-a', { kind: 'Role', name: 'not-yet' }, [sa('web', 'default')]),
          rb('shop', 'from-shop', { kind: 'ClusterRole', name: 'ghost' }, [sa('web', 'default')]),
        ],
      }),
    ),
    expect: [
      {
        status: 'fail',
        resource: 'web/default',
        message:
          'ServiceAccount web/default is bound in namespaces shop, web through ' +
          'RoleBinding shop/from-shop (ClusterRole ghost, which does not exist), ' +
          'RoleBinding web/later-a (Role web/not-yet, which does not exist), ' +
          'RoleBinding web/later-b (Role web/not-yet, which does not exist).',
        evidence: {
          bindings: ['RoleBinding shop/from-shop', 'RoleBinding web/later-a', 'RoleBinding web/later-b'],
          roles: [],
          scopes: [],
          missingRoles: ['ClusterRole ghost', 'Role web/not-yet'],
        },
      },
    ],
  },
  {
    name: 'fails the default ServiceAccount bound cluster-wide to a missing ClusterRole',
    facts: rbacFacts(withDefaults({ bindings: [crb('default-everywhere', 'ghost', [sa('shop', 'default')])] })),
    expect: [
      {
        status: 'fail',
        resource: 'shop/default',
        message:
          'ServiceAccount shop/default is bound cluster-wide through ClusterRoleBinding default-everywhere (ClusterRole ghost, which does not exist).',
        evidence: { bindings: ['ClusterRoleBinding default-everywhere'], missingRoles: ['ClusterRole ghost'] },
      },
    ],
  },
  {
    name: 'fails the default ServiceAccount bound both in its namespace and cluster-wide as bound cluster-wide',
    facts: rbacFacts(
      withDefaults({
        roles: [READER, role('web', 'lister', [rule(['list'], ['pods'])])],
        bindings: [
          rb('web', 'default-lister', { kind: 'Role', name: 'lister' }, [sa('web', 'default')]),
          crb('default-reader', 'reader', [sa('web', 'default')]),
        ],
      }),
    ),
    expect: [
      {
        status: 'fail',
        resource: 'web/default',
        message:
          'ServiceAccount web/default is bound cluster-wide through ClusterRoleBinding default-reader, ' +
          'RoleBinding web/default-lister (ClusterRole reader, Role web/lister).',
        evidence: {
          bindings: ['ClusterRoleBinding default-reader', 'RoleBinding web/default-lister'],
          roles: ['ClusterRole reader', 'Role web/lister'],
          scopes: ['*'],
          missingRoles: undefined,
        },
      },
    ],
  },
  {
    name: 'fails the default ServiceAccount granted in two namespaces, with a missing role beside, naming every namespace',
    facts: rbacFacts(
      withDefaults({
        roles: [READER],
        bindings: [
          rb('web', 'reader', { kind: 'ClusterRole', name: 'reader' }, [sa('web', 'default')]),
          rb('shop', 'reader', { kind: 'ClusterRole', name: 'reader' }, [sa('web', 'default')]),
          rb('ci', 'later', { kind: 'Role', name: 'not-yet' }, [sa('web', 'default')]),
        ],
      }),
    ),
    expect: [
      {
        status: 'fail',
        resource: 'web/default',
        message:
          'ServiceAccount web/default is bound in namespaces ci, shop, web through ' +
          'RoleBinding ci/later (Role ci/not-yet, which does not exist), RoleBinding shop/reader, RoleBinding web/reader ' +
          '(ClusterRole reader).',
        evidence: {
          bindings: ['RoleBinding ci/later', 'RoleBinding shop/reader', 'RoleBinding web/reader'],
          roles: ['ClusterRole reader'],
          rules: [READER_RULE],
          scopes: ['shop', 'web'],
          missingRoles: ['Role ci/not-yet'],
        },
      },
    ],
  },
  {
    name: 'fails the default ServiceAccount bound to a role with no rules yet, naming the binding',
    facts: rbacFacts(
      withDefaults({
        roles: [role('web', 'empty', [])],
        bindings: [rb('web', 'default-empty', { kind: 'Role', name: 'empty' }, [sa('web', 'default')])],
      }),
    ),
    expect: [
      {
        status: 'fail',
        resource: 'web/default',
        message: 'ServiceAccount web/default is bound in namespace web through RoleBinding web/default-empty.',
        evidence: { bindings: ['RoleBinding web/default-empty'], roles: [], rules: [], missingRoles: undefined },
      },
    ],
  },
]);
