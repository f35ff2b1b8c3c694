/**
 * Shared by the k8s.workloads.* checks: one finding per workload, judged on its pod spec as Pod Security Standards
 * define the fields (container settings override the pod's; init and ephemeral containers count), with the
 * namespace's Pod Security admission level as evidence (docs/workloads.md).
 */
import type { KContainerSecurity, KNamespace, KPodSpecSecurity, KWorkload } from '../../../src/core/facts/k8s';
import type { BenchmarkRef, CheckOptions, Fact, Finding, ResourceRef, Severity } from '../../../src/core/model';

export const cis = (control: string): BenchmarkRef => ({
  framework: 'CIS Kubernetes Benchmark',
  version: '1.12',
  control,
});

/** A control of the CIS Amazon EKS Benchmark 1.8.0. */
export const eks = (control: string): BenchmarkRef => ({
  framework: 'CIS Amazon EKS Benchmark',
  version: '1.8.0',
  control,
});

export const NSA_POD_SECURITY: BenchmarkRef = {
  framework: 'NSA/CISA Kubernetes Hardening Guide',
  version: '1.2',
  control: 'Pod security: pod security enforcement',
};

export const NSA_NON_ROOT: BenchmarkRef = {
  framework: 'NSA/CISA Kubernetes Hardening Guide',
  version: '1.2',
  control: 'Pod security: non-root containers',
};

export const PSA_ENFORCE = 'pod-security.kubernetes.io/enforce';
export const PSA_ENFORCE_VERSION = 'pod-security.kubernetes.io/enforce-version';

/** Pod Security levels, least restrictive first. */
export const PSS_LEVELS = ['privileged', 'baseline', 'restricted'] as const;
export type PssLevel = (typeof PSS_LEVELS)[number];

export function isPssLevel(v: string | undefined): v is PssLevel {
  return (PSS_LEVELS as readonly (string | undefined)[]).includes(v);
}

/** The capabilities Pod Security Standards baseline lets a container add (the container runtime's default set). */
export const BASELINE_CAPABILITIES: ReadonlySet<string> = new Set([
  'AUDIT_WRITE',
  'CHOWN',
  'DAC_OVERRIDE',
  'FOWNER',
  'FSETID',
  'KILL',
  'MKNOD',
  'NET_BIND_SERVICE',
  'SETFCAP',
  'SETGID',
  'SETPCAP',
  'SETUID',
  'SYS_CHROOT',
]);

/** A capability as the runtime reads it: upper case, without the `CAP_` prefix. */
export const capName = (c: string): string => c.toUpperCase().replace(/^CAP_/, '');

/** A container adds a capability outside the baseline set. */
export const addsBeyondBaseline = (pod: KPodSpecSecurity): boolean =>
  pod.containers.some((c) => (c.capabilitiesAdd ?? []).some((x) => !BASELINE_CAPABILITIES.has(capName(x))));

/** The pod or a container asks for the Unconfined seccomp profile, which baseline forbids. */
export const unconfined = (pod: KPodSpecSecurity): boolean =>
  pod.seccompProfile === 'Unconfined' || pod.containers.some((c) => c.seccompProfile === 'Unconfined');

export const anyPrivileged = (pod: KPodSpecSecurity): boolean => pod.containers.some((c) => c.privileged === true);

export const workloadLabel = (w: KWorkload): string => `${w.kind} ${w.namespace}/${w.name}`;
export const workloadRef = (w: KWorkload): ResourceRef => ({ kind: w.kind, namespace: w.namespace, name: w.name });

/** How a container is named in messages: `container app`, `init container setup`, `ephemeral container dbg`. */
export function containerLabel(c: KContainerSecurity): string {
  return `${c.type ? `${c.type} ` : ''}container ${c.name}`;
}

/** The value a container runs with: its own setting, else the pod's. */
export function effective<F extends 'runAsNonRoot' | 'runAsUser' | 'seccompProfile' | 'hostProcess'>(
  pod: KPodSpecSecurity,
  c: KContainerSecurity,
  field: F,
): KPodSpecSecurity[F] {
  const own = c[field] as KPodSpecSecurity[F];
  return own !== undefined ? own : pod[field];
}

/** Linux-only fields are not judged on Windows pods (Pod Security Standards exempt them the same way). */
export const isWindows = (pod: KPodSpecSecurity): boolean => pod.os === 'windows';

/** What a namespace's Pod Security admission enforces, from its labels. */
export interface Admission {
  namespace: string;
  /** The label's value as written, or null when the namespace has no enforce label. */
  enforce: string | null;
  version?: string;
}

export function admissionOf(ns: KNamespace): Admission {
  const version = ns.labels[PSA_ENFORCE_VERSION];
  return { namespace: ns.name, enforce: ns.labels[PSA_ENFORCE] ?? null, ...(version ? { version } : {}) };
}

/** Whether admission at this enforce level rejects pods that break a rule of `level`. */
export function enforces(enforce: string | null, level: PssLevel): boolean {
  return isPssLevel(enforce ?? undefined) && PSS_LEVELS.indexOf(enforce as PssLevel) >= PSS_LEVELS.indexOf(level);
}

/** One thing a rule finds wrong in a pod spec, in words (`container app is privileged`). */
export type Offences = string[];

export interface WorkloadRule {
  /** The Pod Security level that forbids what the rule finds; absent when no level does. */
  level?: PssLevel;
  /** For a restricted rule: whether this spec breaks baseline too (an added capability, an Unconfined profile). */
  breaksBaseline?(pod: KPodSpecSecurity): boolean;
  /** Not judged on Windows pods (Linux-only fields). */
  linuxOnly?: boolean;
  offences(pod: KPodSpecSecurity, w: KWorkload): Offences;
  /** What a failing workload does, for the message: `runs privileged containers`. */
  what: string;
  /** What a passing workload does not do: `runs no privileged container`. */
  passWords: string;
  /** A severity for this workload's failure other than the check's. */
  severity?(pod: KPodSpecSecurity, w: KWorkload): Severity | undefined;
}

interface WorkloadContext {
  facts: { 'k8s.workloads': KWorkload[] };
  optional: { 'k8s.namespaces'?: Fact<KNamespace[]> };
  options: Pick<CheckOptions, 'excludedNamespaces'>;
  target: { name: string };
}

/**
 * One finding per workload outside the excluded namespaces: `fail` with the offences, `pass` without, `unknown`
 * when its pod spec was not seen, `not-applicable` for a Linux-only rule on a Windows pod. The namespace's enforce
 * label is evidence either way; it never turns an offending spec into a pass (the workload was admitted before the
 * label, through an exemption, or is not yet applied).
 */
export function perWorkload(rule: WorkloadRule) {
  return ({ facts, optional, options, target }: WorkloadContext): Finding[] => {
    const excluded = new Set(options.excludedNamespaces);
    const nsFact = optional['k8s.namespaces'];
    const namespaces = new Map(nsFact?.ok ? nsFact.value.map((n) => [n.name, n] as const) : []);
    const workloads = facts['k8s.workloads'].filter((w) => !excluded.has(w.namespace));
    if (workloads.length === 0) {
      return [
        {
          status: 'pass',
          resource: { kind: 'Cluster', name: target.name },
          message: `Cluster ${target.name} runs no workload outside the excluded namespaces.`,
        },
      ];
    }
    return workloads.map((w) => judge(rule, w, namespaces.get(w.namespace)));
  };
}

function judge(rule: WorkloadRule, w: KWorkload, ns: KNamespace | undefined): Finding {
  const resource = workloadRef(w);
  const label = workloadLabel(w);
  if (!w.pod) {
    return { status: 'unknown', resource, message: `The pod template of ${label} was not seen: nothing to judge.` };
  }
  if (w.pod.containers.length === 0) {
    return { status: 'unknown', resource, message: `The pod spec of ${label} has no container: nothing to judge.` };
  }
  if (rule.linuxOnly && isWindows(w.pod)) {
    return {
      status: 'not-applicable',
      resource,
      message: `${label} runs Windows pods: the Linux settings this check judges do not apply.`,
    };
  }
  const offences = rule.offences(w.pod, w);
  // A namespace known only from the objects in it has labels nobody saw: no admission evidence either way.
  const admission = ns && !ns.inferred && rule.level ? admissionOf(ns) : undefined;
  // An offending spec is rejected by the least level it breaks; a clean one is protected by the rule's level.
  const level = offences.length > 0 && rule.breaksBaseline?.(w.pod) ? 'baseline' : rule.level;
  const forbidden = admission && level ? enforces(admission.enforce, level) : false;
  // The namespace is the resource's: not repeated. Results are one per workload per check, so a pass carries the
  // admission only when it adds something (the level forbids the thing too).
  const admissionEvidence = admission
    ? {
        admission: {
          enforce: admission.enforce,
          ...(admission.version ? { version: admission.version } : {}),
          forbids: forbidden,
        },
      }
    : {};
  if (offences.length === 0) {
    return {
      status: 'pass',
      resource,
      message: `${label} ${rule.passWords}.`,
      ...(forbidden ? { evidence: admissionEvidence } : {}),
    };
  }
  const note = forbidden
    ? ` (namespace ${w.namespace} enforces Pod Security level ${admission?.enforce}, which rejects new pods like these; the spec stands as admitted)`
    : '';
  const severity = rule.severity?.(w.pod, w);
  return {
    status: 'fail',
    resource,
    message: `${label} ${rule.what}: ${offences.join('; ')}${note}.`,
    evidence: { offences, ...admissionEvidence },
    ...(severity ? { severity } : {}),
  };
}

/** A rule on each container (init and ephemeral too): the offences of every container, labelled. */
export function eachContainer(
  find: (c: KContainerSecurity, pod: KPodSpecSecurity) => string | undefined,
): (pod: KPodSpecSecurity) => Offences {
  return (pod) =>
    pod.containers.flatMap((c) => {
      const what = find(c, pod);
      return what ? [`${containerLabel(c)} ${what}`] : [];
    });
}
