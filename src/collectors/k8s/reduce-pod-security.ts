/**
 * Reduces a pod spec (a Pod's, or a controller's template) to the fields Pod Security Standards judge, so a fact
 * stays small: nothing the checks do not read (no image, no command, no env values, no annotations) is kept. A field
 * is kept only when the spec sets it; absent means the Kubernetes default (docs/workloads.md).
 */
import type { KContainerSecurity, KPodSpecSecurity, KSecretEnvRef } from '../../core/facts/k8s';

type Obj = Record<string, unknown>;

const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const objs = (v: unknown): Obj[] => (Array.isArray(v) ? v.filter(isObj) : []);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/** A boolean field, kept only when set. */
function bool<K extends string>(key: K, v: unknown): { [P in K]?: boolean } {
  return (typeof v === 'boolean' ? { [key]: v } : {}) as { [P in K]?: boolean };
}

/** The settings a pod-level and a container-level securityContext share. */
function sharedContext(sc: Obj) {
  const seccomp = isObj(sc.seccompProfile) ? str(sc.seccompProfile.type) : undefined;
  const windows = isObj(sc.windowsOptions) ? sc.windowsOptions : {};
  return {
    ...bool('runAsNonRoot', sc.runAsNonRoot),
    ...(typeof sc.runAsUser === 'number' ? { runAsUser: sc.runAsUser } : {}),
    ...(seccomp !== undefined ? { seccompProfile: seccomp } : {}),
    ...bool('hostProcess', windows.hostProcess),
  };
}

function secretEnvOf(c: Obj): KSecretEnvRef[] {
  const out: KSecretEnvRef[] = [];
  for (const e of objs(c.env)) {
    const ref = isObj(e.valueFrom) && isObj(e.valueFrom.secretKeyRef) ? e.valueFrom.secretKeyRef : undefined;
    if (!ref) continue;
    out.push({
      secret: str(ref.name) ?? '',
      ...(str(e.name) !== undefined ? { variable: str(e.name) } : {}),
      ...(str(ref.key) !== undefined ? { key: str(ref.key) } : {}),
    });
  }
  for (const e of objs(c.envFrom)) {
    if (isObj(e.secretRef)) out.push({ secret: str(e.secretRef.name) ?? '' });
  }
  return out;
}

function containerOf(c: Obj, type: KContainerSecurity['type']): KContainerSecurity {
  const sc = isObj(c.securityContext) ? c.securityContext : {};
  const caps = isObj(sc.capabilities) ? sc.capabilities : {};
  const hostPorts = objs(c.ports)
    .map((p) => p.hostPort)
    .filter((p): p is number => typeof p === 'number' && p !== 0);
  const secretEnv = secretEnvOf(c);
  return {
    name: str(c.name) ?? '',
    ...(type ? { type } : {}),
    ...bool('privileged', sc.privileged),
    ...bool('allowPrivilegeEscalation', sc.allowPrivilegeEscalation),
    ...sharedContext(sc),
    ...(Array.isArray(caps.add) ? { capabilitiesAdd: strings(caps.add) } : {}),
    ...(Array.isArray(caps.drop) ? { capabilitiesDrop: strings(caps.drop) } : {}),
    ...(hostPorts.length > 0 ? { hostPorts } : {}),
    ...(secretEnv.length > 0 ? { secretEnv } : {}),
  };
}

/** The security-relevant part of a pod spec. */
export function podSecurityOf(spec: Obj): KPodSpecSecurity {
  const sc = isObj(spec.securityContext) ? spec.securityContext : {};
  const os = isObj(spec.os) ? str(spec.os.name) : undefined;
  const hostPathVolumes = objs(spec.volumes)
    .filter((v) => isObj(v.hostPath))
    .map((v) => ({ name: str(v.name) ?? '', path: str((v.hostPath as Obj).path) ?? '' }));
  return {
    ...(os !== undefined ? { os } : {}),
    ...bool('hostPID', spec.hostPID),
    ...bool('hostIPC', spec.hostIPC),
    ...sharedContext(sc),
    ...(hostPathVolumes.length > 0 ? { hostPathVolumes } : {}),
    containers: [
      ...objs(spec.initContainers).map((c) => containerOf(c, 'init')),
      ...objs(spec.containers).map((c) => containerOf(c, undefined)),
      ...objs(spec.ephemeralContainers).map((c) => containerOf(c, 'ephemeral')),
    ],
  };
}
