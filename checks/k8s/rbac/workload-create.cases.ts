import { defineCases } from '../../../test/support/cases';
import { clusterRole, crb, DEFAULTS, rb, rbacFacts, role, rule, sa, user, withDefaults } from './fixtures';
import check from './workload-create';

const DEFAULT_PASSES = [
  { status: 'pass' as const, resource: 'system:authenticated', kind: 'Group' },
  { status: 'pass' as const, resource: 'system:unauthenticated', kind: 'Group' },
];

export default defineCases(check, [
  { name: 'passes on the default RBAC of a kubeadm cluster', facts: rbacFacts(DEFAULTS), expect: DEFAULT_PASSES },
  {
    name: 'fails a ServiceAccount that can create Deployments and passes one that can only update them',
    facts: rbacFacts(
      withDefaults({
        roles: [
          role('ci', 'deployer', [rule(['create'], ['deployments'], ['apps'])]),
          role('ci', 'patcher', [rule(['update', 'patch'], ['deployments'], ['apps'])]),
        ],
        bindings: [
          rb('ci', 'deployer', { kind: 'Role', name: 'deployer' }, [sa('ci', 'deployer')]),
          rb('ci', 'patcher', { kind: 'Role', name: 'patcher' }, [sa('ci', 'patcher')]),
        ],
      }),
    ),
    expect: [
      ...DEFAULT_PASSES,
      { status: 'fail', resource: 'ci/deployer', kind: 'ServiceAccount', message: 'in namespace ci' },
      { status: 'pass', resource: 'ci/patcher', kind: 'ServiceAccount' },
    ],
  },
  {
    name: 'passes a rule for pods in another API group (metrics.k8s.io pods are not Pods)',
    facts: rbacFacts(
      withDefaults({
        roles: [clusterRole('metrics', [rule(['create', 'get'], ['pods'], ['metrics.k8s.io'])])],
        bindings: [crb('m', 'metrics', [user('m')])],
      }),
    ),
    expect: [...DEFAULT_PASSES, { status: 'pass', resource: 'm', kind: 'User' }],
  },
  {
    name: 'is unknown when ClusterRoles could not be listed',
    facts: {
      'k8s.rbac': { ok: false, reason: 'forbidden: list clusterroles.rbac.authorization.k8s.io at cluster scope' },
    },
    expect: [{ status: 'unknown', message: 'forbidden: list clusterroles' }],
  },
]);
