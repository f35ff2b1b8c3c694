/**
 * The RBAC objects Kubernetes creates itself (its RBAC bootstrap policy), and the few that kubeadm and EKS create, by
 * exact identity: a binding is built-in only when its kind, namespace, name, roleRef and subjects (all of them, no
 * more, no fewer) are the ones shipped. Labels and name prefixes prove nothing: anyone who can create a binding can
 * name it `system:…` and label it `kubernetes.io/bootstrapping: rbac-defaults`. See docs/rbac.md, "Built-in RBAC".
 *
 * Source: Kubernetes' bootstrap policy (plugin/pkg/auth/authorizer/rbac/bootstrappolicy, its testdata
 * cluster-role-bindings.yaml, controller-role-bindings.yaml, namespace-role-bindings.yaml and cluster-roles.yaml).
 */
import type { KBinding, KPolicyRule } from '../facts/k8s';

type Subj = `User:${string}` | `Group:${string}` | `ServiceAccount:${string}/${string}`;

export type BuiltinSource = 'kubernetes' | 'kubeadm' | 'eks';

interface BuiltinBinding {
  kind: 'ClusterRoleBinding' | 'RoleBinding';
  namespace?: string;
  name: string;
  roleRef: { kind: 'ClusterRole' | 'Role'; name: string };
  subjects: readonly Subj[];
  source: BuiltinSource;
}

const crb = (name: string, role: string, subjects: Subj[], source: BuiltinSource = 'kubernetes'): BuiltinBinding => ({
  kind: 'ClusterRoleBinding',
  name,
  roleRef: { kind: 'ClusterRole', name: role },
  subjects,
  source,
});

const rb = (
  namespace: string,
  name: string,
  role: string,
  subjects: Subj[],
  source: BuiltinSource = 'kubernetes',
): BuiltinBinding => ({
  kind: 'RoleBinding',
  namespace,
  name,
  roleRef: { kind: 'Role', name: role },
  subjects,
  source,
});

/** The controllers kube-controller-manager runs with their own ServiceAccount (`--use-service-account-credentials`). */
const CONTROLLERS = [
  'attachdetach-controller',
  'certificate-controller',
  'clusterrole-aggregation-controller',
  'cronjob-controller',
  'daemon-set-controller',
  'deployment-controller',
  'disruption-controller',
  'endpoint-controller',
  'endpointslice-controller',
  'endpointslicemirroring-controller',
  'ephemeral-volume-controller',
  'expand-controller',
  'generic-garbage-collector',
  'horizontal-pod-autoscaler',
  'job-controller',
  'legacy-service-account-token-cleaner',
  'namespace-controller',
  'node-controller',
  'persistent-volume-binder',
  'pod-garbage-collector',
  'podcheckpoint-controller',
  'pv-protection-controller',
  'pvc-protection-controller',
  'replicaset-controller',
  'replication-controller',
  'resource-claim-controller',
  'resourcequota-controller',
  'root-ca-cert-publisher',
  'route-controller',
  'selinux-warning-controller',
  'service-account-controller',
  'service-cidrs-controller',
  'service-controller',
  'statefulset-controller',
  'storage-version-garbage-collector',
  'storage-version-migrator-controller',
  'ttl-after-finished-controller',
  'ttl-controller',
  'validatingadmissionpolicy-status-controller',
  'volumeattributesclass-protection-controller',
] as const;

const BOOTSTRAP_TOKEN_GROUP = 'Group:system:bootstrappers:kubeadm:default-node-token' as const;

/** Components EKS runs as the User of the same name, bound to the ClusterRole of the same name. */
const EKS_COMPONENTS = [
  'eks:addon-manager',
  'eks:az-poller',
  'eks:certificate-controller',
  'eks:cloud-controller-manager',
  'eks:cluster-event-watcher',
  'eks:fargate-manager',
  'eks:k8s-metrics',
  'eks:network-policy-controller',
  'eks:node-manager',
  'eks:nodewatcher',
  'eks:pod-identity-mutating-webhook',
  'eks:service-operations',
  'eks:tagging-controller',
] as const;

const BUILTIN_BINDINGS: readonly BuiltinBinding[] = [
  // Kubernetes: cluster-role-bindings.yaml
  crb('cluster-admin', 'cluster-admin', ['Group:system:masters']),
  crb('system:basic-user', 'system:basic-user', ['Group:system:authenticated']),
  crb('system:discovery', 'system:discovery', ['Group:system:authenticated']),
  crb('system:kube-controller-manager', 'system:kube-controller-manager', ['User:system:kube-controller-manager']),
  crb('system:kube-dns', 'system:kube-dns', ['ServiceAccount:kube-system/kube-dns']),
  crb('system:kube-scheduler', 'system:kube-scheduler', ['User:system:kube-scheduler']),
  crb('system:monitoring', 'system:monitoring', ['Group:system:monitoring']),
  crb('system:node', 'system:node', []),
  crb('system:node-proxier', 'system:node-proxier', ['User:system:kube-proxy']),
  crb('system:public-info-viewer', 'system:public-info-viewer', [
    'Group:system:authenticated',
    'Group:system:unauthenticated',
  ]),
  crb('system:service-account-issuer-discovery', 'system:service-account-issuer-discovery', [
    'Group:system:serviceaccounts',
  ]),
  crb('system:volume-scheduler', 'system:volume-scheduler', ['User:system:kube-scheduler']),
  // Kubernetes: controller-role-bindings.yaml
  ...CONTROLLERS.map((c) =>
    crb(`system:controller:${c}`, `system:controller:${c}`, [`ServiceAccount:kube-system/${c}` as Subj]),
  ),
  // Kubernetes: namespace-role-bindings.yaml
  rb('kube-public', 'system:controller:bootstrap-signer', 'system:controller:bootstrap-signer', [
    'ServiceAccount:kube-system/bootstrap-signer',
  ]),
  rb('kube-system', 'system::extension-apiserver-authentication-reader', 'extension-apiserver-authentication-reader', [
    'User:system:kube-controller-manager',
    'User:system:kube-scheduler',
  ]),
  rb(
    'kube-system',
    'system::leader-locking-kube-controller-manager',
    'system::leader-locking-kube-controller-manager',
    [
      'User:system:kube-controller-manager',
      'ServiceAccount:kube-system/kube-controller-manager',
      'ServiceAccount:kube-system/leader-election-controller',
    ],
  ),
  rb('kube-system', 'system::leader-locking-kube-scheduler', 'system::leader-locking-kube-scheduler', [
    'User:system:kube-scheduler',
    'ServiceAccount:kube-system/kube-scheduler',
  ]),
  rb('kube-system', 'system:controller:bootstrap-signer', 'system:controller:bootstrap-signer', [
    'ServiceAccount:kube-system/bootstrap-signer',
  ]),
  rb('kube-system', 'system:controller:cloud-provider', 'system:controller:cloud-provider', [
    'ServiceAccount:kube-system/cloud-provider',
  ]),
  rb('kube-system', 'system:controller:token-cleaner', 'system:controller:token-cleaner', [
    'ServiceAccount:kube-system/token-cleaner',
  ]),
  // kubeadm (`kubeadm init`): node bootstrap, kube-proxy and CoreDNS add-ons.
  crb('kubeadm:kubelet-bootstrap', 'system:node-bootstrapper', [BOOTSTRAP_TOKEN_GROUP], 'kubeadm'),
  crb(
    'kubeadm:node-autoapprove-bootstrap',
    'system:certificates.k8s.io:certificatesigningrequests:nodeclient',
    [BOOTSTRAP_TOKEN_GROUP],
    'kubeadm',
  ),
  crb(
    'kubeadm:node-autoapprove-certificate-rotation',
    'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient',
    ['Group:system:nodes'],
    'kubeadm',
  ),
  crb('kubeadm:get-nodes', 'kubeadm:get-nodes', [BOOTSTRAP_TOKEN_GROUP], 'kubeadm'),
  crb('kubeadm:node-proxier', 'system:node-proxier', ['ServiceAccount:kube-system/kube-proxy'], 'kubeadm'),
  crb('system:coredns', 'system:coredns', ['ServiceAccount:kube-system/coredns'], 'kubeadm'),
  rb(
    'kube-system',
    'kubeadm:kubelet-config',
    'kubeadm:kubelet-config',
    ['Group:system:nodes', BOOTSTRAP_TOKEN_GROUP],
    'kubeadm',
  ),
  rb(
    'kube-system',
    'kubeadm:nodes-kubeadm-config',
    'kubeadm:nodes-kubeadm-config',
    [BOOTSTRAP_TOKEN_GROUP, 'Group:system:nodes'],
    'kubeadm',
  ),
  rb('kube-system', 'kube-proxy', 'kube-proxy', [BOOTSTRAP_TOKEN_GROUP], 'kubeadm'),
  rb(
    'kube-public',
    'kubeadm:bootstrap-signer-clusterinfo',
    'kubeadm:bootstrap-signer-clusterinfo',
    ['User:system:anonymous'],
    'kubeadm',
  ),
  // The identity of kubeadm's admin.conf: the counterpart of cluster-admin for system:masters.
  crb('kubeadm:cluster-admins', 'cluster-admin', ['Group:kubeadm:cluster-admins'], 'kubeadm'),
  // EKS: its control-plane components, and the VPC CNI add-on.
  ...EKS_COMPONENTS.map((c) => crb(c, c, [`User:${c}` as Subj], 'eks')),
  crb('aws-node', 'aws-node', ['ServiceAccount:kube-system/aws-node'], 'eks'),
];

/** The ClusterRoles of Kubernetes' bootstrap policy (cluster-roles.yaml and the controllers' roles). */
export const BUILTIN_CLUSTER_ROLES: ReadonlySet<string> = new Set([
  'admin',
  'cluster-admin',
  'edit',
  'view',
  'system:aggregate-to-admin',
  'system:aggregate-to-edit',
  'system:aggregate-to-view',
  'system:auth-delegator',
  'system:basic-user',
  'system:certificates.k8s.io:certificatesigningrequests:nodeclient',
  'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient',
  'system:certificates.k8s.io:kube-apiserver-client-approver',
  'system:certificates.k8s.io:kube-apiserver-client-kubelet-approver',
  'system:certificates.k8s.io:kubelet-serving-approver',
  'system:certificates.k8s.io:legacy-unknown-approver',
  'system:discovery',
  'system:heapster',
  'system:kube-aggregator',
  'system:kube-controller-manager',
  'system:kube-dns',
  'system:kube-scheduler',
  'system:kubelet-api-admin',
  'system:monitoring',
  'system:node',
  'system:node-bootstrapper',
  'system:node-problem-detector',
  'system:node-proxier',
  'system:persistent-volume-provisioner',
  'system:public-info-viewer',
  'system:service-account-issuer-discovery',
  'system:volume-scheduler',
  ...CONTROLLERS.map((c) => `system:controller:${c}`),
]);

/** A `*` rule (verbs or resources) of the bootstrap policy: API groups, resources and verbs. */
type WildcardRule = readonly [groups: readonly string[], resources: readonly string[], verbs: readonly string[]];

const ALL: readonly string[] = ['*'];

/**
 * The `*` rules the bootstrap policy itself gives its ClusterRoles (controller_policy.go, policy.go): a built-in role
 * with any other `*` rule was changed after Kubernetes created it.
 */
const BUILTIN_WILDCARD_RULES: Record<string, readonly WildcardRule[]> = {
  'cluster-admin': [[ALL, ALL, ALL]],
  'system:kube-controller-manager': [[ALL, ALL, ['list', 'watch']]],
  'system:controller:generic-garbage-collector': [[ALL, ALL, ['delete', 'get', 'list', 'patch', 'update', 'watch']]],
  'system:controller:namespace-controller': [[ALL, ALL, ['delete', 'deletecollection', 'get', 'list']]],
  'system:controller:resourcequota-controller': [[ALL, ALL, ['list', 'watch']]],
  'system:controller:storage-version-migrator-controller': [[ALL, ALL, ['create', 'list', 'patch']]],
  'system:controller:horizontal-pod-autoscaler': [
    [['custom.metrics.k8s.io'], ALL, ['get', 'list']],
    [['external.metrics.k8s.io'], ALL, ['get', 'list']],
  ],
};

const bindingKey = (kind: string, namespace: string | undefined, name: string) =>
  `${kind}\u0000${namespace ?? ''}\u0000${name}`;

const BY_KEY = new Map(BUILTIN_BINDINGS.map((b) => [bindingKey(b.kind, b.namespace, b.name), b] as const));

function subjectText(s: KBinding['subjects'][number], bindingNamespace?: string): string {
  if (s.kind === 'ServiceAccount') return `ServiceAccount:${s.namespace ?? bindingNamespace ?? ''}/${s.name}`;
  return `${s.kind}:${s.name}`;
}

/**
 * Who ships this binding, when it is exactly one Kubernetes (or kubeadm, or EKS) creates: same kind, namespace,
 * name, roleRef and set of subjects. A shipped binding with a subject added, removed or changed is not built-in.
 */
export function builtinBinding(b: KBinding): BuiltinSource | undefined {
  const known = BY_KEY.get(bindingKey(b.kind, b.kind === 'RoleBinding' ? b.namespace : undefined, b.name));
  if (!known) return undefined;
  if (known.roleRef.kind !== b.roleRef.kind || known.roleRef.name !== b.roleRef.name) return undefined;
  const got = new Set(b.subjects.map((s) => subjectText(s, b.namespace)));
  if (got.size !== b.subjects.length || got.size !== known.subjects.length) return undefined;
  return known.subjects.every((s) => got.has(s)) ? known.source : undefined;
}

/** Whether a ClusterRole of this name is one of Kubernetes' bootstrap ClusterRoles. */
export function isBuiltinRole(role: { kind: string; name: string }): boolean {
  return role.kind === 'ClusterRole' && BUILTIN_CLUSTER_ROLES.has(role.name);
}

/** Whether this `*` rule of a built-in ClusterRole is one the bootstrap policy gives it. */
export function isBuiltinWildcardRule(roleName: string, rule: KPolicyRule): boolean {
  if (roleName === 'cluster-admin' && isClusterAdminUrlRule(rule)) return true;
  const expected = BUILTIN_WILDCARD_RULES[roleName];
  if (!expected || rule.nonResourceURLs?.length || rule.resourceNames?.length) return false;
  return expected.some(
    ([groups, resources, verbs]) =>
      sameSet(rule.apiGroups ?? [], groups) && sameSet(rule.resources ?? [], resources) && sameSet(rule.verbs, verbs),
  );
}

const isClusterAdminUrlRule = (rule: KPolicyRule) =>
  sameSet(rule.verbs, ['*']) &&
  sameSet(rule.nonResourceURLs ?? [], ['*']) &&
  !rule.resources?.length &&
  !rule.resourceNames?.length;

function sameSet(a: readonly string[], b: readonly string[]): boolean {
  const sa = new Set(a);
  return sa.size === new Set(b).size && b.every((x) => sa.has(x));
}
