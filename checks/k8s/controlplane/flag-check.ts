/**
 * Turns one row of flag-controls.ts into a check: one result per instance of the component seen (each control-plane
 * node keeps its own fingerprint), `unknown` with the reason on a managed control plane or when no instance is seen.
 */
import { defineCheck } from '../../../src/core/check';
import type { AnyCheck, Finding } from '../../../src/core/model';
import { cis, instanceName, instanceRef, instancesOf } from '../tls/common';
import type { FlagControl } from './flag-controls';

export function flagCheck(c: FlagControl): AnyCheck {
  return defineCheck({
    id: `k8s.controlplane.${c.id}`,
    title: c.title,
    severity: c.severity,
    category: 'controlplane',
    targetKind: 'cluster',
    benchmarks: [cis(c.control)],
    remediation: c.remediation,
    requires: ['k8s.controlPlane'],
    evaluate: ({ facts }) => {
      const got = instancesOf(facts['k8s.controlPlane'], c.component);
      if ('unknown' in got) return [got.unknown];
      return got.instances.map((i): Finding => {
        const v = c.rule.judge(i.flags);
        const evidence: Record<string, unknown> = { source: i.source, ...(i.node ? { node: i.node } : {}) };
        for (const f of c.rule.flags) evidence[`--${f}`] = i.flags[f] ?? null;
        const where = `${c.component} on ${instanceName(i)}`;
        return {
          status: v.status,
          resource: instanceRef(c.component, i),
          message: v.status === 'unknown' ? `Could not assess ${where}: ${v.seen}.` : `${where}: ${v.seen}.`,
          evidence,
        };
      });
    },
  });
}
