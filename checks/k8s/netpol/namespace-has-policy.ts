import { defineCheck } from '../../../src/core/check';
import type { Finding } from '../../../src/core/model';
import { analysisOf, CIS_532, HOST_NETWORK_REASON, listText, NETPOL_FACTS, NSA_NETWORK, namespaceRef } from './common';

/**
 * CIS 5.3.2: every namespace that runs something has at least one NetworkPolicy. The control asks only that a policy
 * exists; a pass names the running workloads on the host network, which no policy of the namespace reaches
 * (k8s.netpol.pod-isolated fails them).
 */
export default defineCheck({
  id: 'k8s.netpol.namespace-has-policy',
  title: 'Namespaces with workloads have at least one NetworkPolicy',
  severity: 'medium',
  category: 'netpol',
  targetKind: 'cluster',
  benchmarks: [CIS_532, NSA_NETWORK, { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '4.3.2' }],
  remediation:
    'Without a NetworkPolicy every pod of the namespace accepts traffic from every pod of the cluster. Start with a ' +
    'default deny (a NetworkPolicy with `podSelector: {}` and `policyTypes: [Ingress, Egress]`), then add policies ' +
    'that allow the traffic each workload needs. Make sure the cluster runs a network plugin that enforces ' +
    'NetworkPolicies (Calico, Cilium, the VPC CNI network policy agent...).',
  requires: NETPOL_FACTS,
  evaluate({ facts, options }) {
    const a = analysisOf(facts);
    const excluded = new Set(options.excludedNamespaces);
    const findings: Finding[] = [];
    for (const name of a.namespaceNames()) {
      if (excluded.has(name)) continue;
      const ns = a.namespace(name);
      const resource = namespaceRef(name);
      if (ns.running.length === 0) {
        findings.push({
          status: 'not-applicable',
          resource,
          message: `Namespace ${name} runs no workloads.`,
          evidence: { workloads: ns.workloads.length, policies: ns.policies.map((p) => p.name) },
        });
      } else if (ns.policies.length === 0) {
        findings.push({
          status: 'fail',
          resource,
          message: `Namespace ${name} runs ${ns.running.length} workload(s) and has no NetworkPolicy.`,
          evidence: { runningWorkloads: ns.running.map((w) => `${w.kind}/${w.name}`), policies: [] },
        });
      } else {
        const host = ns.running.filter((w) => w.hostNetwork === true).map((w) => `${w.kind}/${w.name}`);
        findings.push({
          status: 'pass',
          resource,
          message:
            `Namespace ${name} has ${ns.policies.length} NetworkPolicy object(s).` +
            (host.length > 0 ? ` ${listText(host)} ${HOST_NETWORK_REASON}.` : ''),
          evidence: {
            policies: ns.policies.map((p) => p.name),
            runningWorkloads: ns.running.length,
            ...(host.length > 0 ? { hostNetwork: host } : {}),
          },
        });
      }
    }
    return findings;
  },
});
