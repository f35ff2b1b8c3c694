import { baselineScenario, CATALOGUE, HOSTILE, result, scenario, snapshot } from '../../test/support/report-scenario';
import type { Result } from '../core/model';
import { buildJsonReport, renderJson } from './json';

function reverseEverything(input: ReturnType<typeof scenario>): ReturnType<typeof scenario> {
  const d = input.diff!;
  const shuffleEvidence = (r: Result): Result =>
    r.evidence ? { ...r, evidence: Object.fromEntries(Object.entries(r.evidence).reverse()) } : r;
  return {
    ...input,
    snapshot: {
      ...input.snapshot,
      scanId: '20261201T021800Z-bbbbbb',
      startedAt: '2026-12-01T02:18:00.000Z',
      finishedAt: '2026-12-01T02:18:09.000Z',
      targets: [...input.snapshot.targets].reverse(),
      results: [...input.snapshot.results].reverse().map(shuffleEvidence),
    },
    diff: {
      ...d,
      regressions: [...d.regressions].reverse(),
      resolved: [...d.resolved].reverse(),
      unchanged: [...d.unchanged].reverse(),
      unassessed: [...d.unassessed].reverse(),
      waived: [...d.waived].reverse(),
    },
  };
}

describe('Function: renderJson', () => {
  it('has the top-level keys of the contract, in order', () => {
    const report = JSON.parse(renderJson(scenario()));
    expect(Object.keys(report)).toEqual(['schemaVersion', 'tool', 'scan', 'targets', 'results', 'diff', 'summary']);
    expect(report.schemaVersion).toBe(1);
    expect(report.tool).toEqual({ name: 'compliance-bot', version: '0.1.0' });
    expect(report.scan).toEqual({
      id: '20261130T021756Z-3f9a1c',
      scope: 'prod',
      startedAt: '2026-11-30T02:17:56.000Z',
      finishedAt: '2026-11-30T02:18:03.500Z',
      trigger: 'cli',
    });
    expect(Object.keys(report.diff)).toEqual([
      'baseline',
      'previousScanId',
      'regressions',
      'resolved',
      'unassessed',
      'unchanged',
      'waived',
    ]);
  });

  it('gives byte-identical output for the same scan in another order, apart from scan ID and times', () => {
    const a = renderJson(scenario());
    const b = renderJson(reverseEverything(scenario()));
    expect(b).not.toBe(a);
    const normalise = (s: string) =>
      s
        .replace(/20261201T021800Z-bbbbbb/g, '20261130T021756Z-3f9a1c')
        .replace(/2026-12-01T02:18:00.000Z/g, '2026-11-30T02:17:56.000Z')
        .replace(/2026-12-01T02:18:09.000Z/g, '2026-11-30T02:18:03.500Z');
    expect(normalise(b)).toBe(a);
  });

  it('sorts results by severity, check ID, target and resource', () => {
    const { results } = buildJsonReport(scenario());
    expect(
      results.map((r) => `${r.severity} ${r.checkId} ${r.target} ${r.resource.kind}/${r.resource.name} ${r.status}`),
    ).toEqual([
      'critical k8s.rbac.cluster-admin prod ServiceAccount/deployer fail',
      'high host.ssh.root-login-disabled node-1 SshdConfig/sshd pass',
      'high host.ssh.root-login-disabled node-2 Host/node-2 unknown',
      'high k8s.rbac.secrets-read prod Group/oncall fail',
      'high k8s.rbac.secrets-read prod User/alice@example.com pass',
      'medium k8s.netpol.default-deny-ingress prod Cluster/prod unknown',
      'medium k8s.netpol.default-deny-ingress prod Namespace/shop fail',
      'low host.ssh.max-auth-tries node-1 SshdConfig/sshd fail',
      'info host.kubelet.client-ca node-1 Kubelet/kubelet not-applicable',
    ]);
  });

  it('writes each result with its keys in contract order and its evidence keys sorted', () => {
    const r = result({
      evidence: { zeta: 1, alpha: { y: 2, b: [{ d: 1, c: 2 }] } },
      firstSeen: '2026-11-01T00:00:00Z',
    });
    const text = renderJson({ snapshot: snapshot({ results: [r] }), diff: null, checks: CATALOGUE });
    const out = JSON.parse(text).results[0];
    expect(Object.keys(out)).toEqual([
      'checkId',
      'status',
      'severity',
      'target',
      'resource',
      'message',
      'evidence',
      'fingerprint',
      'firstSeen',
    ]);
    expect(Object.keys(out.resource)).toEqual(['kind', 'namespace', 'name']);
    expect(JSON.stringify(out.evidence)).toBe('{"alpha":{"b":[{"c":2,"d":1}],"y":2},"zeta":1}');
  });

  it('gives a result read from a manifest its file and line, after the fingerprint, and none to another', () => {
    const read = { ...result(), source: { file: 'k8s/ci.yaml', line: 6 } };
    const other = result({ resource: { kind: 'Group', name: 'oncall' } });
    const out = JSON.parse(
      renderJson({ snapshot: snapshot({ results: [read, other] }), diff: null, checks: CATALOGUE }),
    );
    const byKind = Object.fromEntries(out.results.map((r: { resource: { kind: string } }) => [r.resource.kind, r]));
    expect(byKind.ServiceAccount.source).toEqual({ file: 'k8s/ci.yaml', line: 6 });
    expect(Object.keys(byKind.ServiceAccount).slice(-2)).toEqual(['fingerprint', 'source']);
    expect('source' in byKind.Group).toBe(false);
  });

  it('lists the diff with fingerprints, reasons and results', () => {
    const input = scenario();
    const { diff } = buildJsonReport(input);
    expect(diff).not.toBeNull();
    expect(diff!.baseline).toBe(false);
    expect(diff!.previousScanId).toBe('20261129T021700Z-aaaaaa');
    expect(diff!.regressions.map((r) => [r.reason, r.result.checkId, r.fingerprint === r.result.fingerprint])).toEqual([
      ['new', 'k8s.rbac.cluster-admin', true],
      ['severity-raised', 'k8s.netpol.default-deny-ingress', true],
    ]);
    expect(diff!.regressions[1].previous?.severity).toBe('low');
    expect(diff!.resolved.map((r) => [r.reason, r.previous.checkId, r.previous.target, r.current?.status])).toEqual([
      ['passed', 'host.ssh.root-login-disabled', 'node-1', 'pass'],
      ['passed', 'k8s.rbac.secrets-read', 'prod', 'pass'],
    ]);
    expect(diff!.unassessed).toEqual([
      {
        fingerprint: input.diff!.unassessed[0].previous.fingerprint,
        reason: 'target node-2 could not be assessed: SSM: instance i-0abc is not connected',
        previous: expect.objectContaining({ checkId: 'host.ssh.root-login-disabled', target: 'node-2' }),
      },
    ]);
    expect(diff!.unchanged.map((u) => u.result.checkId)).toEqual(['k8s.rbac.secrets-read']);
    expect(diff!.waived.map((w) => w.result.waiver)).toEqual([
      { reason: 'legacy bastion, replaced in Q1', expires: '2027-01-31T00:00:00.000Z', createdBy: 'U123' },
    ]);
  });

  it('counts results by status and failing results by severity', () => {
    const { summary } = buildJsonReport(scenario());
    expect(summary).toEqual({
      total: 9,
      byStatus: { pass: 2, fail: 4, unknown: 2, 'not-applicable': 1 },
      failedBySeverity: { critical: 1, high: 1, medium: 1, low: 1, info: 0 },
      waived: 1,
      regressions: 2,
      resolved: 2,
      unassessed: 1,
    });
  });

  it('writes diff null and null diff counts when no diff was made', () => {
    const report = buildJsonReport({ ...scenario(), diff: null });
    expect(report.diff).toBeNull();
    expect(report.summary.regressions).toBeNull();
    expect(report.summary.byStatus.fail).toBe(4);
  });

  it('flags a baseline diff', () => {
    const { diff } = buildJsonReport(baselineScenario());
    expect(diff!.baseline).toBe(true);
    expect(diff!.previousScanId).toBeNull();
  });

  it('keeps target reasons and hostile text intact through a JSON round trip', () => {
    const r = result({ message: HOSTILE, resource: { kind: 'User', name: HOSTILE } });
    const input = {
      snapshot: snapshot({
        results: [r],
        targets: [{ name: 'prod', kind: 'cluster' as const, status: 'partial' as const, reason: HOSTILE }],
      }),
      diff: null,
      checks: CATALOGUE,
    };
    const report = JSON.parse(renderJson(input));
    expect(report.results[0].message).toBe(HOSTILE);
    expect(report.results[0].resource.name).toBe(HOSTILE);
    expect(report.targets[0]).toEqual({ name: 'prod', kind: 'cluster', status: 'partial', reason: HOSTILE });
  });

  it('ends with a newline and matches the snapshot', () => {
    const text = renderJson(scenario());
    expect(text.endsWith('}\n')).toBe(true);
    expect(text).toMatchSnapshot();
  });
});
