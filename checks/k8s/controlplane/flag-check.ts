/**
 * Turns one row of flag-controls.ts into two checks: on the cluster (k8s.controlplane.*: one result per instance of
 * the component seen, `unknown` with the reason on a managed control plane or when no instance is seen), and on a
 * host (host.controlplane.*: the component's static Pod manifest under /etc/kubernetes/manifests, `not-applicable`
 * where the probe listed that folder and found none, `unknown` where a manifest could not be read).
 */
import { defineCheck } from '../../../src/core/check';
import type { ComponentInstance } from '../../../src/core/facts/k8s';
import type { AnyCheck, Finding, ResourceRef } from '../../../src/core/model';
import { cis, componentRef, instanceName, instanceRef, instancesOf } from '../tls/common';
import type { FlagControl } from './flag-controls';

function judged(
  c: FlagControl,
  flags: Record<string, string>,
  where: string,
  resource: ResourceRef,
  base: Record<string, unknown>,
): Finding {
  const v = c.rule.judge(flags);
  const evidence: Record<string, unknown> = { ...base };
  for (const f of c.rule.flags) evidence[`--${f}`] = flags[f] ?? null;
  return {
    status: v.status,
    resource,
    message: v.status === 'unknown' ? `Could not assess ${where}: ${v.seen}.` : `${where}: ${v.seen}.`,
    evidence,
  };
}

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
      return got.instances.map((i: ComponentInstance) =>
        judged(c, i.flags, `${c.component} on ${instanceName(i)}`, instanceRef(c.component, i), {
          source: i.source,
          ...(i.node ? { node: i.node } : {}),
        }),
      );
    },
  });
}

/** The container of a static Pod that runs the component: by its command's program, else by its name. */
function runs(component: string, x: { name: string; command: string[] }): boolean {
  return (x.command[0] ?? '').split('/').pop() === component;
}

export function staticPodFlagCheck(c: FlagControl): AnyCheck {
  return defineCheck({
    id: `host.controlplane.${c.id}`,
    title: `${c.title} (its static Pod on the host)`,
    severity: c.severity,
    category: 'controlplane',
    targetKind: 'host',
    benchmarks: [cis(c.control)],
    remediation: c.remediation,
    requires: ['host.staticPods'],
    evaluate: ({ facts, target }) => {
      const host = target.name;
      const pods = facts['host.staticPods'];
      const findings: Finding[] = [];
      for (const p of pods) {
        const container =
          p.containers.find((x) => runs(c.component, x)) ?? p.containers.find((x) => x.name === c.component);
        if (!container) continue;
        findings.push(
          judged(
            c,
            container.flags,
            `${c.component} on ${host} (${p.path})`,
            { ...componentRef(c.component), name: `${c.component}/${host}` },
            {
              source: 'host-manifest',
              path: p.path,
            },
          ),
        );
      }
      if (findings.length > 0) return findings;
      const unread = pods.filter((p) => p.error);
      if (unread.length > 0) {
        return [
          {
            status: 'unknown',
            resource: componentRef(c.component),
            message: `Could not assess ${c.component} on ${host}: no readable static Pod manifest runs it, and ${unread.map((p) => `${p.path} (${p.error})`).join(', ')} could not be read.`,
          },
        ];
      }
      return [
        {
          status: 'not-applicable',
          resource: { kind: 'Host', name: host },
          message: `${host} has no ${c.component} static Pod under /etc/kubernetes/manifests.`,
          evidence: { manifests: pods.map((p) => p.path) },
        },
      ];
    },
  });
}
