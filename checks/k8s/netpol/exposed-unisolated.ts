import { defineCheck } from '../../../src/core/check';
import type { Finding } from '../../../src/core/model';
import { analysisOf, listText, NETPOL_FACTS, NSA_NETWORK } from './common';

const EXPOSED = new Set(['LoadBalancer', 'NodePort']);

/**
 * A LoadBalancer or NodePort Service reaches outside the cluster; the pods behind it must be isolated for ingress.
 * Pods on the host network count as unisolated: NetworkPolicies do not govern them.
 */
export default defineCheck({
  id: 'k8s.netpol.exposed-unisolated',
  title: 'LoadBalancer and NodePort Services send traffic only to pods isolated by a NetworkPolicy',
  severity: 'high',
  category: 'netpol',
  targetKind: 'cluster',
  benchmarks: [NSA_NETWORK],
  remediation:
    "Select the Service's pods with an ingress NetworkPolicy that allows only the expected sources (the load " +
    "balancer's CIDRs or the ingress controller) on the Service's target ports. Prefer a ClusterIP Service behind " +
    'an ingress controller to a NodePort, which opens the port on every node.',
  requires: [...NETPOL_FACTS, 'k8s.services'],
  evaluate({ facts, options }) {
    const a = analysisOf(facts);
    const excluded = new Set(options.excludedNamespaces);
    const findings: Finding[] = [];
    for (const svc of facts['k8s.services']) {
      if (excluded.has(svc.namespace) || !EXPOSED.has(svc.type)) continue;
      const resource = { kind: 'Service', namespace: svc.namespace, name: svc.name };
      const label = `${svc.type} Service ${svc.namespace}/${svc.name}`;
      if (!svc.selector || Object.keys(svc.selector).length === 0) {
        findings.push({
          status: 'not-applicable',
          resource,
          message: `${label} has no selector: its endpoints are managed outside Kubernetes.`,
        });
        continue;
      }
      const backends = a.serviceBackends(svc).filter((w) => w.replicas > 0);
      // The engine never counts a host-network workload as isolated; the check says so explicitly all the same.
      const open = backends.filter((w) => w.hostNetwork === true || a.isolation(w)!.ingress.length === 0);
      const names = (ws: typeof backends) =>
        ws.map((w) => `${w.kind}/${w.name}${w.hostNetwork ? ' (host network)' : ''}`);
      const ports = svc.ports.map((p) => (p.nodePort ? `${p.port}->node ${p.nodePort}` : String(p.port)));
      if (open.length > 0) {
        findings.push({
          status: 'fail',
          resource,
          message: `${label} sends traffic to ${listText(names(open))}, which no NetworkPolicy isolates for ingress.`,
          evidence: {
            selector: svc.selector,
            ports,
            unisolated: names(open),
            isolated: names(backends.filter((w) => !open.includes(w))),
          },
        });
      } else {
        findings.push({
          status: 'pass',
          resource,
          message:
            backends.length === 0
              ? `${label} selects no running pods.`
              : `${label} sends traffic only to pods isolated for ingress (${listText(names(backends))}).`,
          evidence: { selector: svc.selector, ports, isolated: names(backends) },
        });
      }
    }
    return findings;
  },
});
