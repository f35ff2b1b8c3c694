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
  'ec2.instance': 'EC2 API (src/collectors/ec2)',
  'ec2.securityGroups': 'EC2 API (src/collectors/ec2)',
  'ec2.volumes': 'EC2 API (src/collectors/ec2)',
  'ec2.instanceProfile': 'IAM API (src/collectors/ec2)',
  'ec2.ssmAgent': 'SSM API (src/collectors/ec2)',
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
