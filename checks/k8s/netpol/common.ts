import type { FactValues, ResourceRef } from '../../../src/core/model';
import { analyzeNetworkPolicies, type NetpolAnalysis } from '../../../src/core/netpol';

/** The facts every NetworkPolicy check reads. */
export const NETPOL_FACTS = ['k8s.namespaces', 'k8s.workloads', 'k8s.networkPolicies'] as const;
export type NetpolFact = (typeof NETPOL_FACTS)[number];

export const NSA_NETWORK = {
  framework: 'NSA/CISA Kubernetes Hardening Guide',
  version: '1.2',
  control: 'Network separation and hardening: network policies',
} as const;

export const CIS_532 = { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '5.3.2' } as const;

const NO_SERVICES: readonly [] = [];
/** Analyses by fact identity: the six NetworkPolicy checks of one scan share one analysis instead of six. */
const cache = new WeakMap<object, WeakMap<object, WeakMap<object, WeakMap<object, NetpolAnalysis>>>>();

function memo<K extends object, V>(map: WeakMap<K, V>, key: K, make: () => V): V {
  let v = map.get(key);
  if (v === undefined) {
    v = make();
    map.set(key, v);
  }
  return v;
}

/** Builds the engine's view from the check's facts (and the Services when the check has them). */
export function analysisOf(facts: FactValues<NetpolFact> & { 'k8s.services'?: unknown }): NetpolAnalysis {
  const services = Array.isArray(facts['k8s.services']) ? facts['k8s.services'] : NO_SERVICES;
  const byWorkloads = memo(cache, facts['k8s.networkPolicies'], () => new WeakMap());
  const byNamespaces = memo(byWorkloads, facts['k8s.workloads'], () => new WeakMap());
  const byServices = memo(byNamespaces, facts['k8s.namespaces'], () => new WeakMap());
  return memo(byServices, services, () =>
    analyzeNetworkPolicies({
      namespaces: facts['k8s.namespaces'],
      workloads: facts['k8s.workloads'],
      policies: facts['k8s.networkPolicies'],
      services,
    }),
  );
}

export function namespaceRef(name: string): ResourceRef {
  return { kind: 'Namespace', name };
}

/** Why a workload on the host network is never isolated, for messages. */
export const HOST_NETWORK_REASON = 'runs on the host network: NetworkPolicies do not apply to it';

/** `a, b and c` for messages. */
export function listText(items: readonly string[], max = 5): string {
  const shown = items.slice(0, max);
  const more = items.length - shown.length;
  const body = shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : body;
}
