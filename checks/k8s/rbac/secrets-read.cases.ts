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
      { status: 'not-applicable', resource: 'mallory', kind: 'User', message: 'reported under k8s.rbac.cluster-admin' },
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
]);
