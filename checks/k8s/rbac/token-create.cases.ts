import { defineCases } from '../../../test/support/cases';
import { clusterRole, crb, DEFAULTS, rbacFacts, rule, user, withDefaults } from './fixtures';
import check from './token-create';

const DEFAULT_PASSES = [
  { status: 'pass' as const, resource: 'system:authenticated', kind: 'Group' },
  { status: 'pass' as const, resource: 'system:unauthenticated', kind: 'Group' },
];

export default defineCases(check, [
  { name: 'passes on the default RBAC of a kubeadm cluster', facts: rbacFacts(DEFAULTS), expect: DEFAULT_PASSES },
  {
    name: 'fails a User who can create serviceaccounts/token and passes one who can create serviceaccounts',
    facts: rbacFacts(
      withDefaults({
        roles: [
          clusterRole('tokens', [rule(['create'], ['serviceaccounts/token'])]),
          clusterRole('sa-maker', [rule(['create'], ['serviceaccounts'])]),
        ],
        bindings: [crb('t', 'tokens', [user('minter')]), crb('s', 'sa-maker', [user('maker')])],
      }),
    ),
    expect: [
      ...DEFAULT_PASSES,
      { status: 'fail', resource: 'minter', kind: 'User' },
      { status: 'pass', resource: 'maker', kind: 'User' },
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
