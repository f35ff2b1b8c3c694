import { defineCases } from '../../../test/support/cases';
import check from './csr-approve';
import { clusterRole, crb, DEFAULTS, group, rbacFacts, rule, withDefaults } from './fixtures';

const DEFAULT_PASSES = [
  { status: 'pass' as const, resource: 'system:authenticated', kind: 'Group' },
  { status: 'pass' as const, resource: 'system:unauthenticated', kind: 'Group' },
];

export default defineCases(check, [
  { name: 'passes on the default RBAC of a kubeadm cluster', facts: rbacFacts(DEFAULTS), expect: DEFAULT_PASSES },
  {
    name: 'fails a Group that can update certificatesigningrequests/approval and passes one that can list CSRs',
    facts: rbacFacts(
      withDefaults({
        roles: [
          clusterRole('approver', [rule(['update'], ['certificatesigningrequests/approval'], ['certificates.k8s.io'])]),
          clusterRole('csr-lister', [rule(['list'], ['certificatesigningrequests'], ['certificates.k8s.io'])]),
        ],
        bindings: [crb('a', 'approver', [group('pki-admins')]), crb('l', 'csr-lister', [group('auditors')])],
      }),
    ),
    expect: [
      ...DEFAULT_PASSES,
      { status: 'fail', resource: 'pki-admins', kind: 'Group' },
      { status: 'pass', resource: 'auditors', kind: 'Group' },
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
