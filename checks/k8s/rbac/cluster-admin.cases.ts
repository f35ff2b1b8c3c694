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
        message:
          'User alice holds cluster-admin (all verbs on all resources) cluster-wide through ClusterRoleBinding alice-admin (ClusterRole cluster-admin).',
        // Only the rule that makes it full control: not cluster-admin's non-resource URL rule beside.
        evidence: {
          bindings: ['ClusterRoleBinding alice-admin'],
          roles: ['ClusterRole cluster-admin'],
          rules: ['verbs=[*] apiGroups=[*] resources=[*]'],
          scopes: ['*'],
          missingRoles: undefined,
        },
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
    name: 'fails system:masters itself when system RBAC is not excluded, through the grants its binding gives',
    facts: rbacFacts({
      roles: [CLUSTER_ADMIN],
      bindings: [crb('cluster-admin', 'cluster-admin', [group('system:masters')])],
    }),
    options: { excludeSystemRbac: false },
    expect: [
      {
        status: 'fail',
        resource: 'system:masters',
        kind: 'Group',
        severity: 'critical',
        message:
          'Group system:masters is system:masters, which bypasses authorization, cluster-wide through ClusterRoleBinding cluster-admin (ClusterRole cluster-admin).',
        evidence: {
          bindings: ['ClusterRoleBinding cluster-admin'],
          roles: ['ClusterRole cluster-admin'],
          rules: ['verbs=[*] apiGroups=[*] resources=[*]', 'verbs=[*] nonResourceURLs=[*]'],
          scopes: ['*'],
        },
      },
    ],
  },
  {
    name: 'fails system:masters named only by a binding to a role that grants nothing (membership bypasses authorization)',
    facts: rbacFacts(
      withDefaults({
        roles: [clusterRole('nothing', [])],
        bindings: [crb('masters-nothing', 'nothing', [group('system:masters')])],
      }),
    ),
    expect: [
      ...DEFAULT_PASSES,
      {
        status: 'fail',
        resource: 'system:masters',
        kind: 'Group',
        severity: 'critical',
        message:
          'Group system:masters is system:masters, which bypasses authorization whatever its roles grant; it is named by ClusterRoleBinding masters-nothing (ClusterRole nothing).',
        evidence: { bindings: ['ClusterRoleBinding masters-nothing'], roles: ['ClusterRole nothing'], scopes: ['*'] },
      },
    ],
  },
  {
    name: 'fails system:masters named only by a binding to a role that does not exist',
    facts: rbacFacts(
      withDefaults({
        bindings: [rb('team', 'masters-ghost', { kind: 'Role', name: 'ghost' }, [group('system:masters')])],
      }),
    ),
    expect: [
      ...DEFAULT_PASSES,
      {
        status: 'fail',
        resource: 'system:masters',
        kind: 'Group',
        severity: 'critical',
        message:
          'Group system:masters is system:masters, which bypasses authorization whatever its roles grant; it is named by RoleBinding team/masters-ghost (Role team/ghost, which does not exist).',
      },
    ],
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
        message:
          'User eve is bound to cluster-admin as soon as the role is created, through ClusterRoleBinding eve-admin (ClusterRole cluster-admin, which does not exist).',
        evidence: {
          bindings: ['ClusterRoleBinding eve-admin'],
          missingRoles: ['ClusterRole cluster-admin'],
          scopes: ['*'],
          roles: undefined,
          rules: undefined,
        },
      },
    ],
  },
  {
    name: 'passes subjects with "*" verbs on some resources, a namespaced Role named cluster-admin, a narrow ClusterRole and a missing one',
    facts: rbacFacts(
      withDefaults({
        roles: [
          clusterRole('pods-all', [rule(['*'], ['pods'])]),
          clusterRole('every-group-secrets', [rule(['*'], ['secrets'], ['*'])]),
          role('web', 'cluster-admin', [rule(['get'], ['pods'])]),
          clusterRole('reader', [rule(['get', 'list'], ['configmaps'])]),
        ],
        bindings: [
          crb('pod-boss', 'pods-all', [user('pod-boss')]),
          crb('secret-boss', 'every-group-secrets', [user('secret-boss')]),
          rb('web', 'web-admin', { kind: 'Role', name: 'cluster-admin' }, [user('web-admin')]),
          crb('reader', 'reader', [user('reader')]),
          crb('ghost', 'ghost', [user('ghost-user')]),
        ],
      }),
    ),
    expect: [
      ...DEFAULT_PASSES,
      {
        status: 'pass',
        resource: 'pod-boss',
        kind: 'User',
        message: 'User pod-boss holds neither cluster-admin nor "*" verbs on "*" resources.',
      },
      { status: 'pass', resource: 'secret-boss', kind: 'User' },
      { status: 'pass', resource: 'web-admin', kind: 'User' },
      { status: 'pass', resource: 'reader', kind: 'User' },
      { status: 'pass', resource: 'ghost-user', kind: 'User' },
    ],
  },
  {
    name: 'fails critical a subject bound to a cluster-admin ClusterRole someone narrowed: the binding is the finding',
    facts: rbacFacts({
      roles: [
        clusterRole('cluster-admin', [rule(['get'], ['pods'])]),
        clusterRole('reader', [rule(['list'], ['nodes'])]),
      ],
      bindings: [crb('dave-admin', 'cluster-admin', [user('dave')]), crb('dave-reader', 'reader', [user('dave')])],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'dave',
        kind: 'User',
        severity: 'critical',
        message:
          'User dave is bound to cluster-admin cluster-wide through ClusterRoleBinding dave-admin (ClusterRole cluster-admin).',
        // Only cluster-admin's rules: the other binding is no part of this finding.
        evidence: {
          bindings: ['ClusterRoleBinding dave-admin'],
          roles: ['ClusterRole cluster-admin'],
          rules: ['verbs=[get] apiGroups=[""] resources=[pods]'],
          scopes: ['*'],
        },
      },
    ],
  },
  {
    name: 'fails a subject with full control through a custom role and also bound to a cluster-admin that does not exist',
    facts: rbacFacts({
      roles: [
        clusterRole('god-mode', [rule(['*'], ['*'], ['*'])]),
        clusterRole('all-apps', [rule(['*'], ['*'], ['apps'])]),
      ],
      bindings: [
        crb('frank-god', 'god-mode', [user('frank')]),
        crb('frank-apps', 'all-apps', [user('frank')]),
        rb('web', 'frank-admin', { kind: 'ClusterRole', name: 'cluster-admin' }, [user('frank')]),
        rb('ci', 'frank-admin', { kind: 'ClusterRole', name: 'cluster-admin' }, [user('frank')]),
      ],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'frank',
        kind: 'User',
        severity: 'critical',
        message:
          'User frank holds cluster-admin (all verbs on all resources) cluster-wide through ClusterRoleBinding frank-apps, ' +
          'ClusterRoleBinding frank-god (ClusterRole all-apps, ClusterRole god-mode); also bound through ' +
          'RoleBinding web/frank-admin (ClusterRole cluster-admin, which does not exist), ' +
          'RoleBinding ci/frank-admin (ClusterRole cluster-admin, which does not exist).',
        evidence: {
          bindings: ['ClusterRoleBinding frank-apps', 'ClusterRoleBinding frank-god'],
          roles: ['ClusterRole all-apps', 'ClusterRole god-mode'],
          scopes: ['*'],
          missingRoles: ['ClusterRole cluster-admin'],
        },
      },
    ],
  },
  {
    name: 'fails high a subject bound to a missing cluster-admin in namespaces only, critical once bound cluster-wide',
    facts: rbacFacts({
      roles: [],
      bindings: [
        rb('web', 'gina-admin', { kind: 'ClusterRole', name: 'cluster-admin' }, [user('gina')]),
        rb('shop', 'gina-admin', { kind: 'ClusterRole', name: 'cluster-admin' }, [user('gina')]),
        rb('shop', 'gina-admin-2', { kind: 'ClusterRole', name: 'cluster-admin' }, [user('gina')]),
        rb('web', 'hank-admin', { kind: 'ClusterRole', name: 'cluster-admin' }, [user('hank')]),
        crb('hank-admin', 'cluster-admin', [user('hank')]),
      ],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'gina',
        kind: 'User',
        severity: 'high',
        message:
          'User gina is bound to cluster-admin as soon as the role is created, through ' +
          'RoleBinding web/gina-admin (ClusterRole cluster-admin, which does not exist), ' +
          'RoleBinding shop/gina-admin (ClusterRole cluster-admin, which does not exist), ' +
          'RoleBinding shop/gina-admin-2 (ClusterRole cluster-admin, which does not exist).',
        evidence: {
          bindings: ['RoleBinding shop/gina-admin', 'RoleBinding shop/gina-admin-2', 'RoleBinding web/gina-admin'],
          missingRoles: ['ClusterRole cluster-admin'],
          scopes: ['shop', 'web'],
        },
      },
      {
        status: 'fail',
        resource: 'hank',
        kind: 'User',
        severity: 'critical',
        evidence: {
          bindings: ['ClusterRoleBinding hank-admin', 'RoleBinding web/hank-admin'],
          missingRoles: ['ClusterRole cluster-admin'],
          scopes: ['*'],
        },
      },
    ],
  },
  {
    name: 'fails critical a subject bound to cluster-admin in a namespace and cluster-wide',
    facts: rbacFacts({
      roles: [CLUSTER_ADMIN],
      bindings: [
        rb('web', 'ivy-admin', { kind: 'ClusterRole', name: 'cluster-admin' }, [user('ivy')]),
        crb('ivy-admin', 'cluster-admin', [user('ivy')]),
      ],
    }),
    expect: [
      {
        status: 'fail',
        resource: 'ivy',
        kind: 'User',
        severity: 'critical',
        message:
          'User ivy holds cluster-admin (all verbs on all resources) cluster-wide through ClusterRoleBinding ivy-admin, ' +
          'RoleBinding web/ivy-admin (ClusterRole cluster-admin).',
        evidence: { scopes: ['*'] },
      },
    ],
  },
]);
