/**
 * Cluster facts: Kubernetes objects reduced to what the checks need, as they arrive page by page (live API) or
 * file by file (--manifests). Plain, serialisable JSON. Never secret contents.
 */

export type Labels = Record<string, string>;

export interface LabelSelectorRequirement {
  key: string;
  operator: 'In' | 'NotIn' | 'Exists' | 'DoesNotExist';
  values?: string[];
}

/** A Kubernetes LabelSelector. `{}` selects everything; a missing selector is represented by `undefined`. */
export interface LabelSelector {
  matchLabels?: Labels;
  matchExpressions?: LabelSelectorRequirement[];
}

export interface KVersion {
  gitVersion: string;
  platform?: string;
}

export interface KNode {
  name: string;
  labels: Labels;
  /** Carries a control-plane or master role label or taint. */
  controlPlane: boolean;
  kubeletVersion?: string;
  providerID?: string;
}

export interface KNamespace {
  name: string;
  labels: Labels;
}

/**
 * A workload: a pod controller (Deployment, StatefulSet, DaemonSet, Job, CronJob, ReplicaSet without owner,
 * ReplicationController) or a bare Pod, with the labels its pods carry.
 */
export interface KWorkload {
  kind: string;
  namespace: string;
  name: string;
  podLabels: Labels;
  serviceAccountName: string;
  /** Pods seen running (live), or desired replicas (manifests). */
  replicas: number;
  hostNetwork?: boolean;
  automountServiceAccountToken?: boolean;
}

export interface KServicePort {
  port: number;
  nodePort?: number;
  protocol?: string;
}

export interface KService {
  namespace: string;
  name: string;
  type: 'ClusterIP' | 'NodePort' | 'LoadBalancer' | 'ExternalName' | string;
  /** Absent: the Service has no selector (manually managed endpoints). */
  selector?: Labels;
  ports: KServicePort[];
}

export interface KIPBlock {
  cidr: string;
  except?: string[];
}

export interface KNetworkPolicyPeer {
  podSelector?: LabelSelector;
  namespaceSelector?: LabelSelector;
  ipBlock?: KIPBlock;
}

export interface KNetworkPolicyPort {
  protocol?: string;
  port?: number | string;
  endPort?: number;
}

export interface KNetworkPolicyIngressRule {
  from?: KNetworkPolicyPeer[];
  ports?: KNetworkPolicyPort[];
}

export interface KNetworkPolicyEgressRule {
  to?: KNetworkPolicyPeer[];
  ports?: KNetworkPolicyPort[];
}

export interface KNetworkPolicy {
  namespace: string;
  name: string;
  podSelector: LabelSelector;
  /** As written: omitted means Ingress, plus Egress when there are egress rules. */
  policyTypes?: ('Ingress' | 'Egress')[];
  ingress?: KNetworkPolicyIngressRule[];
  egress?: KNetworkPolicyEgressRule[];
}

export interface KPolicyRule {
  verbs: string[];
  apiGroups?: string[];
  resources?: string[];
  resourceNames?: string[];
  nonResourceURLs?: string[];
}

export interface KRole {
  kind: 'Role' | 'ClusterRole';
  namespace?: string;
  name: string;
  labels: Labels;
  annotations?: Labels;
  rules: KPolicyRule[];
  aggregationRule?: { clusterRoleSelectors: LabelSelector[] };
}

export interface KSubject {
  kind: 'User' | 'Group' | 'ServiceAccount';
  name: string;
  namespace?: string;
}

export interface KBinding {
  kind: 'RoleBinding' | 'ClusterRoleBinding';
  namespace?: string;
  name: string;
  labels: Labels;
  roleRef: { kind: 'Role' | 'ClusterRole'; name: string };
  subjects: KSubject[];
}

export interface KRbac {
  roles: KRole[];
  bindings: KBinding[];
}

export interface KServiceAccount {
  namespace: string;
  name: string;
  automountServiceAccountToken?: boolean;
}

/** Secret metadata only: never `data`. */
export interface KSecretMeta {
  namespace: string;
  name: string;
  type: string;
  /** For service-account-token Secrets: the ServiceAccount it belongs to. */
  serviceAccountName?: string;
}

export type ControlPlaneComponent = 'kube-apiserver' | 'etcd' | 'kube-controller-manager' | 'kube-scheduler';

export interface ComponentInstance {
  source: 'mirror-pod' | 'host-manifest' | 'manifest-file';
  /** Node (or file) the instance was read from. */
  node?: string;
  /** `--flag=value` pairs as the component parses them (last occurrence wins); a bare `--flag` is "true". */
  flags: Record<string, string>;
}

export interface KControlPlane {
  /** Recognised managed control plane: its flags are invisible to the scanner. */
  managed: 'eks' | 'gke' | 'aks' | null;
  /** Why the scanner thinks so (server version, node labels). */
  managedEvidence?: string;
  components: Partial<Record<ControlPlaneComponent, ComponentInstance[]>>;
}

/** Live unauthenticated requests to the API server (not available from manifests). */
export interface KAnonymousProbe {
  endpoint: string;
  requests: { path: string; status: number | null; error?: string }[];
}

/** Live TLS probe of an endpoint (owned by the TLS collector; see src/collectors/tls). */
export interface KTlsProbe {
  endpoint: string;
  /** Filled by the TLS collector. */
  [key: string]: unknown;
}

/** A certificate's public metadata (never the key). */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  notBefore: string;
  notAfter: string;
  serialNumber?: string;
  keyType?: string;
  keyBits?: number;
  signatureAlgorithm?: string;
  sans?: string[];
}

export interface KTlsSecret {
  namespace: string;
  name: string;
  certificate: CertificateInfo | null;
  error?: string;
}

export interface KubeFactMap {
  'k8s.version': KVersion;
  'k8s.nodes': KNode[];
  'k8s.namespaces': KNamespace[];
  'k8s.workloads': KWorkload[];
  'k8s.services': KService[];
  'k8s.networkPolicies': KNetworkPolicy[];
  'k8s.rbac': KRbac;
  'k8s.serviceAccounts': KServiceAccount[];
  'k8s.secrets': KSecretMeta[];
  'k8s.controlPlane': KControlPlane;
  'k8s.anonymousProbe': KAnonymousProbe;
  'k8s.apiserverTls': KTlsProbe;
  'k8s.tlsSecrets': KTlsSecret[];
}
