import fc from 'fast-check';
import { result, snapshot } from '../../../test/support/report-scenario';
import type { CheckMeta, Result, TargetSummary } from '../model';
import { frameworkStatus } from './status';
import type { FrameworkData } from './types';

const CHECKS: Pick<CheckMeta, 'id' | 'targetKind'>[] = [
  { id: 'k8s.a.one', targetKind: 'cluster' },
  { id: 'k8s.a.two', targetKind: 'cluster' },
  { id: 'host.a.three', targetKind: 'host' },
];

const FRAMEWORK: FrameworkData = {
  id: 'test-1',
  framework: 'CIS Kubernetes Benchmark',
  version: '1',
  sections: [
    { id: '1', title: 'Cluster' },
    { id: '2', title: 'Host' },
  ],
  controls: [
    {
      id: '1.1',
      title: 'Two cluster checks',
      section: '1',
      assessment: 'automated',
      level: 1,
      checks: ['k8s.a.one', 'k8s.a.two'],
    },
    { id: '1.2', title: 'By hand', section: '1', assessment: 'manual', level: 2, checks: [], guidance: 'Look at it.' },
    { id: '1.3', title: 'Nobody judges it', section: '1', assessment: 'automated', level: 1, checks: [] },
    { id: '2.1', title: 'A host check', section: '2', assessment: 'automated', level: 1, checks: ['host.a.three'] },
  ],
};

const CLUSTER: TargetSummary = { name: 'prod', kind: 'cluster', status: 'assessed' };
const HOST: TargetSummary = { name: 'node-1', kind: 'host', status: 'assessed' };

const r = (checkId: string, status: Result['status'], name = 'x', target = 'prod') =>
  result({ checkId, status, target, resource: { kind: 'Thing', name } });

function statusOf(results: Result[], opts: { targets?: TargetSummary[]; checks?: string[] } = {}, control = '1.1') {
  const s = frameworkStatus(FRAMEWORK, {
    snapshot: snapshot({
      targets: opts.targets ?? [CLUSTER, HOST],
      checks: opts.checks ?? CHECKS.map((c) => c.id),
      results,
    }),
    checks: CHECKS,
  });
  return s.controls.find((c) => c.id === control)!;
}

describe('frameworkStatus', () => {
  it('passes a control when every judging check ran, passed or was not applicable, and one passed', () => {
    const c = statusOf([r('k8s.a.one', 'pass'), r('k8s.a.two', 'not-applicable')]);
    expect(c).toMatchObject({ status: 'pass', failing: [], unknown: [], reasons: [] });
  });

  it('is unknown, with the reason, while one judging result is unknown: never pass', () => {
    const unknown = r('k8s.a.two', 'unknown', 'y');
    const c = statusOf([r('k8s.a.one', 'pass'), { ...unknown, message: 'Could not assess: no RBAC.' }]);
    expect(c.status).toBe('unknown');
    expect(c.unknown).toEqual([unknown.fingerprint]);
    expect(c.reasons).toEqual(['k8s.a.two on prod: Could not assess: no RBAC.']);
  });

  it('fails with the failing fingerprints, even when another result is unknown', () => {
    const failing = r('k8s.a.one', 'fail', 'bad');
    const c = statusOf([failing, r('k8s.a.one', 'pass', 'good'), r('k8s.a.two', 'unknown')]);
    expect(c.status).toBe('fail');
    expect(c.failing).toEqual([failing.fingerprint]);
    expect(c.waived).toEqual([]);
  });

  it('still fails when the failure is waived, and lists it as waived', () => {
    const waived = {
      ...r('k8s.a.one', 'fail'),
      waiver: { reason: 'accepted', expires: '2027-01-01T00:00:00Z', createdBy: 'a' },
    };
    const c = statusOf([waived, r('k8s.a.two', 'pass')]);
    expect(c).toMatchObject({ status: 'fail', failing: [waived.fingerprint], waived: [waived.fingerprint] });
  });

  it('is unknown when a judging check did not run in this scan, however well the others did', () => {
    const c = statusOf([r('k8s.a.one', 'pass')], { checks: ['k8s.a.one', 'host.a.three'] });
    expect(c).toMatchObject({ status: 'unknown', reasons: ['k8s.a.two did not run in this scan'] });
  });

  it('is unknown when a target the check applies to could not be assessed', () => {
    const down: TargetSummary = { name: 'node-2', kind: 'host', status: 'unreachable', reason: 'SSM timed out' };
    const c = statusOf([r('host.a.three', 'pass', 'x', 'node-1')], { targets: [CLUSTER, HOST, down] }, '2.1');
    expect(c).toMatchObject({ status: 'unknown', reasons: ['host.a.three: node-2 was not assessed (SSM timed out)'] });
  });

  it("is unknown when the scan has no target of the check's kind (host checks in a scan of manifests)", () => {
    const c = statusOf([], { targets: [CLUSTER] }, '2.1');
    expect(c).toMatchObject({ status: 'unknown', reasons: ['host.a.three: no host target in this scan'] });
  });

  it('is not applicable when every judging result was not applicable', () => {
    expect(statusOf([r('k8s.a.one', 'not-applicable'), r('k8s.a.two', 'not-applicable')]).status).toBe(
      'not-applicable',
    );
  });

  it('is unknown when the judging checks ran on an assessed target but produced nothing', () => {
    expect(statusOf([])).toMatchObject({ status: 'unknown', reasons: ['no judging check produced a result'] });
  });

  it('is manual with the guidance, or not covered, when no check judges the control', () => {
    expect(statusOf([], {}, '1.2')).toMatchObject({ status: 'manual', guidance: 'Look at it.' });
    expect(statusOf([], {}, '1.3')).toMatchObject({ status: 'not-covered' });
  });

  it('lists at most ten reasons and counts the rest', () => {
    const many = Array.from({ length: 14 }, (_, i) => ({ ...r('k8s.a.one', 'unknown', `n${i}`), message: `m${i}` }));
    const c = statusOf([...many, r('k8s.a.two', 'pass')]);
    expect(c.reasons).toHaveLength(11);
    expect(c.reasons[10]).toBe('… and 4 more');
    expect(c.unknown).toHaveLength(14);
  });

  it('lists exactly ten reasons without a count of the rest', () => {
    const ten = Array.from({ length: 10 }, (_, i) => ({ ...r('k8s.a.one', 'unknown', `n${i}`), message: `m${i}` }));
    const c = statusOf([...ten, r('k8s.a.two', 'pass')]);
    expect(c.reasons).toEqual(ten.map((_, i) => `k8s.a.one on prod: m${i}`));
  });

  it('lists a repeated reason once', () => {
    const same = [0, 1, 2].map((i) => ({ ...r('k8s.a.one', 'unknown', `n${i}`), message: 'no RBAC' }));
    expect(statusOf(same).reasons).toEqual(['k8s.a.one on prod: no RBAC']);
  });

  it('says a target was unreachable when the scan gives no reason', () => {
    const down: TargetSummary = { name: 'node-2', kind: 'host', status: 'unreachable' };
    const c = statusOf([r('host.a.three', 'pass', 'x', 'node-1')], { targets: [CLUSTER, HOST, down] }, '2.1');
    expect(c).toMatchObject({ status: 'unknown', reasons: ['host.a.three: node-2 was not assessed (unreachable)'] });
  });

  describe('a judging check the catalogue does not describe (no target kind)', () => {
    const withoutKinds = (targets: TargetSummary[], results: Result[]) =>
      frameworkStatus(FRAMEWORK, {
        snapshot: snapshot({ targets, checks: CHECKS.map((c) => c.id), results }),
        checks: CHECKS.filter((c) => c.id !== 'host.a.three'),
      }).controls.find((c) => c.id === '2.1')!;

    it('is judged on every target of the scan, whatever its kind', () => {
      const c = withoutKinds([CLUSTER, HOST], [r('host.a.three', 'pass', 'x', 'node-1')]);
      expect(c).toMatchObject({ status: 'pass', reasons: [] });
      const down: TargetSummary = { ...CLUSTER, status: 'unreachable', reason: 'timed out' };
      expect(withoutKinds([down, HOST], [r('host.a.three', 'pass', 'x', 'node-1')])).toMatchObject({
        status: 'unknown',
        reasons: ['host.a.three: prod was not assessed (timed out)'],
      });
    });

    it('is unknown when the scan has no target at all', () => {
      expect(withoutKinds([], [])).toMatchObject({
        status: 'unknown',
        reasons: ['host.a.three: no matching target in this scan'],
      });
    });
  });

  it('counts the controls per status, for the framework and for each section', () => {
    const s = frameworkStatus(FRAMEWORK, {
      snapshot: snapshot({
        targets: [CLUSTER, HOST],
        checks: CHECKS.map((c) => c.id),
        results: [r('k8s.a.one', 'fail'), r('host.a.three', 'pass', 'x', 'node-1')],
      }),
      checks: CHECKS,
    });
    expect(s.counts).toEqual({
      total: 4,
      pass: 1,
      fail: 1,
      unknown: 0,
      'not-applicable': 0,
      manual: 1,
      'not-covered': 1,
    });
    expect(s.sections.map((x) => [x.id, x.counts.total, x.counts.fail, x.counts.pass])).toEqual([
      ['1', 3, 1, 0],
      ['2', 1, 0, 1],
    ]);
  });

  it('never passes a control while any judging result is unknown or failing (any mix of results)', () => {
    const statuses = fc.constantFrom<Result['status']>('pass', 'fail', 'unknown', 'not-applicable');
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.constantFrom('k8s.a.one', 'k8s.a.two'), statuses), { maxLength: 8 }), (spec) => {
        const results = spec.map(([id, st], i) => r(id, st, `n${i}`));
        const c = statusOf(results);
        const bad = results.some((x) => x.status === 'unknown' || x.status === 'fail');
        if (bad) expect(c.status).not.toBe('pass');
        if (c.status === 'pass') expect(results.some((x) => x.status === 'pass')).toBe(true);
        if (results.some((x) => x.status === 'fail')) expect(c.status).toBe('fail');
      }),
    );
  });
});
