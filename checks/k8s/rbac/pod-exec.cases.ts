import { defineCases } from '../../../test/support/cases';
import { clusterRole, crb, DEFAULTS, group, rbacFacts, rule, user, withDefaults } from './fixtures';
import check from './pod-exec';

const DEFAULT_PASSES = [
  { status: 'pass' as const, resource: 'system:authenticated', kind: 'Group' },
  { status: 'pass' as const, resource: 'system:unauthenticated', kind: 'Group' },
];

export default defineCases(check, [
  { name: 'passes on the default RBAC of a kubeadm cluster', facts: rbacFacts(DEFAULTS), expect: DEFAULT_PASSES },
  {
    name: 'fails a Group that can create pods/exec and passes one that can only read pods',
    facts: rbacFacts(
      withDefaults({
        roles: [
          clusterRole('exec', [rule(['create'], ['pods/exec'])]),
          clusterRole('pod-reader', [rule(['get', 'list'], ['pods'])]),
        ],
        bindings: [crb('sre-exec', 'exec', [group('sre')]), crb('dev-read', 'pod-reader', [group('devs')])],
      }),
    ),
    expect: [
      ...DEFAULT_PASSES,
      { status: 'fail', resource: 'sre', kind: 'Group' },
      { status: 'pass', resource: 'devs', kind: 'Group' },
    ],
  },
  {
    name: 'fails a User who can get nodes/proxy',
    facts: rbacFacts(
      withDefaults({
        roles: [clusterRole('node-proxy', [rule(['get'], ['nodes/proxy'])])],
        bindings: [crb('mon', 'node-proxy', [user('prometheus')])],
      }),
    ),
    expect: [...DEFAULT_PASSES, { status: 'fail', resource: 'prometheus', kind: 'User' }],
  },
  {
    name: 'fails a User granted "*/exec" (any resource exec subresource)',
    facts: rbacFacts(
      withDefaults({
        roles: [clusterRole('any-exec', [rule(['create'], ['*/exec'])])],
        bindings: [crb('x', 'any-exec', [user('x')])],
      }),
    ),
    expect: [...DEFAULT_PASSES, { status: 'fail', resource: 'x', kind: 'User' }],
  },
  {
    name: 'is unknown when ClusterRoles could not be listed',
    facts: {
      'k8s.rbac': { ok: false, reason: 'forbidden: list clusterroles.rbac.authorization.k8s.io at cluster scope' },
    },
    expect: [{ status: 'unknown', message: 'forbidden: list clusterroles' }],
  },
]);
