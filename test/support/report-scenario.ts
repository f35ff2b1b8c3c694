/**
 * Small hand-made scans for the renderer tests: a catalogue of a few checks, a result builder, a snapshot builder
 * and a scenario (a previous snapshot and a new scan compared by the real diff) that exercises every section.
 */
import { compare } from '../../src/core/diff';
import { fingerprint } from '../../src/core/fingerprint';
import type { CheckMeta, Diff, ResourceRef, Result, Snapshot, TargetSummary, Waiver } from '../../src/core/model';
import type { ReportInput } from '../../src/report/types';

export const CATALOGUE: CheckMeta[] = [
  {
    id: 'k8s.rbac.cluster-admin',
    title: 'Only the control plane is bound to cluster-admin',
    severity: 'critical',
    category: 'rbac',
    targetKind: 'cluster',
    benchmarks: [
      { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '5.1.1' },
      { framework: 'NSA/CISA Kubernetes Hardening Guide', version: '1.2', control: 'Authorization' },
    ],
    remediation: 'Bind the subject to a namespaced Role with only the verbs it needs, then delete the binding.',
  },
  {
    id: 'k8s.rbac.secrets-read',
    title: 'Few subjects can read Secrets',
    severity: 'high',
    category: 'rbac',
    targetKind: 'cluster',
    benchmarks: [{ framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '5.1.2' }],
    remediation: 'Remove get, list and watch on secrets from the roles bound to the subject.',
  },
  {
    id: 'k8s.netpol.default-deny-ingress',
    title: 'Every namespace denies ingress by default',
    severity: 'medium',
    category: 'netpol',
    targetKind: 'cluster',
    benchmarks: [{ framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '5.3.2' }],
    remediation: 'Add a NetworkPolicy with podSelector: {} and policyTypes: [Ingress] to the namespace.',
  },
  {
    id: 'host.ssh.root-login-disabled',
    title: 'sshd refuses root logins',
    severity: 'high',
    category: 'host',
    targetKind: 'host',
    benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.8' }],
    remediation: 'Set "PermitRootLogin no" in /etc/ssh/sshd_config and in every Match block, then reload sshd.',
    aliases: ['host.ssh.no-root-login'],
  },
  {
    id: 'host.ssh.max-auth-tries',
    title: 'sshd allows at most 4 authentication attempts',
    severity: 'low',
    category: 'host',
    targetKind: 'host',
    benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.7' }],
    remediation: 'Set "MaxAuthTries 4" in /etc/ssh/sshd_config.',
  },
  {
    id: 'host.kubelet.client-ca',
    title: 'The kubelet authenticates clients with x509 certificates',
    severity: 'info',
    category: 'host',
    targetKind: 'host',
    benchmarks: [],
    remediation: 'Set authentication.x509.clientCAFile in the kubelet config.',
  },
];

export interface ResultSpec {
  checkId?: string;
  status?: Result['status'];
  severity?: Result['severity'];
  target?: string;
  resource?: ResourceRef;
  message?: string;
  evidence?: Result['evidence'];
  firstSeen?: string;
  waiver?: Result['waiver'];
}

/** A result with a real fingerprint; defaults: a failing critical cluster-admin finding on cluster `prod`. */
export function result(spec: ResultSpec = {}): Result {
  const checkId = spec.checkId ?? 'k8s.rbac.cluster-admin';
  const target = spec.target ?? 'prod';
  const resource = spec.resource ?? { kind: 'ServiceAccount', namespace: 'ci', name: 'deployer' };
  const out: Result = {
    checkId,
    status: spec.status ?? 'fail',
    severity: spec.severity ?? CATALOGUE.find((c) => c.id === checkId)?.severity ?? 'medium',
    target,
    resource,
    message: spec.message ?? `${resource.kind} ${resource.namespace ?? ''}/${resource.name} is bound to cluster-admin.`,
    fingerprint: fingerprint(checkId, target, resource),
  };
  if (spec.evidence !== undefined) out.evidence = spec.evidence;
  if (spec.firstSeen !== undefined) out.firstSeen = spec.firstSeen;
  if (spec.waiver !== undefined) out.waiver = spec.waiver;
  return out;
}

export interface SnapshotSpec {
  scanId?: string;
  scope?: string;
  startedAt?: string;
  finishedAt?: string;
  targets?: TargetSummary[];
  results?: Result[];
  carried?: Result[];
  checks?: string[];
}

export function snapshot(spec: SnapshotSpec = {}): Snapshot {
  return {
    schemaVersion: 1,
    scanId: spec.scanId ?? '20261130T021756Z-3f9a1c',
    scope: spec.scope ?? 'prod',
    startedAt: spec.startedAt ?? '2026-11-30T02:17:56.000Z',
    finishedAt: spec.finishedAt ?? '2026-11-30T02:18:03.500Z',
    trigger: 'cli',
    tool: { name: 'compliance-bot', version: '0.1.0' },
    targets: spec.targets ?? [{ name: 'prod', kind: 'cluster', status: 'assessed' }],
    checks: spec.checks ?? CATALOGUE.map((c) => c.id),
    results: spec.results ?? [],
    carried: spec.carried ?? [],
    previousSha256: null,
  };
}

export function emptyDiff(over: Partial<Diff> = {}): Diff {
  return {
    baseline: false,
    previousScanId: '20261129T021700Z-aaaaaa',
    regressions: [],
    resolved: [],
    unchanged: [],
    unassessed: [],
    waived: [],
    ...over,
  };
}

const TARGETS: TargetSummary[] = [
  { name: 'node-1', kind: 'host', status: 'assessed' },
  { name: 'node-2', kind: 'host', status: 'unreachable', reason: 'SSM: instance i-0abc is not connected' },
  { name: 'prod', kind: 'cluster', status: 'partial', reason: 'k8s.networkPolicies: forbidden (403)' },
];

/**
 * Yesterday's scan and tonight's, compared by the real diff: a new critical regression, a severity raised, a
 * waived finding, an unchanged one, a resolved one, a finding gone unassessed (node-2 unreachable), passes,
 * unknowns and a not-applicable.
 */
export function scenario(): ReportInput {
  const sa = { kind: 'ServiceAccount', namespace: 'ci', name: 'deployer' };
  const grp = { kind: 'Group', name: 'oncall' };
  const previous = snapshot({
    scanId: '20261129T021700Z-aaaaaa',
    startedAt: '2026-11-29T02:17:00.000Z',
    finishedAt: '2026-11-29T02:17:09.000Z',
    targets: [
      { name: 'node-1', kind: 'host', status: 'assessed' },
      { name: 'node-2', kind: 'host', status: 'assessed' },
      { name: 'prod', kind: 'cluster', status: 'assessed' },
    ],
    results: [
      result({ checkId: 'k8s.rbac.secrets-read', resource: grp, message: 'Group oncall can read Secrets.' }),
      result({
        checkId: 'k8s.netpol.default-deny-ingress',
        resource: { kind: 'Namespace', name: 'shop' },
        severity: 'low',
        message: 'Namespace shop has no default-deny ingress policy.',
      }),
      result({
        checkId: 'host.ssh.max-auth-tries',
        target: 'node-1',
        resource: { kind: 'SshdConfig', name: 'sshd' },
        message: 'MaxAuthTries is 6 on node-1.',
      }),
      result({
        checkId: 'host.ssh.root-login-disabled',
        target: 'node-1',
        resource: { kind: 'SshdConfig', name: 'sshd' },
        message: 'PermitRootLogin is yes on node-1.',
      }),
      result({
        checkId: 'host.ssh.root-login-disabled',
        target: 'node-2',
        resource: { kind: 'SshdConfig', name: 'sshd' },
        message: 'PermitRootLogin is prohibit-password on node-2.',
      }),
      result({
        checkId: 'k8s.rbac.secrets-read',
        resource: { kind: 'User', name: 'alice@example.com' },
        message: 'User alice@example.com can read Secrets.',
      }),
    ],
  });
  const current: Result[] = [
    result({ resource: sa, evidence: { bindings: ['ClusterRoleBinding/ci-admin'], roles: ['cluster-admin'] } }),
    result({ checkId: 'k8s.rbac.secrets-read', resource: grp, message: 'Group oncall can read Secrets.' }),
    result({
      checkId: 'k8s.netpol.default-deny-ingress',
      resource: { kind: 'Namespace', name: 'shop' },
      message: 'Namespace shop has no default-deny ingress policy.',
    }),
    result({
      checkId: 'k8s.netpol.default-deny-ingress',
      status: 'unknown',
      resource: { kind: 'Cluster', name: 'prod' },
      message: 'Could not assess: k8s.networkPolicies: forbidden (403).',
    }),
    result({
      checkId: 'host.ssh.max-auth-tries',
      target: 'node-1',
      resource: { kind: 'SshdConfig', name: 'sshd' },
      message: 'MaxAuthTries is 6 on node-1.',
    }),
    result({
      checkId: 'host.ssh.root-login-disabled',
      status: 'pass',
      target: 'node-1',
      resource: { kind: 'SshdConfig', name: 'sshd' },
      message: 'PermitRootLogin is no on node-1.',
    }),
    result({
      checkId: 'host.kubelet.client-ca',
      status: 'not-applicable',
      target: 'node-1',
      resource: { kind: 'Kubelet', name: 'kubelet' },
      message: 'node-1 runs no kubelet.',
    }),
    result({
      checkId: 'host.ssh.root-login-disabled',
      status: 'unknown',
      target: 'node-2',
      resource: { kind: 'Host', name: 'node-2' },
      message: 'Could not assess: node-2 is unreachable: SSM: instance i-0abc is not connected.',
    }),
    result({
      checkId: 'k8s.rbac.secrets-read',
      status: 'pass',
      resource: { kind: 'User', name: 'alice@example.com' },
      message: 'User alice@example.com cannot read Secrets.',
    }),
  ];
  const waivers: Waiver[] = [
    {
      fingerprint: current[4].fingerprint,
      reason: 'legacy bastion, replaced in Q1',
      expires: '2027-01-31T00:00:00.000Z',
      createdBy: 'U123',
      createdAt: '2026-11-01T00:00:00.000Z',
    },
  ];
  const startedAt = '2026-11-30T02:17:56.000Z';
  const comparison = compare(
    previous,
    { startedAt, targets: TARGETS, checks: CATALOGUE.map((c) => c.id), results: current },
    waivers,
    new Date('2026-11-30T02:18:00.000Z'),
  );
  return {
    snapshot: snapshot({
      startedAt,
      targets: TARGETS,
      results: comparison.results,
      carried: comparison.carried,
    }),
    diff: comparison.diff,
    checks: CATALOGUE,
    stored: { key: 'prod/2026/11/30/20261130T021756Z-3f9a1c.json.gz', location: '.compliance-bot/' },
  };
}

/** The first scan of a scope: a baseline diff. */
export function baselineScenario(): ReportInput {
  const s = scenario();
  const comparison = compare(
    null,
    {
      startedAt: s.snapshot.startedAt,
      targets: s.snapshot.targets,
      checks: s.snapshot.checks,
      // As the engine gives them: no diff annotations yet.
      results: s.snapshot.results.map(({ waiver: _w, firstSeen: _f, ...r }) => r),
    },
    [],
    new Date(s.snapshot.startedAt),
  );
  return { ...s, snapshot: { ...s.snapshot, results: comparison.results, carried: [] }, diff: comparison.diff };
}

/** Text no renderer may pass through raw: markup, quotes, CDATA end, control and escape characters, pipes, newlines. */
export const HOSTILE =
  'a<b>&c "q" \'s\' ]]> |pipe| \u0000nul \u0007bel \u001b[31mred\u001b[0m \u0085nel \uD800lone\nnext\rline\ttab [x](http://evil) `tick` *star* _u_ # h';
