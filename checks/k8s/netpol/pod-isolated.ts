import { defineCheck } from '../../../src/core/check';
import type { Finding } from '../../../src/core/model';
import { analysisOf, HOST_NETWORK_REASON, listText, NETPOL_FACTS, NSA_NETWORK } from './common';

/**
 * Every running workload is selected by at least one policy that isolates it for ingress. A workload on the host
 * network cannot be isolated at all: it fails, whatever selects it.
 */
export default defineCheck({
  id: 'k8s.netpol.pod-isolated',
  title: 'Running workloads are isolated for ingress by a NetworkPolicy',
  severity: 'medium',
  category: 'netpol',
  targetKind: 'cluster',
  benchmarks: [NSA_NETWORK],
  remediation:
    "Select the workload's pods with a NetworkPolicy that has `Ingress` in its policyTypes (a namespace-wide " +
    '`podSelector: {}` default deny covers every pod), and allow only the sources it needs. Check that the ' +
    "policy's podSelector matches the pod template's labels. A workload on the host network cannot be isolated by " +
    'any NetworkPolicy: drop `hostNetwork: true` unless the workload really needs the node network (a CNI or node ' +
    'agent), and then restrict it with host firewall rules and list its namespace in checks.excludedNamespaces ' +
    'only if that is a deliberate decision.',
  requires: NETPOL_FACTS,
  evaluate({ facts, options }) {
    const a = analysisOf(facts);
    const excluded = new Set(options.excludedNamespaces);
    const findings: Finding[] = [];
    for (const iso of a.workloads()) {
      const w = iso.workload;
      if (excluded.has(w.namespace)) continue;
      const resource = { kind: w.kind, namespace: w.namespace, name: w.name };
      const label = `${w.kind} ${w.namespace}/${w.name}`;
      if (w.replicas <= 0) {
        findings.push({ status: 'not-applicable', resource, message: `${label} has no running pods.` });
      } else if (iso.hostNetwork) {
        findings.push({
          status: 'fail',
          resource,
          message: `${label} ${HOST_NETWORK_REASON}${iso.selectedBy.ingress.length > 0 ? ` (${listText(iso.selectedBy.ingress)} select(s) it to no effect)` : ''}.`,
          evidence: { hostNetwork: true, selectedBy: iso.selectedBy },
        });
      } else if (iso.ingress.length === 0) {
        findings.push({
          status: 'fail',
          resource,
          message: `${label} is selected by no policy that isolates it for ingress: every pod in the cluster can reach it.`,
          evidence: { podLabels: w.podLabels, egressIsolatedBy: iso.egress },
        });
      } else {
        findings.push({
          status: 'pass',
          resource,
          message: `${label} is isolated for ingress by ${listText(iso.ingress)}.`,
          evidence: { ingressIsolatedBy: iso.ingress, egressIsolatedBy: iso.egress },
        });
      }
    }
    return findings;
  },
});
