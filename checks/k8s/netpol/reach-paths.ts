import { defineCheck } from '../../../src/core/check';
import type { Finding } from '../../../src/core/model';
import { toCidrs } from '../../../src/core/netpol/addresses';
import { answerReach, type EndpointSelector } from '../../../src/core/netpol/peers';
import { intersect, isAll, isEmpty, type PortSet, trafficEntries } from '../../../src/core/netpol/ports';
import { type Endpoint, endpointLabel } from '../../../src/core/netpol/reach';
import { NETPOL_FACTS, NSA_NETWORK } from './common';
import { reachOf } from './reach-common';

function endpointKey(e: Endpoint): string {
  return 'workload' in e
    ? `${e.workload.kind}/${e.workload.namespace}/${e.workload.name}`
    : toCidrs(e.addresses).join(',');
}

function selectorOf(e: Endpoint): EndpointSelector {
  return 'workload' in e
    ? { kind: 'workload', workloadKind: e.workload.kind, namespace: e.workload.namespace, name: e.workload.name }
    : { kind: 'addresses', addresses: e.addresses, text: toCidrs(e.addresses).join(',') };
}

/** One entry per protocol range: `TCP/5432`, `TCP/8000-8080`, `all traffic`. */
function portEntries(ports: PortSet): { text: string; ports: PortSet }[] {
  if (isAll(ports)) return [{ text: 'all traffic', ports }];
  return trafficEntries(ports).map((t) => ({
    text: t.endPort !== undefined ? `${t.protocol}/${t.port}-${t.endPort}` : `${t.protocol}/${t.port}`,
    ports: { [t.protocol]: [[t.port, t.endPort ?? t.port]] },
  }));
}

/**
 * Every path a NetworkPolicy opens, as an informational result of its own (a stable fingerprint per source,
 * destination and port range), so that the nightly diff reports a newly opened path as a regression: into a
 * workload isolated for ingress (what its policies admit), and out of a workload isolated for egress to addresses
 * outside the pods. Paths into unisolated workloads are everything, and are `k8s.netpol.pod-isolated`'s findings.
 */
export default defineCheck({
  id: 'k8s.netpol.reach-paths',
  title: 'Paths that NetworkPolicies open, one result each, so that new ones show in the diff',
  severity: 'info',
  category: 'netpol',
  targetKind: 'cluster',
  benchmarks: [NSA_NETWORK],
  remediation:
    'A new path is a regression to review: if it is not meant, narrow the policy named in the message (its peers or ' +
    'its ports). `compliance-bot can-reach --from A --to B` shows the evidence of both sides.',
  requires: [...NETPOL_FACTS],
  evaluate({ facts, options }) {
    const map = reachOf(facts, options);
    const excluded = new Set(options.excludedNamespaces);
    const findings: Finding[] = [];
    for (const path of map.paths()) {
      const to = 'workload' in path.to ? path.to.workload : undefined;
      const from = 'workload' in path.from ? path.from.workload : undefined;
      const opened = to
        ? (map.group(to)?.ingress.length ?? 0) > 0
        : from !== undefined && (map.group(from)?.egress.length ?? 0) > 0;
      if (!opened) continue;
      const ns = to?.namespace ?? from!.namespace;
      if (excluded.has(ns)) continue;
      const [answer] = answerReach(map, selectorOf(path.from), selectorOf(path.to));
      for (const entry of portEntries(path.ports)) {
        const by = [
          ...(answer?.ingress.allowedBy ?? [])
            .filter((a) => !isEmpty(intersect(a.ports, entry.ports)))
            .map((a) => `${a.policy} (ingress)`),
          ...(answer?.egress.allowedBy ?? [])
            .filter((a) => !isEmpty(intersect(a.ports, entry.ports)))
            .map((a) => `${a.policy} (egress)`),
        ];
        const policies = [...new Set(by)];
        const since = policies.length === 1 ? `policy ${policies[0]} allows` : `policies ${policies.join(', ')} allow`;
        findings.push({
          status: 'fail',
          resource: {
            kind: 'NetworkPath',
            namespace: ns,
            name: `${endpointKey(path.from)} -> ${endpointKey(path.to)} ${entry.text}`,
          },
          message: `${endpointLabel(path.from)} can reach ${endpointLabel(path.to)} on ${entry.text} since ${since} it.`,
          evidence: {
            from: endpointKey(path.from),
            to: endpointKey(path.to),
            traffic: entry.text,
            allowedBy: policies,
          },
        });
      }
    }
    // An isolated workload no path reaches passes: the evidence that a path that was reported is closed.
    const reached = new Set(findings.map((f) => f.evidence?.to));
    for (const g of map.groups) {
      if (g.ingress.length === 0) continue;
      for (const w of g.workloads) {
        if (excluded.has(w.namespace) || reached.has(`${w.kind}/${w.namespace}/${w.name}`)) continue;
        findings.push({
          status: 'pass',
          resource: { kind: w.kind, namespace: w.namespace, name: w.name },
          message: `No NetworkPolicy opens a path into ${w.kind} ${w.namespace}/${w.name}.`,
          evidence: { isolatedBy: [...g.ingress] },
        });
      }
    }
    return findings;
  },
});
