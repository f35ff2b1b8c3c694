import { defineCheck } from '../../../src/core/check';
import type { Finding } from '../../../src/core/model';
import { effectivePolicyTypes } from '../../../src/core/netpol';
import { analysisOf, NETPOL_FACTS, NSA_NETWORK } from './common';

/**
 * A policy with an ingress rule that admits every source: no `from` (or an empty one), or ipBlocks covering every
 * IPv4 or every IPv6 address (`0.0.0.0/0`, `::/0`, or a union of blocks that adds up to it, `except` subtracted).
 * A rule limited to some ports is reported with a lower severity (a public web port is often intended).
 */
export default defineCheck({
  id: 'k8s.netpol.allow-all',
  title: 'No NetworkPolicy allows ingress from every source',
  severity: 'high',
  category: 'netpol',
  targetKind: 'cluster',
  benchmarks: [NSA_NETWORK],
  remediation:
    'Replace the open ingress rule with the peers that really need access: `podSelector` / `namespaceSelector` ' +
    'entries for in-cluster clients, or the narrowest `ipBlock` CIDRs for outside clients (with `except` for the ' +
    'cluster and metadata ranges). A rule without `from` admits every source.',
  requires: NETPOL_FACTS,
  evaluate({ facts, options }) {
    const a = analysisOf(facts);
    const excluded = new Set(options.excludedNamespaces);
    const findings: Finding[] = [];
    for (const p of facts['k8s.networkPolicies']) {
      if (excluded.has(p.namespace)) continue;
      const resource = { kind: 'NetworkPolicy', namespace: p.namespace, name: p.name };
      const label = `NetworkPolicy ${p.namespace}/${p.name}`;
      if (!effectivePolicyTypes(p).includes('Ingress')) {
        findings.push({ status: 'pass', resource, message: `${label} does not govern ingress.` });
        continue;
      }
      const open = a.openRules(p, 'Ingress');
      if (open.length === 0) {
        const rules = (p.ingress ?? []).length;
        findings.push({
          status: 'pass',
          resource,
          message:
            rules === 0
              ? `${label} allows no ingress (no rules).`
              : `${label} allows ingress only from named peers (${rules} rule(s)).`,
        });
        continue;
      }
      const allPorts = open.some((r) => r.ports.length === 0);
      const where = allPorts ? 'on every port' : `on ${[...new Set(open.flatMap((r) => r.ports))].join(', ')}`;
      findings.push({
        status: 'fail',
        resource,
        severity: allPorts ? 'high' : 'medium',
        message: `${label} allows ingress from every source ${where} (rule ${open.map((r) => `#${r.rule + 1}: ${r.reason}`).join('; ')}).`,
        evidence: { openRules: open },
      });
    }
    return findings;
  },
});
