import { defineCases } from '../../../test/support/cases';
import { clusterRole, crb, DEFAULTS, rbacFacts, rule, user, withDefaults } from './fixtures';
import check from './pv-create';

const DEFAULT_PASSES = [
  { status: 'pass' as const, resource: 'system:authenticated', kind: 'Group' },
  { status: 'pass' as const, resource: 'system:unauthenticated', kind: 'Group' },
];

export default defineCases(check, [
  { name: 'passes on the default RBAC of a kubeadm cluster', facts: rbacFacts(DEFAULTS), expect: DEFAULT_PASSES },
  {
    name: 'fails create on persistentvolumes, passes create on persistentvolumeclaims and get on persistentvolumes',
    facts: rbacFacts(
      withDefaults({
        roles: [
          clusterRole('pv', [rule(['create'], ['persistentvolumes'])]),
          clusterRole('pvc', [
            rule(['create'], ['persistentvolumeclaims']),
            rule(['get', 'list'], ['persistentvolumes']),
          ]),
        ],
        bindings: [crb('a', 'pv', [user('storage-admin')]), crb('b', 'pvc', [user('dev')])],
      }),
    ),
    expect: [
      ...DEFAULT_PASSES,
      { status: 'fail', resource: 'storage-admin', kind: 'User', message: 'can create PersistentVolumes' },
      { status: 'pass', resource: 'dev', kind: 'User' },
    ],
  },
  {
    name: 'is unknown when ClusterRoles could not be listed',
    facts: { 'k8s.rbac': { ok: false, reason: 'forbidden: list clusterroles' } },
    expect: [{ status: 'unknown', message: 'forbidden: list clusterroles' }],
  },
]);
