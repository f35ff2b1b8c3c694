/** Small builders for NetworkPolicy cases: facts in the shape the collectors produce. */
import type { KNamespace, KNetworkPolicy, KService, KWorkload, Labels } from '../../../src/core/facts/k8s';
import type { FactSet } from '../../../src/core/model';

export function ns(name: string, labels: Labels = {}): KNamespace {
  return { name, labels: { 'kubernetes.io/metadata.name': name, ...labels } };
}

export function deploy(
  namespace: string,
  name: string,
  podLabels: Labels,
  replicas = 1,
  extra: Partial<KWorkload> = {},
): KWorkload {
  return { kind: 'Deployment', namespace, name, podLabels, serviceAccountName: 'default', replicas, ...extra };
}

export function policy(
  namespace: string,
  name: string,
  spec: Omit<KNetworkPolicy, 'namespace' | 'name'>,
): KNetworkPolicy {
  return { namespace, name, ...spec };
}

/** `podSelector: {}`, `policyTypes: [Ingress]`, no rules. */
export function denyIngress(namespace: string, name = 'default-deny-ingress'): KNetworkPolicy {
  return policy(namespace, name, { podSelector: {}, policyTypes: ['Ingress'] });
}

/** `podSelector: {}`, `policyTypes: [Egress]`, no rules. */
export function denyEgress(namespace: string, name = 'default-deny-egress'): KNetworkPolicy {
  return policy(namespace, name, { podSelector: {}, policyTypes: ['Egress'] });
}

export function service(namespace: string, name: string, type: string, selector?: Labels): KService {
  return {
    namespace,
    name,
    type,
    ...(selector ? { selector } : {}),
    ports: [{ port: 80, ...(type === 'ClusterIP' ? {} : { nodePort: 30080 }) }],
  };
}

export function netpolFacts(input: {
  namespaces: KNamespace[];
  workloads?: KWorkload[];
  policies?: KNetworkPolicy[];
  services?: KService[];
}): FactSet {
  return {
    'k8s.namespaces': { ok: true, value: input.namespaces },
    'k8s.workloads': { ok: true, value: input.workloads ?? [] },
    'k8s.networkPolicies': { ok: true, value: input.policies ?? [] },
    'k8s.services': { ok: true, value: input.services ?? [] },
  };
}
