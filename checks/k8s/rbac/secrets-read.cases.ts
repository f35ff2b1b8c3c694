import { defineCases } from '../../../test/support/cases';
import { clusterRole, crb, DEFAULTS, group, rb, rbacFacts, role, rule, sa, user, withDefaults } from './fixtures';
import check from './secrets-read';

const DEFAULT_PASSES = [
  { status: 'pass' as const, resource: 'system:authenticated', kind: 'Group' },
  { status: 'pass' as const, resource: 'system:unauthenticated', kind: 'Group' },
];

export default defineCases(check, [
  { name: 'passes on the default RBAC of a kubeadm cluster', facts: rbacFacts(DEFAULTS), expect: DEFAULT_PASSES },
  {
    name: 'reports a subject with full control as not applicable: the finding is k8s.rbac.cluster-admin, once',
    facts: rbacFacts(
      withDefaults({
        roles: [clusterRole('everything', [rule(['*'], ['*'], ['*'])])],
        bindings: [crb('root-ish', 'everything', [user('mallory')])],
      }),
    ),
    expect: [
      ...DEFAULT_PASSES,
      {
        status: 'not-applicable',
        resource: 'mallory',
        kind: 'User',
        message: 'User mallory holds full control of the cluster: reported under k8s.rbac.cluster-admin.',
        evidence: { subsumedBy: 'k8s.rbac.cluster-admin' },
      },
    ],
  },
  {
    name: 'fails a User who can list Secrets cluster-wide and passes one who reads ConfigMaps',
    facts: rbacFacts(
      withDefaults({
        roles: [
          clusterRole('secret-lister', [rule(['list'], ['secrets'])]),
          clusterRole('cm-reader', [rule(['get'], ['configmaps'])]),
        ],
        bindings: [crb('eve-secrets', 'secret-lister', [user('eve')]), crb('dan-cm', 'cm-reader', [user('dan')])],
      }),
    ),
    expect: [
      ...DEFAULT_PASSES,
      { status: 'fail', resource: 'eve', kind: 'User', message: 'can read Secrets cluster-wide' },
      { status: 'pass', resource: 'dan', kind: 'User' },
    ],
  },
  {
    name: 'fails a ServiceAccount that reads Secrets through an aggregated ClusterRole bound in one namespace',
    facts: rbacFacts(
      withDefaults({
        roles: [
          clusterRole('agg', [], {}, { aggregationRule: { clusterRoleSelectors: [{ matchLabels: { agg: 'yes' } }] } }),
          clusterRole('peek', [rule(['watch'], ['secrets'])], { agg: 'yes' }),
        ],
        bindings: [rb('web', 'web-agg', { kind: 'ClusterRole', name: 'agg' }, [sa('web', 'app')])],
      }),
    ),
    expect: [
      ...DEFAULT_PASSES,
      { status: 'fail', resource: 'web/app', kind: 'ServiceAccount', message: 'aggregates ClusterRole peek' },
    ],
  },
  {
    name: 'fails a Group granted "*" verbs on the core group resources',
    facts: rbacFacts(
      withDefaults({
        roles: [role('ops', 'all-core', [rule(['*'], ['*'])])],
        bindings: [rb('ops', 'ops-all', { kind: 'Role', name: 'all-core' }, [group('ops')])],
      }),
    ),
    expect: [...DEFAULT_PASSES, { status: 'fail', resource: 'ops', kind: 'Group', message: 'in namespace ops' }],
  },
  {
    name: 'is unknown when ClusterRoles could not be listed',
    facts: {
      'k8s.rbac': { ok: false, reason: 'forbidden: list clusterroles.rbac.authorization.k8s.io at cluster scope' },
    },
    expect: [{ status: 'unknown', message: 'forbidden: list clusterroles' }],
  },
  {
    name: 'fails a subject with full control when k8s.rbac.cluster-admin is not part of the scan (no deferral to a check that did not run)',
    facts: rbacFacts(
      withDefaults({
        roles: [clusterRole('everything', [rule(['*'], ['*'], ['*'])])],
        bindings: [crb('root-ish', 'everything', [user('mallory')])],
      }),
    ),
    checksInScan: ['k8s.rbac.secrets-read'],
    expect: [...DEFAULT_PASSES, { status: 'fail', resource: 'mallory', kind: 'User', message: 'can read Secrets' }],
  },
  {
    name: 'defers system:masters to k8s.rbac.cluster-admin whatever role binds it: membership is full control',
    facts: rbacFacts(
      withDefaults({
        roles: [clusterRole('cm-reader', [rule(['get'], ['configmaps'])])],
        bindings: [crb('masters-cm', 'cm-reader', [group('system:masters')])],
      }),
    ),
    expect: [
      ...DEFAULT_PASSES,
      {
        status: 'not-applicable',
        resource: 'system:masters',
        kind: 'Group',
        message: 'Group system:masters holds full control of the cluster: reported under k8s.rbac.cluster-admin.',
      },
    ],
  },
  {
    name: 'fails, not defers, subjects whose "*" rules stop short of full control cluster-wide',
    facts: rbacFacts(
      withDefaults({
        roles: [
          clusterRole('all-core', [rule(['*'], ['*'])]),
          clusterRole('all-secrets', [rule(['*'], ['secrets'], ['*'])]),
          clusterRole('get-everything', [rule(['get'], ['*'], ['*'])]),
          clusterRole('everything', [rule(['*'], ['*'], ['*'])]),
        ],
        bindings: [
          crb('core', 'all-core', [user('core')]),
          crb('secrets', 'all-secrets', [user('secrets')]),
          crb('getter', 'get-everything', [user('getter')]),
          rb('web', 'web-admin', { kind: 'ClusterRole', name: 'everything' }, [user('web-admin')]),
        ],
      }),
    ),
    expect: [
      ...DEFAULT_PASSES,
      {
        status: 'fail',
        resource: 'core',
        kind: 'User',
        message: 'User core can read Secrets cluster-wide through ClusterRoleBinding core (ClusterRole all-core).',
        evidence: {
          bindings: ['ClusterRoleBinding core'],
          roles: ['ClusterRole all-core'],
          rules: ['verbs=[*] apiGroups=[""] resources=[*]'],
          scopes: ['*'],
          missingRoles: undefined,
        },
      },
      { status: 'fail', resource: 'secrets', kind: 'User' },
      { status: 'fail', resource: 'getter', kind: 'User' },
      {
        status: 'fail',
        resource: 'web-admin',
        kind: 'User',
        message:
          'User web-admin can read Secrets in namespace web through RoleBinding web/web-admin (ClusterRole everything).',
      },
    ],
  },
  {
    name: 'passes a subject that cannot read Secrets, in those words',
    facts: rbacFacts(
      withDefaults({
        roles: [clusterRole('cm-reader', [rule(['get'], ['configmaps'])])],
        bindings: [crb('dan-cm', 'cm-reader', [user('dan')])],
      }),
    ),
    expect: [
      ...DEFAULT_PASSES,
      { status: 'pass', resource: 'dan', kind: 'User', message: 'User dan cannot read Secrets.' },
    ],
  },
  {
    name: 'passes the cluster as a whole, in those words, when no subject is bound at all',
    facts: rbacFacts({ roles: DEFAULTS.roles, bindings: [] }),
    expect: [
      {
        status: 'pass',
        kind: 'Cluster',
        resource: 'demo',
        message: 'No subject of cluster demo is bound to a role: none is granted anything.',
      },
    ],
  },
]);
