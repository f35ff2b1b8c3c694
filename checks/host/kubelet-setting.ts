/**
 * The kubelet's effective settings: a flag of the running process overrides the configuration file, which falls
 * back to the KubeletConfiguration v1beta1 defaults; without a configuration file, the flag defaults apply.
 * A setting only the command line carries (--hostname-override) is unknown while the command line is not visible.
 */
import type { HostKubelet } from '../../src/core/facts/host';
import type { CheckContext, Finding } from '../../src/core/model';
import { featureGates } from '../k8s/controlplane/flag-semantics';

export interface KubeletRule {
  flag: string;
  /**
   * Path in the KubeletConfiguration: ['authentication', 'anonymous', 'enabled']; null for a setting the
   * configuration file cannot carry (--hostname-override).
   */
  path: string[] | null;
  /** The KubeletConfiguration v1beta1 default (config file in use, field absent). */
  configDefault: string | undefined;
  /** The command-line default (no config file, flag absent). */
  flagDefault: string | undefined;
  label: string;
  secure(value: string | undefined): boolean;
  /**
   * Why the kubelet refuses this value at start (a duration without a unit, a number that is not whole), or
   * undefined for a value it accepts. A refused value says nothing of what the kubelet runs with: unknown.
   */
  invalid?(value: string | undefined): string | undefined;
  /** What a passing value is, for the message: fixed ("disabled") or naming the value ("4h0m0s, above 0"). */
  expected: string | ((value: string | undefined) => string);
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

export type Effective = { known: true; value: string | undefined; from: string } | { known: false; why: string };

/** Where a setting is read from and its defaults: what effectiveSetting needs of a rule. */
export type KubeletSource = Pick<KubeletRule, 'flag' | 'path' | 'configDefault' | 'flagDefault'>;

export function effectiveSetting(k: HostKubelet, rule: KubeletSource): Effective {
  if (k.flags && rule.flag in k.flags) return { known: true, value: k.flags[rule.flag], from: `flag --${rule.flag}` };
  if (rule.path === null) {
    if (k.flags) return { known: true, value: rule.flagDefault, from: `flag --${rule.flag} not set (default)` };
    return {
      known: false,
      why: `--${rule.flag} is given on the command line only, and the command line is not visible (${k.flagsNote ?? 'no process'})`,
    };
  }
  return fromFileOrDefaults(k, rule.path, rule.configDefault, rule.flagDefault, `flag --${rule.flag}`);
}

/**
 * A feature gate as the kubelet merges it: a gate named in --feature-gates wins, then the configuration file's
 * featureGates entry, then the gate's default.
 */
export function effectiveFeatureGate(k: HostKubelet, gate: string, dflt: boolean): Effective {
  const fromFlag = k.flags ? featureGates(k.flags['feature-gates']).get(gate) : undefined;
  if (fromFlag !== undefined) return { known: true, value: fromFlag, from: `flag --feature-gates ${gate}=${fromFlag}` };
  return fromFileOrDefaults(k, ['featureGates', gate], String(dflt), String(dflt), `feature gate ${gate}`);
}

function fromFileOrDefaults(
  k: HostKubelet,
  path: string[],
  configDefault: string | undefined,
  flagDefault: string | undefined,
  flagName: string,
): Effective {
  if (k.config) {
    const v = lookup(k.config, path);
    if (v !== undefined && v !== null)
      return { known: true, value: String(v), from: `${k.configPath}: ${path.join('.')}` };
    return { known: true, value: configDefault, from: `${k.configPath}: ${path.join('.')} not set (default)` };
  }
  if (k.configPath)
    return { known: false, why: `its configuration file ${k.configPath} is unusable (${k.configError ?? 'not read'})` };
  if (k.flags) return { known: true, value: flagDefault, from: `${flagName} not set (default)` };
  return { known: false, why: k.flagsNote ?? 'neither its flags nor a configuration file are visible' };
}

/** The result on a host that runs no kubelet, or undefined when it runs one. */
export function withoutKubelet(ctx: CheckContext<'host.kubelet'>): Finding[] | undefined {
  if (ctx.facts['host.kubelet'].present) return undefined;
  const host = ctx.target.name;
  return [
    {
      status: 'not-applicable',
      resource: { kind: 'Host', name: host },
      message: `${host} runs no kubelet (no kubelet process, no kubelet configuration file).`,
    },
  ];
}

/** How a value shows in a message: empty and absent values read "not set". */
export function shownValue(value: string | undefined): string {
  return value === undefined || value === '' ? 'not set' : value;
}

export function evaluateKubelet(ctx: CheckContext<'host.kubelet'>, rule: KubeletRule): Finding[] {
  const none = withoutKubelet(ctx);
  if (none) return none;
  const k = ctx.facts['host.kubelet'];
  const host = ctx.target.name;
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
  const shown = shownValue(eff.value);
  const refused = rule.invalid?.(eff.value);
  if (refused) {
    return [
      {
        status: 'unknown',
        resource: KUBELET_RESOURCE,
        message: `Could not assess ${rule.label} of the kubelet on ${host}: ${shown} (${eff.from}) is ${refused}, which the kubelet refuses at start, so the value it runs with is not known.`,
        evidence,
      },
    ];
  }
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
      message: `The kubelet on ${host}: ${rule.label} is ${typeof rule.expected === 'string' ? rule.expected : rule.expected(eff.value)} (${eff.from}).`,
      evidence,
    },
  ];
}
