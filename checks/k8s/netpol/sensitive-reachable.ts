import { defineCheck } from '../../../src/core/check';
import type { Finding } from '../../../src/core/model';
import { portSetText } from '../../../src/core/netpol/ports';
import { workloadLabel } from '../../../src/core/netpol/reach';
import { listText, NETPOL_FACTS, NSA_NETWORK } from './common';
import { reachOf, reachOptionsOf } from './reach-common';

/**
 * A namespace marked sensitive (`checks.reach.sensitiveNamespaces`) is reached only from its own workloads and the
 * namespaces of its allow-list. Quiet when none is configured.
 */
export default defineCheck({
  id: 'k8s.netpol.sensitive-reachable',
  title: 'Sensitive namespaces are reachable only from the namespaces allowed to reach them',
  severity: 'high',
  category: 'netpol',
  targetKind: 'cluster',
  benchmarks: [NSA_NETWORK],
  remediation:
    "Isolate the sensitive namespace's workloads for ingress (a default deny) and admit only the allowed namespaces " +
    '(`namespaceSelector` on `kubernetes.io/metadata.name`), or add the namespace to `allowFrom` when it is meant to reach it.',
  requires: [...NETPOL_FACTS],
  evaluate({ facts, options }) {
    const sensitive = reachOptionsOf(options).sensitiveNamespaces;
    if (sensitive.length === 0) return [];
    const map = reachOf(facts, options);
    const unknowable = map.unknowable();
    const findings: Finding[] = [];
    for (const s of sensitive) {
      const allowed = new Set([s.namespace, ...s.allowFrom]);
      const resource = { kind: 'Namespace', name: s.namespace };
      const paths: string[] = [];
      for (const { from, to, ports } of map.groupPairs()) {
        const targets = to.workloads.filter((w) => w.namespace === s.namespace);
        if (targets.length === 0) continue;
        for (const a of from.workloads)
          if (!allowed.has(a.namespace))
            for (const b of targets) paths.push(`${workloadLabel(a)} -> ${workloadLabel(b)}: ${portSetText(ports)}`);
      }
      paths.sort();
      const runs = map.analysis.namespace(s.namespace).workloads.length > 0;
      if (!runs) {
        findings.push({ status: 'not-applicable', resource, message: `Namespace ${s.namespace} has no workloads.` });
      } else if (paths.length === 0) {
        findings.push({
          status: 'pass',
          resource,
          message: `Namespace ${s.namespace} is reached only from ${listText([...allowed].sort())}.`,
          evidence: { allowFrom: s.allowFrom, unknowable },
        });
      } else {
        const from = [...new Set(paths.map((p) => p.split(' -> ')[0]))];
        findings.push({
          status: 'fail',
          resource,
          message: `Namespace ${s.namespace} is reachable from ${listText(from)}, outside its allow-list (${s.allowFrom.length > 0 ? s.allowFrom.join(', ') : 'none'}).`,
          evidence: {
            allowFrom: s.allowFrom,
            paths: paths.slice(0, 50),
            morePaths: Math.max(0, paths.length - 50),
            unknowable,
          },
        });
      }
    }
    return findings;
  },
});
