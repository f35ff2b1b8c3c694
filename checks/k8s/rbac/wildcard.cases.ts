import { defineCases } from '../../../test/support/cases';
import { clusterRole, crb, DEFAULT_LABELS, DEFAULTS, rb, rbacFacts, role, rule, user, withDefaults } from './fixtures';
import check from './wildcard';

export default defineCases(check, [
  {
    name: 'passes the defaults (cluster-admin is Kubernetes own) as a whole',
    facts: rbacFacts(DEFAULTS),
    expect: [{ status: 'pass', kind: 'Cluster', message: 'Cluster demo has no bound role of its own to assess.' }],
  },
  {
    name: 'fails a bound ClusterRole with "*" verbs and passes a bound narrow Role',
    facts: rbacFacts(
      withDefaults({
        roles: [clusterRole('pod-god', [rule(['*'], ['pods'])]), role('web', 'reader', [rule(['get'], ['pods'])])],
        bindings: [crb('x', 'pod-god', [user('x')]), rb('web', 'r', { kind: 'Role', name: 'reader' }, [user('y')])],
      }),
    ),
    expect: [
      { status: 'fail', resource: 'pod-god', kind: 'ClusterRole', message: 'ClusterRoleBinding x' },
      {
        status: 'pass',
        resource: 'web/reader',
        kind: 'Role',
        message: 'Role web/reader grants no "*" verbs or resources.',
      },
    ],
  },
  {
    name: 'fails a Role granting "*" resources and ignores an unbound wildcard role',
    facts: rbacFacts(
      withDefaults({
        roles: [role('ci', 'everything', [rule(['get'], ['*'])]), clusterRole('unused', [rule(['*'], ['*'])])],
        bindings: [rb('ci', 'e', { kind: 'Role', name: 'everything' }, [user('ci-bot')])],
      }),
    ),
    expect: [{ status: 'fail', resource: 'ci/everything', kind: 'Role' }],
  },
  {
    name: 'fails the default cluster-admin when system RBAC is not excluded',
    facts: rbacFacts(DEFAULTS),
    options: { excludeSystemRbac: false },
    expect: [{ status: 'fail', resource: 'cluster-admin' }],
    exact: false,
  },
  {
    name: 'is unknown when Roles could not be listed',
    facts: { 'k8s.rbac': { ok: false, reason: 'forbidden: list roles.rbac.authorization.k8s.io at cluster scope' } },
    expect: [{ status: 'unknown' }],
  },
  {
    name: 'fails a role labelled rbac-defaults that Kubernetes does not ship, and a shipped role given an extra "*" rule',
    facts: rbacFacts(
      withDefaults({
        roles: [
          clusterRole('system:helper', [rule(['*'], ['*'], ['*'])], DEFAULT_LABELS),
          clusterRole('system:node-proxier', [rule(['list'], ['services']), rule(['*'], ['secrets'])], DEFAULT_LABELS),
        ],
        bindings: [
          crb('system:helper', 'system:helper', [user('amy')], DEFAULT_LABELS),
          crb('system:node-proxier', 'system:node-proxier', [user('system:kube-proxy')], DEFAULT_LABELS),
          crb('proxier-too', 'system:node-proxier', [user('bob')]),
        ],
      }),
    ),
    expect: [
      { status: 'fail', resource: 'system:helper', kind: 'ClusterRole' },
      {
        status: 'fail',
        resource: 'system:node-proxier',
        kind: 'ClusterRole',
        message:
          'ClusterRole system:node-proxier grants verbs=[*] apiGroups=[""] resources=[secrets] and is bound by ClusterRoleBinding proxier-too.',
      },
    ],
  },
  {
    name: 'leaves out cluster-admin bound by a user binding: its "*" is the binding finding, under k8s.rbac.cluster-admin',
    facts: rbacFacts(withDefaults({ bindings: [crb('alice-admin', 'cluster-admin', [user('alice')])] })),
    expect: [{ status: 'pass', kind: 'Cluster' }],
  },
  {
    name: "leaves out a role only Kubernetes' own bindings bind, even one that is not a built-in ClusterRole",
    facts: rbacFacts(
      withDefaults({
        roles: [
          role('kube-public', 'kubeadm:bootstrap-signer-clusterinfo', [
            rule(['get'], ['configmaps'], [''], { resourceNames: ['cluster-info'] }),
          ]),
        ],
        bindings: [
          rb(
            'kube-public',
            'kubeadm:bootstrap-signer-clusterinfo',
            { kind: 'Role', name: 'kubeadm:bootstrap-signer-clusterinfo' },
            [user('system:anonymous')],
          ),
        ],
      }),
    ),
    expect: [{ status: 'pass', kind: 'Cluster' }],
  },
  {
    name: 'fails a custom ClusterRole aggregating cluster-admin\'s "*" rules, naming each rule, its source and each binding',
    facts: rbacFacts(
      withDefaults({
        roles: [
          clusterRole(
            'super-agg',
            [],
            {},
            { aggregationRule: { clusterRoleSelectors: [{ matchLabels: DEFAULT_LABELS }] } },
          ),
        ],
        bindings: [
          crb('super-b', 'super-agg', [user('b')]),
          rb('web', 'super-a', { kind: 'ClusterRole', name: 'super-agg' }, [user('a')]),
        ],
      }),
    ),
    expect: [
      {
        status: 'fail',
        resource: 'super-agg',
        kind: 'ClusterRole',
        message:
          'ClusterRole super-agg grants verbs=[*] apiGroups=[*] resources=[*]; verbs=[*] nonResourceURLs=[*] ' +
          'and is bound by ClusterRoleBinding super-b, RoleBinding web/super-a.',
        evidence: {
          rules: [
            'verbs=[*] apiGroups=[*] resources=[*] (from ClusterRole cluster-admin)',
            'verbs=[*] nonResourceURLs=[*] (from ClusterRole cluster-admin)',
          ],
          bindings: ['ClusterRoleBinding super-b', 'RoleBinding web/super-a'],
        },
      },
    ],
  },
]);
