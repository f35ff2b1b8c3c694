import { defineCases } from '../../../test/support/cases';
import check from './cluster-admin';
import {
  CLUSTER_ADMIN,
  clusterRole,
  crb,
  DEFAULT_LABELS,
  DEFAULTS,
  group,
  rb,
  rbacFacts,
  role,
  rule,
  sa,
  user,
  withDefaults,
} from './fixtures';

/** Subjects of the defaults that are not control-plane identities, with what they hold (nothing of this check). */
const DEFAULT_PASSES = [
  { status: 'pass' as const, resource: 'system:authenticated', kind: 'Group' },
  { status: 'pass' as const, resource: 'system:unauthenticated', kind: 'Group' },
];

export default defineCases(check, [
  {
    name: 'passes on the default RBAC of a kubeadm cluster (system:masters and controllers are the control plane own)',
    facts: rbacFacts(DEFAULTS),
    expect: DEFAULT_PASSES,
  },
  {
    name: 'fails critical when a User is bound to cluster-admin by a ClusterRoleBinding',
    facts: rbacFacts(withDefaults({ bindings: [crb('alice-admin', 'cluster-admin', [user('alice')])] })),
    expect: [
      ...DEFAULT_PASSES,
      {
        status: 'fail',
        resource: 'alice',
        kind: 'User',
        severity: 'critical',
        message: 'ClusterRoleBinding alice-admin',
      },
    ],
  },
  {
    name: 'fails high when a ServiceAccount is bound to cluster-admin by a RoleBinding (namespace-wide full control)',
    facts: rbacFacts(
      withDefaults({
        bindings: [rb('ci', 'ci-admin', { kind: 'ClusterRole', name: 'cluster-admin' }, [sa('ci', 'deployer')])],
      }),
    ),
    expect: [
      ...DEFAULT_PASSES,
      { status: 'fail', resource: 'ci/deployer', kind: 'ServiceAccount', severity: 'high', message: 'in namespace ci' },
    ],
  },
  {
    name: 'fails when a Group holds "*" verbs on "*" resources through a custom ClusterRole',
    facts: rbacFacts(
      withDefaults({
        roles: [clusterRole('god-mode', [rule(['*'], ['*'], ['*'])])],
        bindings: [crb('ops-god', 'god-mode', [group('ops')])],
      }),
    ),
    expect: [...DEFAULT_PASSES, { status: 'fail', resource: 'ops', kind: 'Group', message: 'ClusterRole god-mode' }],
  },
  {
    name: 'passes a subject with narrow rights and fails the one bound to cluster-admin',
    facts: rbacFacts(
      withDefaults({
        roles: [role('web', 'reader', [rule(['get', 'list'], ['pods'])])],
        bindings: [
          rb('web', 'bob-reader', { kind: 'Role', name: 'reader' }, [user('bob')]),
          crb('carol-admin', 'cluster-admin', [user('carol')]),
        ],
      }),
    ),
    expect: [
      ...DEFAULT_PASSES,
      { status: 'pass', resource: 'bob', kind: 'User' },
      { status: 'fail', resource: 'carol', kind: 'User' },
    ],
  },
  {
    name: 'fails system:masters itself when system RBAC is not excluded',
    facts: rbacFacts({
      roles: [CLUSTER_ADMIN],
      bindings: [crb('cluster-admin', 'cluster-admin', [group('system:masters')])],
    }),
    options: { excludeSystemRbac: false },
    expect: [{ status: 'fail', resource: 'system:masters', kind: 'Group', message: 'system:masters' }],
  },
  {
    name: 'passes the cluster as a whole when no subject is bound at all',
    facts: rbacFacts({ roles: [CLUSTER_ADMIN], bindings: [] }),
    expect: [{ status: 'pass', kind: 'Cluster' }],
  },
  {
    name: 'is unknown when RoleBindings could not be listed',
    facts: {
      'k8s.rbac': { ok: false, reason: 'forbidden: list rolebindings.rbac.authorization.k8s.io at cluster scope' },
    },
    expect: [{ status: 'unknown', message: 'forbidden: list rolebindings' }],
  },
  {
    name: 'fails Group system:nodes bound to cluster-admin by a binding that only looks like a default (label, system: name)',
    facts: rbacFacts(
      withDefaults({
        bindings: [crb('system:node-admin', 'cluster-admin', [group('system:nodes')], DEFAULT_LABELS)],
      }),
    ),
    expect: [
      ...DEFAULT_PASSES,
      { status: 'fail', resource: 'system:nodes', kind: 'Group', severity: 'critical', message: 'system:node-admin' },
    ],
  },
  {
    name: 'fails system:authenticated, system:unauthenticated and system:anonymous bound to cluster-admin under the label',
    facts: rbacFacts(
      withDefaults({
        bindings: [
          crb(
            'system:basic-user-ext',
            'cluster-admin',
            [group('system:authenticated'), group('system:unauthenticated'), user('system:anonymous')],
            DEFAULT_LABELS,
          ),
        ],
      }),
    ),
    expect: [
      { status: 'fail', resource: 'system:authenticated', kind: 'Group' },
      { status: 'fail', resource: 'system:unauthenticated', kind: 'Group' },
      { status: 'fail', resource: 'system:anonymous', kind: 'User' },
    ],
  },
  {
    name: 'fails a kube-system ServiceAccount bound to cluster-admin through a binding labelled rbac-defaults',
    facts: rbacFacts(
      withDefaults({
        bindings: [crb('system:controller:helper', 'cluster-admin', [sa('kube-system', 'helper')], DEFAULT_LABELS)],
      }),
    ),
    expect: [...DEFAULT_PASSES, { status: 'fail', resource: 'kube-system/helper', kind: 'ServiceAccount' }],
  },
  {
    name: 'fails every subject of the shipped cluster-admin binding once a subject is added to it',
    facts: rbacFacts({
      roles: DEFAULTS.roles,
      bindings: [
        ...DEFAULTS.bindings.filter((b) => b.name !== 'cluster-admin'),
        crb('cluster-admin', 'cluster-admin', [group('system:masters'), user('mallory')], DEFAULT_LABELS),
      ],
    }),
    expect: [
      ...DEFAULT_PASSES,
      { status: 'fail', resource: 'mallory', kind: 'User', message: 'ClusterRoleBinding cluster-admin' },
      { status: 'fail', resource: 'system:masters', kind: 'Group', message: 'bypasses authorization' },
    ],
  },
  {
    name: 'fails a subject bound to cluster-admin when the cluster-admin ClusterRole does not exist (the binding is the finding)',
    facts: rbacFacts({
      roles: DEFAULTS.roles.filter((r) => r.name !== 'cluster-admin'),
      bindings: [...DEFAULTS.bindings, crb('eve-admin', 'cluster-admin', [user('eve')])],
    }),
    expect: [
      ...DEFAULT_PASSES,
      {
        status: 'fail',
        resource: 'eve',
        kind: 'User',
        severity: 'critical',
        message: 'ClusterRoleBinding eve-admin (ClusterRole cluster-admin, which does not exist)',
      },
    ],
  },
]);
