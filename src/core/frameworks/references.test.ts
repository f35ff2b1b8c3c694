/**
 * Every benchmark reference of every check names a control that exists in the framework data, and one whose intent
 * the check matches. The rules (docs/frameworks.md, "Correct references"):
 *
 * 1. The framework and version have a data file, and the control is one of its controls (or one of its sections:
 *    a section reference says what the check is about without judging any single control).
 * 2. CIS controls whose title names command-line flags (`--client-ca-file`): the check's title or remediation names
 *    at least one of them (with or without its dashes: `kubeconfig` for `--kubeconfig`).
 * 3. Checks whose title names flags: a CIS control they reference names one of those flags too, or has an intent
 *    rule below that the check meets.
 * 4. CIS controls that name no flag: the check meets the control's intent rule (INTENT), or, without one, shares at
 *    least one significant word of the control's title.
 * 5. Pairs known to differ in substance although the words match (MISMATCHED) are refused, with the reason.
 * NSA/CISA references name topics of the guide rather than numbered controls: rule 1 applies to them.
 */
import { checks } from '../../../checks';
import type { BenchmarkRef, CheckMeta } from '../model';
import { FRAMEWORK_DATA, frameworkOf } from './data';

const FLAG = /--[a-z][a-z0-9-]*/gi;

/** What a check must say (title or remediation) to judge a CIS control whose title names no flag. */
const INTENT: Record<string, RegExp> = {
  'CIS Kubernetes Benchmark 1.12 1.1.21': /private key/i,
  'CIS Kubernetes Benchmark 1.12 1.2.14': /NodeRestriction/,
  'CIS Kubernetes Benchmark 1.12 1.2.29': /cipher/i,
  'CIS Kubernetes Benchmark 1.12 4.2.8': /eventRecordQPS/,
  'CIS Kubernetes Benchmark 1.12 4.2.11': /RotateKubeletServerCertificate/,
  'CIS Kubernetes Benchmark 1.12 4.2.12': /cipher/i,
  'CIS Kubernetes Benchmark 1.12 4.2.13': /podPidsLimit|pod-max-pids/,
  'CIS Kubernetes Benchmark 1.12 5.1.1': /cluster-admin/,
  'CIS Kubernetes Benchmark 1.12 5.1.2': /secrets/i,
  'CIS Kubernetes Benchmark 1.12 5.1.3': /"\*"|wildcard/i,
  'CIS Kubernetes Benchmark 1.12 5.1.4': /create pods/i,
  'CIS Kubernetes Benchmark 1.12 5.1.5': /default ServiceAccount/i,
  'CIS Kubernetes Benchmark 1.12 5.1.6': /automountServiceAccountToken|mount its token|token mount/i,
  'CIS Kubernetes Benchmark 1.12 5.1.8': /bind.*escalate.*impersonate/i,
  'CIS Kubernetes Benchmark 1.12 5.1.10': /proxy subresource of Nodes/i,
  'CIS Kubernetes Benchmark 1.12 5.1.11': /certificate signing requests|certificatesigningrequests/i,
  'CIS Kubernetes Benchmark 1.12 5.1.12': /webhook configuration/i,
  'CIS Kubernetes Benchmark 1.12 5.1.13': /ServiceAccount tokens|serviceaccounts\/token/i,
  'CIS Kubernetes Benchmark 1.12 5.2.7': /non-root|runAsNonRoot/i,
  'CIS Kubernetes Benchmark 1.12 5.2.12': /hostPort/,
  'CIS Kubernetes Benchmark 1.12 5.3.2': /NetworkPolicy/,
  'CIS Amazon EKS Benchmark 1.8.0 2.1.1': /api, audit, authenticator, controllerManager, scheduler/,
  'CIS Amazon EKS Benchmark 1.8.0 3.2.9': /RotateKubeletServerCertificate/,
  'CIS Amazon EKS Benchmark 1.8.0 4.1.1': /cluster-admin/,
  'CIS Amazon EKS Benchmark 1.8.0 4.1.7': /Cluster Access Manager|access entries/i,
  'CIS Amazon EKS Benchmark 1.8.0 4.1.9': /PersistentVolume/,
  'CIS Amazon EKS Benchmark 1.8.0 4.1.10': /proxy subresource of Nodes/i,
  'CIS Amazon EKS Benchmark 1.8.0 5.3.1': /KMS/,
  'CIS Amazon EKS Benchmark 1.8.0 5.4.1': /CIDR/,
  'CIS Amazon EKS Benchmark 1.8.0 5.4.2': /private endpoint.*public access disabled/i,
  'CIS Distribution Independent Linux 2.0.0 1.5.3': /randomize_va_space|ASLR/,
  'CIS Distribution Independent Linux 2.0.0 4.1.6': /users and groups/i,
  'CIS Distribution Independent Linux 2.0.0 6.2.1': /empty password/i,
  'CIS Distribution Independent Linux 2.0.0 6.2.5': /UID 0/,
  'CIS Distribution Independent Linux 2.0.0 6.2.6': /PATH/,
};

/** References the words allow but the substance does not: refused, with the reason. */
const MISMATCHED: Record<string, string> = {
  'host.files.kubelet-config CIS Kubernetes Benchmark 1.12 4.1.5':
    'the check accepts mode 644 (not writable by group or others); the control asks for 600 or stricter',
  'host.files.kubelet-config CIS Kubernetes Benchmark 1.12 4.1.9':
    'the check accepts mode 644 (not writable by group or others); the control asks for 600 or stricter',
  'k8s.netpol.default-deny-ingress CIS Kubernetes Benchmark 1.12 5.3.2':
    'default deny is stricter than the control (a namespace with any policy meets it): its failure would fail the control wrongly',
  'k8s.netpol.default-deny-egress CIS Kubernetes Benchmark 1.12 5.3.2':
    'default deny is stricter than the control (a namespace with any policy meets it): its failure would fail the control wrongly',
  'k8s.netpol.pod-isolated CIS Kubernetes Benchmark 1.12 5.3.2':
    'isolating every pod is stricter than the control (a namespace with any policy meets it)',
  'k8s.authn.legacy-sa-token-secrets CIS Kubernetes Benchmark 1.12 5.1.6':
    'the control is about mounting tokens into pods; long-lived token Secrets are another matter',
  'k8s.rbac.anonymous-binding CIS Kubernetes Benchmark 1.12 5.1.1':
    'the control is about cluster-admin; anonymous access is judged by 1.2.1 and the NSA/CISA guide',
  'k8s.tls.apiserver-cert-expiry CIS Kubernetes Benchmark 1.12 1.2.24':
    'the control asks that a serving certificate is configured (k8s.tls.apiserver-serving-cert), not when it expires',
  'k8s.rbac.pod-exec CIS Kubernetes Benchmark 1.12 5.1.10':
    'the check also fails on pods/exec, attach and port-forward, which the control (the proxy subresource of Nodes) does not ask about: k8s.rbac.nodes-proxy judges it',
  'k8s.rbac.pod-exec CIS Amazon EKS Benchmark 1.8.0 4.1.10':
    'the check also fails on pods/exec, attach and port-forward, which the control (the proxy subresource of Nodes) does not ask about: k8s.rbac.nodes-proxy judges it',
  'host.cert.expiry CIS Kubernetes Benchmark 1.12 4.2.10':
    'the control is about the kubelet rotating its certificates (host.kubelet.cert-rotation), not their expiry',
};

/** Words of control titles too common to show intent. */
const STOP = new Set(
  `ensure that the and are is set to as appropriate argument arguments or more restrictive not only used where
  required should minimize admission containers of in for with which a an be by if on this file files permissions
  ownership configured enabled disabled use using all any parameter root`.split(/\s+/),
);

const key = (ref: BenchmarkRef) => `${ref.framework} ${ref.version} ${ref.control}`;
const flagsOf = (text: string) => new Set((text.match(FLAG) ?? []).map((f) => f.toLowerCase()));

function problemsOf(check: CheckMeta, ref: BenchmarkRef): string[] {
  const where = `${check.id} -> ${key(ref)}`;
  const framework = frameworkOf(ref);
  if (!framework) return [`${where}: no framework data for ${ref.framework} ${ref.version} (frameworks/)`];
  const control = framework.controls.find((c) => c.id === ref.control);
  const section = framework.sections.find((s) => s.id === ref.control);
  if (!control && !section) return [`${where}: ${framework.id} has no control or section ${ref.control}`];
  const mismatch = MISMATCHED[`${check.id} ${key(ref)}`];
  if (mismatch) return [`${where}: ${mismatch}`];
  if (!control || !framework.framework.startsWith('CIS ')) return [];

  const text = `${check.title}\n${check.remediation}`;
  const controlFlags = flagsOf(control.title);
  const intent = INTENT[key(ref)];
  const problems: string[] = [];
  const lower = text.toLowerCase();
  if (controlFlags.size > 0 && ![...controlFlags].some((f) => lower.includes(f.slice(2)))) {
    problems.push(`${where}: "${control.title}" names ${[...controlFlags].join(', ')}; the check names none of them`);
  }
  const titleFlags = flagsOf(check.title);
  if (titleFlags.size > 0 && ![...titleFlags].some((f) => controlFlags.has(f)) && !intent?.test(text)) {
    problems.push(`${where}: the check is about ${[...titleFlags].join(', ')}; "${control.title}" is not`);
  }
  if (controlFlags.size === 0) {
    if (intent) {
      if (!intent.test(text)) problems.push(`${where}: the check does not say ${intent} ("${control.title}")`);
    } else {
      const words = control.title
        .toLowerCase()
        .split(/[^a-z0-9/.:-]+/)
        .filter((w) => w.length >= 3 && !STOP.has(w));
      if (!words.some((w) => lower.includes(w))) {
        problems.push(`${where}: shares no significant word with "${control.title}": add an intent rule or fix it`);
      }
    }
  }
  return problems;
}

describe('benchmark references of the checks', () => {
  it('name controls that exist, with the intent the check judges', () => {
    expect(checks.flatMap((c) => c.benchmarks.flatMap((ref) => problemsOf(c, ref)))).toEqual([]);
  });

  it('every intent rule and refusal names a control that exists', () => {
    const keys = new Set(FRAMEWORK_DATA.flatMap((f) => f.controls.map((c) => `${f.framework} ${f.version} ${c.id}`)));
    expect(Object.keys(INTENT).filter((k) => !keys.has(k))).toEqual([]);
    const registered = new Set(checks.map((c) => c.id));
    const refused = Object.keys(MISMATCHED).map((k) => [k.slice(0, k.indexOf(' ')), k.slice(k.indexOf(' ') + 1)]);
    expect(refused.filter(([id, k]) => !registered.has(id) || !keys.has(k))).toEqual([]);
  });

  // The references the rules exist for: each is refused, with a reason that names the mismatch.
  it.each([
    ['k8s.authn.client-ca', '1.2.29', /cipher|--client-ca-file/],
    ['k8s.tls.apiserver-etcd', '1.2.25', /--client-ca-file/],
    ['k8s.authn.no-static-password-file', '1.2.2', /--token-auth-file/],
    ['host.account.no-extra-uid0', '6.2.6', /UID 0|PATH/],
  ])('refuses %s -> %s', (id, control, reason) => {
    const check = checks.find((c) => c.id === id)!;
    const ref =
      id === 'host.account.no-extra-uid0'
        ? ({ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control } as const)
        : ({ framework: 'CIS Kubernetes Benchmark', version: '1.12', control } as const);
    const problems = problemsOf(check, ref);
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.join('\n')).toMatch(reason);
  });
});

/**
 * CIS EKS controls that are CIS Kubernetes controls under another number (same subject): both must be judged by the
 * same checks, or a cluster would pass one benchmark and fail the other on the same evidence. Twins are found by
 * title; TWINS adds the pairs whose wording differs, TWIN_DIFFERENCES the pairs judged differently on purpose.
 */
const TWINS: [string, string][] = [
  ['4.1.9', '5.1.9'],
  ['4.1.10', '5.1.10'],
];
const TWIN_DIFFERENCES: Record<string, string> = {
  '3.2.9': 'on EKS the controller manager is not visible: the kubelet side (serverTLSBootstrap) is judged instead',
  '4.1.1': 'EKS grants cluster-admin through access entries too (k8s.eks.admin-access-entries)',
};

describe('twin controls of the CIS Kubernetes and EKS benchmarks', () => {
  const k8s = frameworkOf({ framework: 'CIS Kubernetes Benchmark', version: '1.12' })!;
  const eks = frameworkOf({ framework: 'CIS Amazon EKS Benchmark', version: '1.8.0' })!;
  const norm = (s: string) =>
    s
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, ' ')
      .trim();
  const byTitle = new Map(k8s.controls.map((c) => [norm(c.title), c]));
  const twins = eks.controls.flatMap((c) => {
    const named = TWINS.find(([e]) => e === c.id);
    const twin = named ? k8s.controls.find((k) => k.id === named[1]) : byTitle.get(norm(c.title));
    return twin ? [[c, twin] as const] : [];
  });

  it('are judged by the same checks, but for the differences listed with their reason', () => {
    expect(twins.length).toBeGreaterThan(15);
    const differing = twins
      .filter(([e, k]) => JSON.stringify(e.checks) !== JSON.stringify(k.checks))
      .map(([e, k]) => `EKS ${e.id} ${JSON.stringify(e.checks)} / Kubernetes ${k.id} ${JSON.stringify(k.checks)}`);
    expect(differing.filter((d) => !(d.split(' ')[1] in TWIN_DIFFERENCES))).toEqual([]);
    expect(Object.keys(TWIN_DIFFERENCES).filter((id) => !differing.some((d) => d.split(' ')[1] === id))).toEqual([]);
  });
});
