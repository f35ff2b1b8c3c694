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
  /** Known only because objects of the input live in it (manifests without its Namespace object): labels unseen. */
  inferred?: true;
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
  /** The pod spec's security settings; absent when no pod spec was seen (a controller without a template). */
  pod?: KPodSpecSecurity;
  /**
   * Container ports the pods declare (every container of the pod template), for NetworkPolicy named ports; absent
   * when not known (a workload known only from its pods' owners).
   */
  ports?: KContainerPort[];
}

/**
 * A pod spec reduced to the fields Pod Security Standards judge (docs/workloads.md). Fields are present only when
 * the spec sets them: absent means the Kubernetes default. `hostNetwork` stays on the workload.
 */
export interface KPodSpecSecurity {
  /** spec.os.name (`linux`, `windows`). */
  os?: string;
  hostPID?: boolean;
  hostIPC?: boolean;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  /** securityContext.seccompProfile.type: `RuntimeDefault`, `Localhost`, `Unconfined`. */
  seccompProfile?: string;
  /** securityContext.windowsOptions.hostProcess. */
  hostProcess?: boolean;
  hostPathVolumes?: { name: string; path: string }[];
  containers: KContainerSecurity[];
}

/** One container (regular, init or ephemeral) of a pod spec: its security context, host ports and Secret env. */
export interface KContainerSecurity {
  name: string;
  /** Absent for regular containers. */
  type?: 'init' | 'ephemeral';
  privileged?: boolean;
  allowPrivilegeEscalation?: boolean;
  runAsNonRoot?: boolean;
  runAsUser?: number;
  seccompProfile?: string;
  hostProcess?: boolean;
  capabilitiesAdd?: string[];
  capabilitiesDrop?: string[];
  /** Non-zero ports[].hostPort values. */
  hostPorts?: number[];
  /** Secrets exposed as environment variables: references only (a Secret's values never reach the facts). */
  secretEnv?: KSecretEnvRef[];
}

/** `env[].valueFrom.secretKeyRef` (variable and key) or `envFrom[].secretRef` (the whole Secret). */
export interface KSecretEnvRef {
  secret: string;
  variable?: string;
  key?: string;
}

/** A port a container declares: NetworkPolicies may name it. */
export interface KContainerPort {
  name?: string;
  containerPort: number;
  /** As written: TCP when absent. */
  protocol: string;
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

/**
 * What one unauthenticated request proved: `refused` (an explicit 401 or 403), `allowed` (a 2xx answer), `unknown`
 * (anything else: throttled, a server error, a redirect, another status, a timeout, a TLS or network failure).
 */
export type AnonymousOutcome = 'refused' | 'allowed' | 'unknown';

export interface AnonymousRequest {
  /** Path and query asked. */
  path: string;
  /** The HTTP status; null when no answer came (timeout, reset, TLS or network failure). */
  status: number | null;
  outcome: AnonymousOutcome;
  /** Why the request proves nothing (`unknown` only). */
  reason?: string;
}

/** Live unauthenticated requests to the API server (not available from manifests). */
export interface KAnonymousProbe {
  endpoint: string;
  requests: AnonymousRequest[];
}

/** TLS protocol versions, as node:tls and OpenSSL name them. */
export type TlsProtocol = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

/**
 * The outcome of one inspection handshake: `accepted` (the handshake completed), `refused` (the server declined with
 * a protocol_version, handshake_failure or insufficient_security alert), `untested` (this scanner's TLS library
 * cannot offer it, so nothing is known), `error` (nothing is known either: the connection was refused, reset or
 * closed without an alert, no answer came in time, another alert, or this side rejected the answer).
 */
export type HandshakeOutcome = 'accepted' | 'refused' | 'untested' | 'error';

export interface TlsProtocolResult {
  protocol: TlsProtocol;
  outcome: HandshakeOutcome;
  /** The suite negotiated when accepted. */
  cipher?: string;
  /** The error when not accepted. */
  detail?: string;
}

/** `insecure`: NULL, anonymous, export, RC4, (3)DES, MD5; `weak`: CBC mode or RSA key exchange (no forward secrecy). */
export type CipherStrength = 'insecure' | 'weak';

export interface TlsCipherResult {
  /** IANA name, as Kubernetes' `--tls-cipher-suites` writes it. */
  name: string;
  /** OpenSSL name, as the probe offered it. */
  openssl: string;
  strength: CipherStrength;
  outcome: HandshakeOutcome;
  /** The protocol version negotiated when accepted. */
  protocol?: string;
  detail?: string;
}

/** Live TLS probe of an endpoint (`host:port`): what it serves and accepts. Inspection only: no data is sent. */
export interface KTlsProbe {
  endpoint: string;
  /** ISO time of the probe. */
  probedAt: string;
  /** The chain as served, leaf first (the issuers the server sent, not a path we built). */
  chain: CertificateInfo[];
  /** What a default handshake negotiates. */
  negotiated: { protocol: string; cipher: string } | null;
  /** Whether the served chain verifies for the endpoint's name against the CA given to the probe. */
  verification: { ok: boolean; against: 'given CA' | 'system roots'; error?: string } | null;
  /** One pinned handshake per protocol version. */
  protocols: TlsProtocolResult[];
  /** One handshake per weak suite (TLS 1.2 and older; TLS 1.3 has no weak suites). */
  ciphers: TlsCipherResult[];
}

/** One of the extra endpoints the configuration names (`clusters[].tlsEndpoints`): its probe, or why there is none. */
export interface KTlsEndpoint {
  endpoint: string;
  probe: KTlsProbe | null;
  error?: string;
}

/** A certificate's public metadata (never the key). */
export interface CertificateInfo {
  subject: string;
  issuer: string;
  /** ISO date-time. */
  notBefore: string;
  /** ISO date-time. */
  notAfter: string;
  serialNumber?: string;
  /** `RSA`, `EC`, `Ed25519`, `Ed448`, `DSA`... */
  keyType?: string;
  /** Modulus length for RSA/DSA, curve size for EC. */
  keyBits?: number;
  /** Named curve for EC keys (`prime256v1`...). */
  curve?: string;
  /** Signature algorithm, by OID name (`sha256WithRSAEncryption`, `ecdsa-with-SHA256`, `sha1WithRSAEncryption`...). */
  signatureAlgorithm?: string;
  /** `DNS:name` / `IP:address` entries. */
  sans?: string[];
  isCA?: boolean;
  /** Issuer equals subject. */
  selfIssued?: boolean;
  fingerprintSha256?: string;
}

export interface KTlsSecret {
  namespace: string;
  name: string;
  /** The leaf certificate of `tls.crt`, or null when it could not be parsed (see `error`). */
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
  'k8s.tlsEndpoints': KTlsEndpoint[];
}
