/**
 * The kubelet's effective settings: a flag of the running process overrides the configuration file, which falls
 * back to the KubeletConfiguration v1beta1 defaults; without a configuration file, the flag defaults apply.
 */
import type { HostKubelet } from '../../src/core/facts/host';
import type { CheckContext, Finding } from '../../src/core/model';

export interface KubeletRule {
  flag: string;
  /** Path in the KubeletConfiguration: ['authentication', 'anonymous', 'enabled']. */
  path: string[];
  /** The KubeletConfiguration v1beta1 default (config file in use, field absent). */
  configDefault: string | undefined;
  /** The command-line default (no config file, flag absent). */
  flagDefault: string | undefined;
  label: string;
  secure(value: string | undefined): boolean;
  expected: string;
  risk: string;
}

export const KUBELET_RESOURCE = { kind: 'Kubelet', name: 'kubelet' };

function lookup(obj: Record<string, unknown>, path: string[]): unknown {
  let cur: unknown = obj;
  for (const p of path) {
    if (!cur || typeof cur !== 'object' || Array.isArray(cur)) return undefined;
    // Own keys only: a value inherited from a prototype is not in the file.
    cur = Object.hasOwn(cur, p) ? (cur as Record<string, unknown>)[p] : undefined;
  }
  return cur;
}

type Effective = { known: true; value: string | undefined; from: string } | { known: false; why: string };

export function effectiveSetting(k: HostKubelet, rule: KubeletRule): Effective {
  if (k.flags && rule.flag in k.flags) return { known: true, value: k.flags[rule.flag], from: `flag --${rule.flag}` };
  if (k.config) {
    const v = lookup(k.config, rule.path);
    if (v !== undefined && v !== null)
      return { known: true, value: String(v), from: `${k.configPath}: ${rule.path.join('.')}` };
    return {
      known: true,
      value: rule.configDefault,
      from: `${k.configPath}: ${rule.path.join('.')} not set (default)`,
    };
  }
  if (k.configPath)
    return { known: false, why: `its configuration file ${k.configPath} is unusable (${k.configError ?? 'not read'})` };
  if (k.flags) return { known: true, value: rule.flagDefault, from: `flag --${rule.flag} not set (default)` };
  return { known: false, why: k.flagsNote ?? 'neither its flags nor a configuration file are visible' };
}

export function evaluateKubelet(ctx: CheckContext<'host.kubelet'>, rule: KubeletRule): Finding[] {
  const k = ctx.facts['host.kubelet'];
  const host = ctx.target.name;
  if (!k.present) {
    return [
      {
        status: 'not-applicable',
        resource: { kind: 'Host', name: host },
        message: `${host} runs no kubelet (no kubelet process, no kubelet configuration file).`,
      },
    ];
  }
  const eff = effectiveSetting(k, rule);
  if (!eff.known) {
    return [
      {
        status: 'unknown',
        resource: KUBELET_RESOURCE,
        message: `Could not assess ${rule.label} of the kubelet on ${host}: ${eff.why}.`,
      },
    ];
  }
  const evidence = {
    value: eff.value ?? null,
    from: eff.from,
    ...(k.flagsNote ? { flagsNote: k.flagsNote } : {}),
  };
  const shown = eff.value === undefined || eff.value === '' ? 'not set' : eff.value;
  if (!rule.secure(eff.value)) {
    return [
      {
        status: 'fail',
        resource: KUBELET_RESOURCE,
        message: `The kubelet on ${host}: ${rule.label} is ${shown} (${eff.from}): ${rule.risk}.`,
        evidence,
      },
    ];
  }
  return [
    {
      status: 'pass',
      resource: KUBELET_RESOURCE,
      message: `The kubelet on ${host}: ${rule.label} is ${rule.expected} (${eff.from}).`,
      evidence,
    },
  ];
}
