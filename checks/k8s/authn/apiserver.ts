/**
 * Shared by the checks that read kube-apiserver flags (k8s.authn.*, k8s.authz.*): one finding per API server
 * instance seen, `unknown` on a managed control plane or when no instance is visible, never `pass` without flags.
 */
import type { ComponentInstance, KControlPlane } from '../../../src/core/facts/k8s';
import type { Finding, ResourceRef, Severity } from '../../../src/core/model';

export const MANAGED_REASON = 'managed control plane: not visible to the scanner';

export function instanceResource(i: ComponentInstance): ResourceRef {
  return { kind: 'KubeApiServer', name: `kube-apiserver/${i.node ?? 'unknown-node'}` };
}

/** Why the flags cannot be assessed, or undefined when there are instances to assess. */
export function flagsInvisible(cp: KControlPlane, target: string): Finding | undefined {
  const resource: ResourceRef = { kind: 'KubeApiServer', name: 'kube-apiserver' };
  if (cp.managed) {
    return {
      status: 'unknown',
      resource,
      message: `Cluster ${target}: ${MANAGED_REASON} (${cp.managed}, from ${cp.managedEvidence ?? 'its signature'}).`,
      evidence: { managed: cp.managed, managedEvidence: cp.managedEvidence },
    };
  }
  if ((cp.components['kube-apiserver'] ?? []).length === 0) {
    return {
      status: 'unknown',
      resource,
      message: `Cluster ${target}: no kube-apiserver Pod seen and the control plane is not recognised as managed, so its flags are not visible to the scanner.`,
    };
  }
  return undefined;
}

export interface FlagVerdict {
  ok: boolean;
  /** What was seen, as a sentence fragment: '--anonymous-auth is not set (defaults to true)'. */
  seen: string;
  severity?: Severity;
}

/** One finding per kube-apiserver instance, judged by `judge` on its flags. */
export function perApiServer(
  cp: KControlPlane,
  target: string,
  judge: (flags: Record<string, string>) => FlagVerdict,
  flagNames: readonly string[],
): Finding[] {
  const invisible = flagsInvisible(cp, target);
  if (invisible) return [invisible];
  return (cp.components['kube-apiserver'] ?? []).map((i): Finding => {
    const v = judge(i.flags);
    const evidence: Record<string, unknown> = { source: i.source, ...(i.node ? { node: i.node } : {}) };
    for (const f of flagNames) evidence[`--${f}`] = i.flags[f] ?? null;
    return {
      status: v.ok ? 'pass' : 'fail',
      resource: instanceResource(i),
      message: `kube-apiserver on ${i.node ?? 'an unknown node'}: ${v.seen}.`,
      evidence,
      ...(v.severity ? { severity: v.severity } : {}),
    };
  });
}

/** A comma-separated flag as a list (`--authorization-mode=Node,RBAC`). */
export function listFlag(v: string | undefined): string[] {
  return (v ?? '')
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}
