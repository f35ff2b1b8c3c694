import { defineCases } from '../../../test/support/cases';
import { clusterRole, crb, DEFAULTS, rbacFacts, rule, user, withDefaults } from './fixtures';
import check from './nodes-proxy';

const DEFAULT_PASSES = [
  { status: 'pass' as const, resource: 'system:authenticated', kind: 'Group' },
  { status: 'pass' as const, resource: 'system:unauthenticated', kind: 'Group' },
];

export default defineCases(check, [
  { name: 'passes on the default RBAC of a kubeadm cluster', facts: rbacFacts(DEFAULTS), expect: DEFAULT_PASSES },
  {
    name: 'fails get on nodes/proxy and on */proxy, passes get on nodes/metrics and on nodes',
    facts: rbacFacts(
      withDefaults({
        roles: [
          clusterRole('proxy', [rule(['get'], ['nodes/proxy'])]),
          clusterRole('subs', [rule(['get'], ['*/proxy'])]),
          clusterRole('metrics', [rule(['get'], ['nodes/metrics', 'nodes'])]),
        ],
        bindings: [
          crb('p', 'proxy', [user('prober')]),
          crb('s', 'subs', [user('wide')]),
          crb('m', 'metrics', [user('scraper')]),
        ],
      }),
    ),
    expect: [
      ...DEFAULT_PASSES,
      { status: 'fail', resource: 'prober', kind: 'User', message: 'can use the proxy subresource of Nodes' },
      { status: 'fail', resource: 'wide', kind: 'User' },
      { status: 'pass', resource: 'scraper', kind: 'User' },
    ],
  },
  {
    name: 'is unknown when ClusterRoles could not be listed',
    facts: { 'k8s.rbac': { ok: false, reason: 'forbidden: list clusterroles' } },
    expect: [{ status: 'unknown', message: 'forbidden: list clusterroles' }],
  },
]);
