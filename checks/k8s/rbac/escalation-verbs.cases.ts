import { defineCases } from '../../../test/support/cases';
import check from './escalation-verbs';
import { clusterRole, crb, DEFAULTS, rb, rbacFacts, rule, sa, user, withDefaults } from './fixtures';

const DEFAULT_PASSES = [
  { status: 'pass' as const, resource: 'system:authenticated', kind: 'Group' },
  { status: 'pass' as const, resource: 'system:unauthenticated', kind: 'Group' },
];

export default defineCases(check, [
  { name: 'passes on the default RBAC of a kubeadm cluster', facts: rbacFacts(DEFAULTS), expect: DEFAULT_PASSES },
  {
    name: 'fails a User who can impersonate and passes one who can only read roles',
    facts: rbacFacts(
      withDefaults({
        roles: [
          clusterRole('impersonator', [rule(['impersonate'], ['users', 'groups'])]),
          clusterRole('role-reader', [rule(['get', 'list'], ['roles', 'clusterroles'], ['rbac.authorization.k8s.io'])]),
        ],
        bindings: [
          crb('mallory-imp', 'impersonator', [user('mallory')]),
          crb('dan-roles', 'role-reader', [user('dan')]),
        ],
      }),
    ),
    expect: [
      ...DEFAULT_PASSES,
      { status: 'fail', resource: 'mallory', kind: 'User' },
      { status: 'pass', resource: 'dan', kind: 'User' },
    ],
  },
  {
    name: 'fails a ServiceAccount that can bind ClusterRoles in its namespace',
    facts: rbacFacts(
      withDefaults({
        roles: [clusterRole('binder', [rule(['bind'], ['clusterroles'], ['rbac.authorization.k8s.io'])])],
        bindings: [rb('ci', 'ci-binder', { kind: 'ClusterRole', name: 'binder' }, [sa('ci', 'bot')])],
      }),
    ),
    expect: [
      ...DEFAULT_PASSES,
      { status: 'fail', resource: 'ci/bot', kind: 'ServiceAccount', message: 'in namespace ci' },
    ],
  },
  {
    name: 'is unknown when ClusterRoles could not be listed',
    facts: {
      'k8s.rbac': { ok: false, reason: 'forbidden: list clusterroles.rbac.authorization.k8s.io at cluster scope' },
    },
    expect: [{ status: 'unknown', message: 'forbidden: list clusterroles' }],
  },
]);
