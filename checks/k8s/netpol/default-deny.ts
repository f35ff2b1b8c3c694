import { defineCheck } from '../../../src/core/check';
import type { Check, Finding, Severity } from '../../../src/core/model';
import type { Direction } from '../../../src/core/netpol';
import {
  analysisOf,
  HOST_NETWORK_REASON,
  listText,
  NETPOL_FACTS,
  type NetpolFact,
  NSA_NETWORK,
  namespaceRef,
} from './common';

/**
 * One definition for both directions: a namespace with running workloads must have a policy that selects every pod
 * (`podSelector: {}`, so pods created later are covered too) and isolates that direction, and no such policy may
 * re-open every port to every peer (that would turn the deny back into an allow-all). A running workload on the host
 * network escapes every policy, so it defeats the default deny of its namespace.
 */
export function defaultDenyCheck(
  direction: Direction,
  meta: { id: string; severity: Severity; title: string; remediation: string },
): Check<NetpolFact> {
  const word = direction.toLowerCase();
  return defineCheck({
    ...meta,
    category: 'netpol',
    targetKind: 'cluster',
    benchmarks: [NSA_NETWORK],
    requires: NETPOL_FACTS,
    evaluate({ facts, options }) {
      const a = analysisOf(facts);
      const excluded = new Set(options.excludedNamespaces);
      const findings: Finding[] = [];
      for (const name of a.namespaceNames()) {
        if (excluded.has(name)) continue;
        const ns = a.namespace(name);
        const resource = namespaceRef(name);
        const dd = ns.defaultDeny[direction];
        if (ns.running.length === 0) {
          findings.push({ status: 'not-applicable', resource, message: `Namespace ${name} runs no workloads.` });
          continue;
        }
        if (dd.inForce) {
          findings.push({
            status: 'pass',
            resource,
            message: `Namespace ${name} isolates every pod for ${word} (${listText(dd.isolatingAll.map((p) => p.split('/')[1]))}).`,
            evidence: { isolatingAll: dd.isolatingAll },
          });
          continue;
        }
        const hostText = dd.hostNetwork.length > 0 ? `${listText(dd.hostNetwork)} ${HOST_NETWORK_REASON}` : '';
        if (dd.isolatingAll.length > 0) {
          const opened = [...new Set(dd.reopenedBy.map((r) => r.policy.split('/')[1]))];
          const problems = [
            opened.length > 0
              ? `${listText(opened)} re-opens it to every ${direction === 'Ingress' ? 'source' : 'destination'} on every port`
              : '',
            hostText,
          ].filter(Boolean);
          findings.push({
            status: 'fail',
            resource,
            message: `Namespace ${name} selects every pod for ${word} but ${problems.join('; and ')}.`,
            evidence: { isolatingAll: dd.isolatingAll, reopenedBy: dd.reopenedBy, hostNetwork: dd.hostNetwork },
          });
          continue;
        }
        // Some pods may be isolated by narrower policies: say how many, but pods created later would not be.
        const isolated = ns.running.filter(
          (w) => (direction === 'Ingress' ? a.isolation(w)!.ingress : a.isolation(w)!.egress).length > 0,
        );
        findings.push({
          status: 'fail',
          resource,
          message:
            `Namespace ${name} has no policy selecting every pod for ${word}` +
            (ns.policies.length === 0
              ? ' (it has no NetworkPolicy).'
              : `: ${isolated.length} of ${ns.running.length} running workload(s) are isolated by narrower policies.`) +
            (hostText ? ` ${hostText}.` : ''),
          evidence: {
            policies: ns.policies.map((p) => p.name),
            unisolated: ns.running.filter((w) => !isolated.includes(w)).map((w) => `${w.kind}/${w.name}`),
            hostNetwork: dd.hostNetwork,
          },
        });
      }
      return findings;
    },
  });
}
