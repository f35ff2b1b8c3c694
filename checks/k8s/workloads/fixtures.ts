/** Workloads and namespaces for the k8s.workloads.* check cases, in the shape of the collected facts. */
import type { KContainerSecurity, KNamespace, KPodSpecSecurity, KWorkload } from '../../../src/core/facts/k8s';
import type { FactSet } from '../../../src/core/model';

export const container = (name: string, extra: Partial<KContainerSecurity> = {}): KContainerSecurity => ({
  name,
  ...extra,
});

/** A Deployment in `shop` (or `namespace/name`) with this pod spec; `null`: a workload whose pod spec was not seen. */
export function deployment(
  ref: string,
  pod: Partial<KPodSpecSecurity> | null,
  extra: Partial<KWorkload> = {},
): KWorkload {
  const [namespace, name] = ref.includes('/') ? ref.split('/') : ['shop', ref];
  return {
    kind: 'Deployment',
    namespace,
    name,
    podLabels: { app: name },
    serviceAccountName: 'default',
    replicas: 1,
    ...(pod ? { pod: { containers: [container('app')], ...pod } } : {}),
    ...extra,
  };
}

export const namespace = (name: string, labels: Record<string, string> = {}): KNamespace => ({ name, labels });

export const enforcing = (name: string, level: string): KNamespace =>
  namespace(name, { 'pod-security.kubernetes.io/enforce': level });

export function workloadFacts(workloads: KWorkload[], namespaces?: KNamespace[]): FactSet {
  return {
    'k8s.workloads': { ok: true, value: workloads },
    ...(namespaces ? { 'k8s.namespaces': { ok: true, value: namespaces } } : {}),
  };
}

/** A restricted-compliant container. */
export const HARDENED: Partial<KContainerSecurity> = {
  allowPrivilegeEscalation: false,
  runAsNonRoot: true,
  capabilitiesDrop: ['ALL'],
  seccompProfile: 'RuntimeDefault',
};

export const UNASSESSED: FactSet = { 'k8s.workloads': { ok: false, reason: 'forbidden: list pods at cluster scope' } };
