import type { FactKey } from '../../src/core/model';

/**
 * Which collector produces each fact. Typed over every key of FactMap, so a fact type without a collector does
 * not compile; the registry test checks that every key a check requires or uses is listed here.
 */
export const COLLECTED_FACTS: Record<FactKey, string> = {
  'host.os': 'host probe (src/collectors/host)',
  'host.sshd': 'host probe (src/collectors/host)',
  'host.accounts': 'host probe (src/collectors/host)',
  'host.kubelet': 'host probe (src/collectors/host)',
  'host.files': 'host probe (src/collectors/host)',
  'host.certs': 'host probe (src/collectors/host)',
  'host.staticPods': 'host probe (src/collectors/host)',
  'host.kubeProxy': 'host probe (src/collectors/host)',
  'host.sshFiles': 'host probe, operating-system sections (src/collectors/host/parse-os.ts)',
  'host.sudo': 'host probe, operating-system sections (src/collectors/host/parse-os.ts)',
  'host.pam': 'host probe, operating-system sections (src/collectors/host/parse-os.ts)',
  'host.sysctl': 'host probe, operating-system sections (src/collectors/host/parse-os.ts)',
  'host.modules': 'host probe, operating-system sections (src/collectors/host/parse-os.ts)',
  'host.audit': 'host probe, operating-system sections (src/collectors/host/parse-os.ts)',
  'host.services': 'host probe, operating-system sections (src/collectors/host/parse-os.ts)',
  'host.mac': 'host probe, operating-system sections (src/collectors/host/parse-os.ts)',
  'host.limits': 'host probe, operating-system sections (src/collectors/host/parse-os.ts)',
  'host.updates': 'host probe, operating-system sections (src/collectors/host/parse-os.ts)',
  'host.runtime': 'host probe, operating-system sections (src/collectors/host/parse-os.ts)',
  'k8s.version': 'Kubernetes API / manifests (src/collectors/k8s)',
  'k8s.nodes': 'Kubernetes API / manifests (src/collectors/k8s)',
  'k8s.namespaces': 'Kubernetes API / manifests (src/collectors/k8s)',
  'k8s.workloads': 'Kubernetes API / manifests (src/collectors/k8s)',
  'k8s.services': 'Kubernetes API / manifests (src/collectors/k8s)',
  'k8s.networkPolicies': 'Kubernetes API / manifests (src/collectors/k8s)',
  'k8s.rbac': 'Kubernetes API / manifests (src/collectors/k8s)',
  'k8s.serviceAccounts': 'Kubernetes API / manifests (src/collectors/k8s)',
  'k8s.secrets': 'Kubernetes API / manifests (src/collectors/k8s)',
  'k8s.controlPlane': 'Kubernetes API mirror Pods / manifests / host probe (src/collectors/k8s)',
  'k8s.anonymousProbe': 'live anonymous probe (src/collectors/k8s)',
  'k8s.apiserverTls': 'live TLS probe (src/collectors/tls)',
  'k8s.tlsSecrets': 'Kubernetes API, opt-in (src/collectors/k8s)',
  'k8s.tlsEndpoints': 'live TLS probe of clusters[].tlsEndpoints (src/collectors/tls)',
};
