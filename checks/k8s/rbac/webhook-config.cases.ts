import { defineCases } from '../../../test/support/cases';
import { clusterRole, crb, DEFAULTS, rbacFacts, rule, sa, withDefaults } from './fixtures';
import check from './webhook-config';

const DEFAULT_PASSES = [
  { status: 'pass' as const, resource: 'system:authenticated', kind: 'Group' },
  { status: 'pass' as const, resource: 'system:unauthenticated', kind: 'Group' },
];

export default defineCases(check, [
  { name: 'passes on the default RBAC of a kubeadm cluster', facts: rbacFacts(DEFAULTS), expect: DEFAULT_PASSES },
  {
    name: 'fails a ServiceAccount that can patch mutating webhooks and passes one that can only list them',
    facts: rbacFacts(
      withDefaults({
        roles: [
          clusterRole('hook-admin', [
            rule(['patch'], ['mutatingwebhookconfigurations'], ['admissionregistration.k8s.io']),
          ]),
          clusterRole('hook-view', [
            rule(['list'], ['mutatingwebhookconfigurations'], ['admissionregistration.k8s.io']),
          ]),
        ],
        bindings: [crb('a', 'hook-admin', [sa('ops', 'operator')]), crb('v', 'hook-view', [sa('ops', 'viewer')])],
      }),
    ),
    expect: [
      ...DEFAULT_PASSES,
      { status: 'fail', resource: 'ops/operator', kind: 'ServiceAccount' },
      { status: 'pass', resource: 'ops/viewer', kind: 'ServiceAccount' },
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
