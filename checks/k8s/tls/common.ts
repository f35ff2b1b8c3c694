import type {
  CertificateInfo,
  ComponentInstance,
  ControlPlaneComponent,
  KControlPlane,
} from '../../../src/core/facts/k8s';
import type { BenchmarkRef, CheckOptions, Finding, ResourceRef, Severity } from '../../../src/core/model';

export const cis = (control: string): BenchmarkRef => ({
  framework: 'CIS Kubernetes Benchmark',
  version: '1.12',
  control,
});
export const NSA_TLS: BenchmarkRef = {
  framework: 'NSA/CISA Kubernetes Hardening Guide',
  version: '1.2',
  control: 'Network separation and hardening: control plane TLS',
};

/** Resource kinds of control-plane components, as the other flag checks (k8s.authn.*) name them. */
const KINDS: Record<ControlPlaneComponent, string> = {
  'kube-apiserver': 'KubeApiServer',
  etcd: 'Etcd',
  'kube-controller-manager': 'KubeControllerManager',
  'kube-scheduler': 'KubeScheduler',
};

/** The component as a whole (live probe results, and `unknown` when no instance is visible). */
export function componentRef(component: ControlPlaneComponent): ResourceRef {
  return { kind: KINDS[component], name: component };
}

/** One instance of the component: `kube-apiserver/cp-1`, so each control-plane node keeps its own fingerprint. */
export function instanceRef(component: ControlPlaneComponent, i: ComponentInstance): ResourceRef {
  return { kind: KINDS[component], name: `${component}/${i.node ?? 'unknown-node'}` };
}

export const MANAGED_REASON = 'managed control plane: not visible to the scanner';

/**
 * The instances of a control-plane component whose flags can be read, or the `unknown` finding that says why they
 * cannot: a managed control plane (EKS, GKE, AKS) hides them; no mirror Pod or manifest seen means we do not know.
 */
export function instancesOf(
  cp: KControlPlane,
  component: ControlPlaneComponent,
): { instances: ComponentInstance[] } | { unknown: Finding } {
  const instances = cp.components[component] ?? [];
  if (instances.length > 0) return { instances };
  const resource = componentRef(component);
  if (cp.managed) {
    return {
      unknown: {
        status: 'unknown',
        resource,
        message: `Could not assess ${component}: ${MANAGED_REASON} (${cp.managed}${cp.managedEvidence ? `, ${cp.managedEvidence}` : ''}).`,
        evidence: { managed: cp.managed, managedEvidence: cp.managedEvidence },
      },
    };
  }
  return {
    unknown: {
      status: 'unknown',
      resource,
      message: `Could not assess ${component}: no ${component} Pod seen (no mirror Pod in kube-system, no static Pod manifest).`,
    },
  };
}

/** Where an instance runs, for messages: its node (or the manifest file it was read from). */
export function instanceName(i: ComponentInstance): string {
  return i.node ?? `an unknown node (${i.source})`;
}

export function isSet(flags: Record<string, string>, name: string): boolean {
  const v = flags[name];
  return v !== undefined && v.trim() !== '';
}

export function isTrue(flags: Record<string, string>, name: string): boolean {
  return (flags[name] ?? '').trim().toLowerCase() === 'true';
}

/** A requirement on one flag: what it must be, and whether an instance meets it. */
export interface FlagRule {
  /** What is wrong, as a phrase: `--tls-cert-file is missing`. */
  problem: string;
  violated(flags: Record<string, string>): boolean;
}

export const required = (flag: string): FlagRule => ({
  problem: `--${flag} is missing`,
  violated: (f) => !isSet(f, flag),
});
export const mustBeTrue = (flag: string): FlagRule => ({
  problem: `--${flag} is not true`,
  violated: (f) => !isTrue(f, flag),
});
export const mustNotBeTrue = (flag: string): FlagRule => ({
  problem: `--${flag}=true`,
  violated: (f) => isTrue(f, flag),
});

/**
 * One result per instance seen (an HA control plane has several; each node keeps its own fingerprint): `fail`
 * naming what the instance lacks, `pass` when it meets every rule.
 */
export function flagFindings(
  cp: KControlPlane,
  component: ControlPlaneComponent,
  rules: readonly FlagRule[],
  passText: string,
): Finding[] {
  const got = instancesOf(cp, component);
  if ('unknown' in got) return [got.unknown];
  return got.instances.map((i): Finding => {
    const problems = rules.filter((r) => r.violated(i.flags)).map((r) => r.problem);
    const evidence = { source: i.source, ...(i.node ? { node: i.node } : {}), problems };
    return problems.length === 0
      ? {
          status: 'pass',
          resource: instanceRef(component, i),
          message: `${component} on ${instanceName(i)} ${passText}.`,
          evidence,
        }
      : {
          status: 'fail',
          resource: instanceRef(component, i),
          message: `${component} on ${instanceName(i)}: ${problems.join(', ')}.`,
          evidence,
        };
  });
}

export const DAY_MS = 86_400_000;

/** Days until `notAfter` (negative once expired), rounded down. */
export function daysLeft(notAfter: string, now: Date): number {
  return Math.floor((new Date(notAfter).getTime() - now.getTime()) / DAY_MS);
}

/**
 * Expiry of one certificate as a finding: expired or within the critical window => critical, within the high
 * window => high, otherwise pass. Unreadable dates => unknown.
 */
export function expiryFinding(
  cert: CertificateInfo,
  what: string,
  resource: ResourceRef,
  now: Date,
  options: CheckOptions,
  evidence: Record<string, unknown> = {},
): Finding {
  const notAfter = new Date(cert.notAfter);
  if (Number.isNaN(notAfter.getTime())) {
    return { status: 'unknown', resource, message: `Could not read the expiry date of ${what}.` };
  }
  const days = daysLeft(cert.notAfter, now);
  const ev = { subject: cert.subject, issuer: cert.issuer, notAfter: cert.notAfter, daysLeft: days, ...evidence };
  const { high, critical } = options.certExpiryDays;
  let severity: Severity | null = null;
  let text: string;
  if (notAfter.getTime() <= now.getTime()) {
    severity = 'critical';
    text = `${what} expired on ${cert.notAfter.slice(0, 10)} (${-days} day(s) ago)`;
  } else if (days < critical) {
    severity = 'critical';
    text = `${what} expires on ${cert.notAfter.slice(0, 10)}, in ${days} day(s)`;
  } else if (days < high) {
    severity = 'high';
    text = `${what} expires on ${cert.notAfter.slice(0, 10)}, in ${days} day(s)`;
  } else {
    text = `${what} is valid until ${cert.notAfter.slice(0, 10)} (${days} days)`;
  }
  return severity
    ? { status: 'fail', severity, resource, message: `${text}.`, evidence: ev }
    : { status: 'pass', resource, message: `${text}.`, evidence: ev };
}
