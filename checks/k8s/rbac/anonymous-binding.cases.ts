import { defineCases } from '../../../test/support/cases';
import check from './anonymous-binding';
import { clusterRole, crb, DEFAULTS, group, rb, rbacFacts, role, rule, user, withDefaults } from './fixtures';

const PASS_ALL = [
  { status: 'pass' as const, resource: 'system:anonymous', kind: 'User' },
  { status: 'pass' as const, resource: 'system:unauthenticated', kind: 'Group' },
  { status: 'pass' as const, resource: 'system:authenticated', kind: 'Group' },
];

export default defineCases(check, [
  { name: 'passes the default discovery and public-info bindings', facts: rbacFacts(DEFAULTS), expect: PASS_ALL },
  {
    name: 'fails critical when system:anonymous is bound to a role that reads Pods',
    facts: rbacFacts(
      withDefaults({
        roles: [clusterRole('pod-reader', [rule(['get', 'list'], ['pods'])])],
        bindings: [rb('default', 'anon-pods', { kind: 'ClusterRole', name: 'pod-reader' }, [user('system:anonymous')])],
      }),
    ),
    expect: [
      { status: 'fail', resource: 'system:anonymous', severity: 'critical', message: 'RoleBinding default/anon-pods' },
      PASS_ALL[1],
      PASS_ALL[2],
    ],
  },
  {
    name: 'fails high when system:authenticated can list Secrets, even through a binding labelled as a default',
    facts: rbacFacts(
      withDefaults({
        roles: [clusterRole('secret-lister', [rule(['list'], ['secrets'])])],
        bindings: [
          crb('sneaky', 'secret-lister', [group('system:authenticated')], {
            'kubernetes.io/bootstrapping': 'rbac-defaults',
          }),
        ],
      }),
    ),
    expect: [PASS_ALL[0], PASS_ALL[1], { status: 'fail', resource: 'system:authenticated', severity: 'high' }],
  },
  {
    name: 'fails system:unauthenticated given the discovery role (more than public info)',
    facts: rbacFacts(
      withDefaults({ bindings: [crb('anon-discovery', 'system:discovery', [group('system:unauthenticated')])] }),
    ),
    expect: [PASS_ALL[0], { status: 'fail', resource: 'system:unauthenticated' }, PASS_ALL[2]],
  },
  {
    name: 'passes every audience in those words',
    facts: rbacFacts(DEFAULTS),
    expect: [
      {
        status: 'pass',
        resource: 'system:anonymous',
        kind: 'User',
        message: 'User system:anonymous gets no more than the default public-info access.',
      },
      {
        status: 'pass',
        resource: 'system:unauthenticated',
        kind: 'Group',
        message: 'Group system:unauthenticated gets no more than the default public-info access.',
      },
      {
        status: 'pass',
        resource: 'system:authenticated',
        kind: 'Group',
        message: 'Group system:authenticated gets no more than the default discovery access.',
      },
    ],
  },
  {
    name: "fails system:anonymous on kubeadm's own cluster-info binding: built-in bindings are judged by what they grant",
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
    expect: [
      {
        status: 'fail',
        resource: 'system:anonymous',
        severity: 'critical',
        message:
          'User system:anonymous is granted verbs=[get] apiGroups=[""] resources=[configmaps] resourceNames=[cluster-info] ' +
          'through RoleBinding kube-public/kubeadm:bootstrap-signer-clusterinfo in cluster demo.',
        evidence: {
          bindings: ['RoleBinding kube-public/kubeadm:bootstrap-signer-clusterinfo'],
          roles: ['Role kube-public/kubeadm:bootstrap-signer-clusterinfo'],
          scopes: ['kube-public'],
        },
      },
      PASS_ALL[1],
      PASS_ALL[2],
    ],
  },
  {
    name: 'fails system:authenticated on exactly the rules that go beyond discovery and self-reviews',
    facts: rbacFacts(
      withDefaults({
        roles: [
          clusterRole('mixed', [
            // Within the defaults: self-reviews (an empty URL list beside), one of two review groups, no resource at all.
            rule(['create'], ['selfsubjectaccessreviews'], ['authorization.k8s.io'], { nonResourceURLs: [] }),
            rule(['create'], ['selfsubjectreviews'], ['authorization.k8s.io', 'authentication.k8s.io']),
            { verbs: ['create'], apiGroups: ['authorization.k8s.io'] },
            { verbs: ['get'], nonResourceURLs: ['/api/*', '/version'] },
            // Beyond them.
            { verbs: ['get', 'post'], nonResourceURLs: ['/healthz'] },
            { verbs: ['post'], nonResourceURLs: ['/api'] },
            rule(['create', 'delete'], ['selfsubjectaccessreviews'], ['authorization.k8s.io']),
            rule(['get'], ['selfsubjectrulesreviews'], ['authorization.k8s.io']),
            rule(['create'], [], []),
            rule(['create'], ['selfsubjectaccessreviews'], ['authorization.k8s.io', 'apps']),
            rule(['create'], ['selfsubjectaccessreviews', 'pods'], ['authorization.k8s.io']),
          ]),
        ],
        bindings: [crb('everyone-mixed', 'mixed', [group('system:authenticated')])],
      }),
    ),
    expect: [
      PASS_ALL[0],
      PASS_ALL[1],
      {
        status: 'fail',
        resource: 'system:authenticated',
        severity: 'high',
        evidence: {
          bindings: ['ClusterRoleBinding everyone-mixed'],
          rules: [
            'verbs=[create,delete] apiGroups=[authorization.k8s.io] resources=[selfsubjectaccessreviews]',
            'verbs=[create] apiGroups=[] resources=[]',
            'verbs=[create] apiGroups=[authorization.k8s.io,apps] resources=[selfsubjectaccessreviews]',
            'verbs=[create] apiGroups=[authorization.k8s.io] resources=[selfsubjectaccessreviews,pods]',
            'verbs=[get,post] nonResourceURLs=[/healthz]',
            'verbs=[get] apiGroups=[authorization.k8s.io] resources=[selfsubjectrulesreviews]',
            'verbs=[post] nonResourceURLs=[/api]',
          ],
        },
      },
    ],
  },
  {
    name: 'fails system:unauthenticated given self-reviews and discovery URLs: they are for authenticated users',
    facts: rbacFacts(
      withDefaults({
        roles: [
          clusterRole('reviews', [
            rule(['create'], ['selfsubjectaccessreviews'], ['authorization.k8s.io']),
            { verbs: ['get'], nonResourceURLs: ['/healthz', '/apis'] },
            { verbs: ['get'], nonResourceURLs: ['/livez'] },
          ]),
        ],
        bindings: [
          crb('anon-reviews', 'reviews', [group('system:unauthenticated')]),
          crb('anon-reviews-again', 'reviews', [group('system:unauthenticated')]),
        ],
      }),
    ),
    expect: [
      PASS_ALL[0],
      {
        status: 'fail',
        resource: 'system:unauthenticated',
        severity: 'critical',
        message:
          'Group system:unauthenticated is granted verbs=[create] apiGroups=[authorization.k8s.io] resources=[selfsubjectaccessreviews]; ' +
          'verbs=[get] nonResourceURLs=[/healthz,/apis] through ClusterRoleBinding anon-reviews, ClusterRoleBinding anon-reviews-again in cluster demo.',
      },
      PASS_ALL[2],
    ],
  },
]);
