/**
 * The Kubernetes kinds the cluster facts are made of, and which facts each kind feeds. The live collector lists
 * exactly these; when objects of a kind could not be seen (a forbidden list, a manifest that could not be read),
 * factsOfKind() says which facts are incomplete, so their checks become unknown instead of passing.
 */
import type { FactKey } from '../../core/model';

/** One list the facts need. */
export interface ListSpec {
  group: string;
  version: string;
  plural: string;
  kind: string;
  facts: FactKeyName[];
  /** Objects live in a namespace: read from manifests, they also make that namespace known. */
  namespaced: boolean;
}

export type FactKeyName = Extract<
  FactKey,
  | 'k8s.namespaces'
  | 'k8s.nodes'
  | 'k8s.workloads'
  | 'k8s.controlPlane'
  | 'k8s.services'
  | 'k8s.networkPolicies'
  | 'k8s.rbac'
  | 'k8s.serviceAccounts'
  | 'k8s.secrets'
>;

const WORKLOAD: FactKeyName[] = ['k8s.workloads'];
const RBAC = 'rbac.authorization.k8s.io';

/** Every list the live collector makes, cluster-wide. */
export const LISTS: readonly ListSpec[] = [
  { group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace', facts: ['k8s.namespaces'], namespaced: false },
  { group: '', version: 'v1', plural: 'nodes', kind: 'Node', facts: ['k8s.nodes'], namespaced: false },
  {
    group: '',
    version: 'v1',
    plural: 'pods',
    kind: 'Pod',
    facts: ['k8s.workloads', 'k8s.controlPlane'],
    namespaced: true,
  },
  { group: '', version: 'v1', plural: 'services', kind: 'Service', facts: ['k8s.services'], namespaced: true },
  {
    group: '',
    version: 'v1',
    plural: 'serviceaccounts',
    kind: 'ServiceAccount',
    facts: ['k8s.serviceAccounts'],
    namespaced: true,
  },
  { group: '', version: 'v1', plural: 'secrets', kind: 'Secret', facts: ['k8s.secrets'], namespaced: true },
  {
    group: '',
    version: 'v1',
    plural: 'replicationcontrollers',
    kind: 'ReplicationController',
    facts: WORKLOAD,
    namespaced: true,
  },
  { group: 'apps', version: 'v1', plural: 'deployments', kind: 'Deployment', facts: WORKLOAD, namespaced: true },
  { group: 'apps', version: 'v1', plural: 'statefulsets', kind: 'StatefulSet', facts: WORKLOAD, namespaced: true },
  { group: 'apps', version: 'v1', plural: 'daemonsets', kind: 'DaemonSet', facts: WORKLOAD, namespaced: true },
  { group: 'apps', version: 'v1', plural: 'replicasets', kind: 'ReplicaSet', facts: WORKLOAD, namespaced: true },
  { group: 'batch', version: 'v1', plural: 'jobs', kind: 'Job', facts: WORKLOAD, namespaced: true },
  { group: 'batch', version: 'v1', plural: 'cronjobs', kind: 'CronJob', facts: WORKLOAD, namespaced: true },
  {
    group: 'networking.k8s.io',
    version: 'v1',
    plural: 'networkpolicies',
    kind: 'NetworkPolicy',
    facts: ['k8s.networkPolicies'],
    namespaced: true,
  },
  { group: RBAC, version: 'v1', plural: 'roles', kind: 'Role', facts: ['k8s.rbac'], namespaced: true },
  { group: RBAC, version: 'v1', plural: 'rolebindings', kind: 'RoleBinding', facts: ['k8s.rbac'], namespaced: true },
  { group: RBAC, version: 'v1', plural: 'clusterroles', kind: 'ClusterRole', facts: ['k8s.rbac'], namespaced: false },
  {
    group: RBAC,
    version: 'v1',
    plural: 'clusterrolebindings',
    kind: 'ClusterRoleBinding',
    facts: ['k8s.rbac'],
    namespaced: false,
  },
];

/**
 * The facts that are incomplete when objects of `kind` may be missing; `null` means objects of any kind may be
 * missing. From manifests a namespace exists when any object lives in it, so a namespaced kind feeds
 * k8s.namespaces too; a live cluster lists namespaces on their own.
 */
export function factsOfKind(kind: string | null, source: 'live' | 'manifests'): FactKeyName[] {
  const specs = kind === null ? LISTS : LISTS.filter((l) => l.kind === kind);
  const out = new Set<FactKeyName>();
  for (const spec of specs) {
    for (const f of spec.facts) out.add(f);
    if (source === 'manifests' && spec.namespaced) out.add('k8s.namespaces');
  }
  return [...out];
}
