import { defineCases } from '../../../test/support/cases';
import check from './cluster-admin';
import {
  CLUSTER_ADMIN,
  clusterRole,
  crb,
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
]);
