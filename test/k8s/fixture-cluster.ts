/**
 * A small kubeadm-like cluster as API objects: served by the test API server (live tests) and dumped as a
 * `kubectl get -o yaml` List (manifests tests), so both paths must give the same findings.
 */
const DEFAULTS = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };
const meta = (name: string, namespace?: string, extra: Record<string, unknown> = {}) => ({
  name,
  ...(namespace ? { namespace } : {}),
  ...extra,
});

const rbac = 'rbac.authorization.k8s.io/v1';

export const FIXTURE_OBJECTS: Record<string, unknown>[] = [
  ...['default', 'kube-system', 'web', 'ci'].map((n) => ({ apiVersion: 'v1', kind: 'Namespace', metadata: meta(n) })),
  {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta('cp-1', undefined, { labels: { 'node-role.kubernetes.io/control-plane': '' } }),
    spec: {},
    status: { nodeInfo: { kubeletVersion: 'v1.31.2' } },
  },
  {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: meta('worker-1'),
    spec: {},
    status: { nodeInfo: { kubeletVersion: 'v1.31.2' } },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta('kube-apiserver-cp-1', 'kube-system', {
      labels: { component: 'kube-apiserver', tier: 'control-plane' },
      annotations: { 'kubernetes.io/config.mirror': 'abc', 'kubernetes.io/config.source': 'file' },
    }),
    spec: {
      nodeName: 'cp-1',
      containers: [
        {
          name: 'kube-apiserver',
          command: [
            'kube-apiserver',
            '--anonymous-auth=false',
            '--authorization-mode=Node,RBAC',
            '--client-ca-file=/etc/kubernetes/pki/ca.crt',
            '--enable-admission-plugins=NodeRestriction',
            '--token-auth-file=/etc/kubernetes/tokens.csv',
          ],
        },
      ],
    },
    status: { phase: 'Running' },
  },
  ...[1, 2, 3, 4].map((i) => ({
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: meta(`web-${i}`, 'web', {
      labels: { app: 'web' },
      ownerReferences: [{ kind: 'ReplicaSet', name: 'web-abc', controller: true }],
    }),
    spec: { serviceAccountName: 'web', containers: [{ name: 'web', image: 'nginx' }] },
    status: { phase: 'Running' },
  })),
  {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: meta('web-abc', 'web', { ownerReferences: [{ kind: 'Deployment', name: 'web', controller: true }] }),
    spec: { replicas: 4, template: { metadata: { labels: { app: 'web' } }, spec: { serviceAccountName: 'web' } } },
  },
  {
    apiVersion: 'apps/v1',
    kind: 'Deployment',
    metadata: meta('web', 'web'),
    spec: { replicas: 4, template: { metadata: { labels: { app: 'web' } }, spec: { serviceAccountName: 'web' } } },
  },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('default', 'default') },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('default', 'web'), automountServiceAccountToken: false },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('web', 'web') },
  { apiVersion: 'v1', kind: 'ServiceAccount', metadata: meta('deployer', 'ci') },
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta('deployer-token', 'ci', { annotations: { 'kubernetes.io/service-account.name': 'deployer' } }),
    type: 'kubernetes.io/service-account-token',
    data: { token: 'c2VjcmV0LXRva2VuLXZhbHVl' },
  },
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: meta('db-password', 'web'),
    type: 'Opaque',
    data: { password: 'aHVudGVyMg==' },
  },
  // Kubernetes' defaults (a slice).
  {
    apiVersion: rbac,
    kind: 'ClusterRole',
    metadata: meta('cluster-admin', undefined, { labels: DEFAULTS }),
    rules: [
      { apiGroups: ['*'], resources: ['*'], verbs: ['*'] },
      { nonResourceURLs: ['*'], verbs: ['*'] },
    ],
  },
  {
    apiVersion: rbac,
    kind: 'ClusterRoleBinding',
    metadata: meta('cluster-admin', undefined, { labels: DEFAULTS }),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:masters' }],
  },
  {
    apiVersion: rbac,
    kind: 'ClusterRole',
    metadata: meta('system:discovery', undefined, { labels: DEFAULTS }),
    rules: [{ nonResourceURLs: ['/api', '/api/*', '/apis', '/apis/*', '/healthz', '/version'], verbs: ['get'] }],
  },
  {
    apiVersion: rbac,
    kind: 'ClusterRoleBinding',
    metadata: meta('system:discovery', undefined, { labels: DEFAULTS }),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'system:discovery' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'Group', name: 'system:authenticated' }],
  },
  // Aggregation: view aggregates the pod-reader rules labelled for it.
  {
    apiVersion: rbac,
    kind: 'ClusterRole',
    metadata: meta('view', undefined, { labels: DEFAULTS }),
    aggregationRule: { clusterRoleSelectors: [{ matchLabels: { 'rbac.example.com/aggregate-to-view': 'true' } }] },
    rules: [],
  },
  {
    apiVersion: rbac,
    kind: 'ClusterRole',
    metadata: meta('secret-peek', undefined, { labels: { 'rbac.example.com/aggregate-to-view': 'true' } }),
    rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get', 'list'] }],
  },
  // The cluster's own.
  {
    apiVersion: rbac,
    kind: 'ClusterRoleBinding',
    metadata: meta('alice-admin'),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'cluster-admin' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'alice' }],
  },
  {
    apiVersion: rbac,
    kind: 'Role',
    metadata: meta('deployer', 'ci'),
    rules: [
      { apiGroups: ['apps'], resources: ['deployments'], verbs: ['create', 'update', 'patch'] },
      { apiGroups: [''], resources: ['pods/exec'], verbs: ['create'] },
    ],
  },
  {
    apiVersion: rbac,
    kind: 'RoleBinding',
    metadata: meta('deployer', 'ci'),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'deployer' },
    subjects: [{ kind: 'ServiceAccount', name: 'deployer', namespace: 'ci' }],
  },
  {
    apiVersion: rbac,
    kind: 'RoleBinding',
    metadata: meta('web-view', 'web'),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'view' },
    subjects: [{ kind: 'Group', name: 'web-devs' }],
  },
  {
    apiVersion: rbac,
    kind: 'RoleBinding',
    metadata: meta('ghost', 'web'),
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'Role', name: 'does-not-exist' },
    subjects: [{ kind: 'User', name: 'bob' }],
  },
];
