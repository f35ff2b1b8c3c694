/**
 * Whether the kubelet requests its serving certificate from the cluster and rotates it. Two settings must agree:
 * `serverTLSBootstrap` (flag `--rotate-server-certificates`, default false), which makes the kubelet send
 * certificate signing requests for its serving certificate, and the RotateKubeletServerCertificate feature gate
 * (on by default since Kubernetes 1.12), without which the kubelet ignores serverTLSBootstrap. The gate alone
 * changes nothing: a kubelet with the default serverTLSBootstrap keeps a certificate it signed itself or one
 * installed by hand.
 */
import type { HostKubelet } from '../../src/core/facts/host';
import { parseBool } from '../k8s/controlplane/flag-semantics';
import { type Effective, effectiveFeatureGate, effectiveSetting, type KubeletSource } from './kubelet-setting';

/** Where serverTLSBootstrap is read from; booleanSetting judges it. */
export const SERVER_TLS_BOOTSTRAP: KubeletSource = {
  flag: 'rotate-server-certificates',
  path: ['serverTLSBootstrap'],
  configDefault: 'false',
  flagDefault: 'false',
};

export const ROTATION_GATE = 'RotateKubeletServerCertificate';

export interface Setting {
  /** The evidence key: the configuration field or the gate. */
  key: string;
  /** How messages name it. */
  name: string;
  /** true, false, or null when not known (not visible, or a value the kubelet refuses). */
  on: boolean | null;
  /** "serverTLSBootstrap is true (flag --rotate-server-certificates)", or why it is not known. */
  seen: string;
  /** Why it is not known, without its name when the reason is the kubelet's (an unusable file), or undefined. */
  reason?: string;
  value: string | null;
  from: string | null;
}

function booleanSetting(key: string, name: string, eff: Effective): Setting {
  if (!eff.known) {
    return { key, name, on: null, seen: `${name} is not known: ${eff.why}`, reason: eff.why, value: null, from: null };
  }
  const raw = eff.value ?? '';
  const on = parseBool(raw) ?? null;
  const seen =
    on === null
      ? `${name} is ${raw} (${eff.from}), not a boolean the kubelet accepts`
      : `${name} is ${String(on)} (${eff.from})`;
  return { key, name, on, seen, ...(on === null ? { reason: seen } : {}), value: eff.value ?? null, from: eff.from };
}

export interface ServingRotation {
  /** Both settings on (true), either one off (false), or not known (null). */
  on: boolean | null;
  /** The settings that decide it: both when on or unknown, the ones that are off when off. */
  decisive: Setting[];
  settings: Setting[];
}

export function servingRotation(k: HostKubelet): ServingRotation {
  const settings = [
    booleanSetting('serverTLSBootstrap', 'serverTLSBootstrap', effectiveSetting(k, SERVER_TLS_BOOTSTRAP)),
    booleanSetting(ROTATION_GATE, `the ${ROTATION_GATE} feature gate`, effectiveFeatureGate(k, ROTATION_GATE, true)),
  ];
  const off = settings.filter((s) => s.on === false);
  if (off.length > 0) return { on: false, decisive: off, settings };
  const unknown = settings.filter((s) => s.on === null);
  if (unknown.length > 0) return { on: null, decisive: unknown, settings };
  return { on: true, decisive: settings, settings };
}

/** Why the settings that decide it are not known, each reason once. */
export function unknownReasons(settings: Setting[]): string[] {
  return [...new Set(settings.flatMap((s) => (s.reason === undefined ? [] : [s.reason])))];
}

/** The settings as evidence: each one's value and where it comes from. */
export function settingsEvidence(settings: Setting[]): Record<string, { value: string | null; from: string | null }> {
  return Object.fromEntries(settings.map((s) => [s.key, { value: s.value, from: s.from }]));
}
