import { compare, deferredTo, type ScanOutcome } from './diff';
import { fingerprint } from './fingerprint';
import {
  PATTERN_WAIVER_FINGERPRINT,
  type Result,
  type Severity,
  type Snapshot,
  type Status,
  type TargetSummary,
  type Waiver,
} from './model';

const NOW = new Date('2026-06-02T02:00:00Z');

function result(checkId: string, target: string, name: string, status: Status, severity: Severity = 'high'): Result {
  const resource = { kind: 'User', name };
  return {
    checkId,
    status,
    severity,
    target,
    resource,
    message: `${name} is ${status}.`,
    fingerprint: fingerprint(checkId, target, resource),
  };
}

function snapshot(results: Result[], carried: Result[] = []): Snapshot {
  return {
    schemaVersion: 1,
    scanId: 'prev',
    scope: 'test',
    startedAt: '2026-06-01T02:00:00.000Z',
    finishedAt: '2026-06-01T02:01:00.000Z',
    trigger: 'test',
    tool: { name: 'compliance-bot', version: '0' },
    targets: [{ name: 'c1', kind: 'cluster', status: 'assessed' }],
    checks: ['k8s.a', 'k8s.b'],
    results,
    carried,
    previousSha256: null,
  };
}

const assessed: TargetSummary[] = [{ name: 'c1', kind: 'cluster', status: 'assessed' }];

function scan(results: Result[], targets: TargetSummary[] = assessed, checks = ['k8s.a', 'k8s.b']): ScanOutcome {
  return { startedAt: NOW.toISOString(), targets, checks, results };
}

const alice = (status: Status, severity: Severity = 'high') => result('k8s.a', 'c1', 'alice', status, severity);
const bob = (status: Status) => result('k8s.a', 'c1', 'bob', status);
/** alice's k8s.a result deferring to k8s.b (she now holds what k8s.b reports, the broader finding). */
const aliceDeferred = (): Result => ({
  ...alice('not-applicable'),
  message: 'alice holds full control: reported under k8s.b.',
  evidence: { subsumedBy: 'k8s.b' },
});
const unknownTarget = (checkId: string) => ({
  ...result(checkId, 'c1', 'c1', 'unknown'),
  resource: { kind: 'Cluster', name: 'c1' },
  message: 'Could not assess: forbidden.',
});

describe('Function: compare', () => {
  type Row = [
    string,
    Snapshot | null,
    ScanOutcome,
    Partial<Record<'regressions' | 'resolved' | 'unchanged' | 'unassessed' | 'waived', number>>,
  ];
  const rows: Row[] = [
    ['first scan is a baseline: every failure is new', null, scan([alice('fail'), bob('pass')]), { regressions: 1 }],
    ['pass -> fail is a regression', snapshot([alice('pass')]), scan([alice('fail')]), { regressions: 1 }],
    ['fail -> fail is unchanged', snapshot([alice('fail')]), scan([alice('fail')]), { unchanged: 1 }],
    ['fail -> pass is resolved', snapshot([alice('fail')]), scan([alice('pass')]), { resolved: 1 }],
    [
      'fail -> unknown is unassessed, not resolved',
      snapshot([alice('fail')]),
      scan([alice('unknown')]),
      { unassessed: 1 },
    ],
    [
      'fail -> resource gone from an assessed target is resolved',
      snapshot([alice('fail'), bob('fail')]),
      scan([bob('fail')]),
      { resolved: 1, unchanged: 1 },
    ],
    [
      'fail -> whole target unreachable: every finding unassessed',
      snapshot([alice('fail'), bob('fail')]),
      scan(
        [unknownTarget('k8s.a'), unknownTarget('k8s.b')],
        [{ name: 'c1', kind: 'cluster', status: 'unreachable', reason: 'connection refused' }],
      ),
      { unassessed: 2 },
    ],
    [
      'fail -> check unknown on the target (forbidden list): unassessed, not resolved',
      snapshot([alice('fail')]),
      scan([unknownTarget('k8s.a')]),
      { unassessed: 1 },
    ],
    [
      'fail -> check not run (--checks filter): unassessed',
      snapshot([alice('fail')]),
      scan([], assessed, ['k8s.b']),
      { unassessed: 1 },
    ],
    ['fail -> target not in this scan: unassessed', snapshot([alice('fail')]), scan([], []), { unassessed: 1 }],
    [
      'severity raised is a regression',
      snapshot([alice('fail', 'medium')]),
      scan([alice('fail', 'critical')]),
      { regressions: 1 },
    ],
    [
      'severity lowered is unchanged',
      snapshot([alice('fail', 'critical')]),
      scan([alice('fail', 'low')]),
      { unchanged: 1 },
    ],
    ['unknown -> fail is a regression', snapshot([alice('unknown')]), scan([alice('fail')]), { regressions: 1 }],
    [
      'not-applicable -> fail is a regression',
      snapshot([alice('not-applicable')]),
      scan([alice('fail')]),
      { regressions: 1 },
    ],
    [
      'a carried finding that fails again is unchanged',
      snapshot([], [alice('fail')]),
      scan([alice('fail')]),
      { unchanged: 1 },
    ],
    [
      'fail -> deferred to a broader check of the same scan (escalation) stays open: unchanged, not resolved',
      snapshot([alice('fail')]),
      scan([aliceDeferred(), result('k8s.b', 'c1', 'alice', 'fail')]),
      { unchanged: 1, regressions: 1 },
    ],
    [
      'pass -> deferred (a new subject with full control) is nothing: the broader check has the one regression',
      snapshot([alice('pass')]),
      scan([aliceDeferred(), result('k8s.b', 'c1', 'alice', 'fail')]),
      { regressions: 1 },
    ],
    [
      'fail -> not-applicable deferring to a check that did not run is not a deferral (resolved on its pass-like status)',
      snapshot([alice('fail')]),
      scan([aliceDeferred()], assessed, ['k8s.a']),
      { resolved: 1 },
    ],
    [
      'a carried escalated finding, still deferred, stays open',
      { ...snapshot([aliceDeferred()], [alice('fail')]) },
      scan([aliceDeferred()]),
      { unchanged: 1 },
    ],
    [
      'a carried escalated finding failing again once the broader finding is gone is unchanged, not new',
      snapshot([aliceDeferred()], [alice('fail')]),
      scan([alice('fail')]),
      { unchanged: 1 },
    ],
    [
      'a carried escalated finding that passes is resolved',
      snapshot([aliceDeferred()], [alice('fail')]),
      scan([alice('pass')]),
      { resolved: 1 },
    ],
    [
      'a carried finding still unassessed stays unassessed',
      snapshot([], [alice('fail')]),
      scan([alice('unknown')]),
      { unassessed: 1 },
    ],
  ];

  it.each(rows)('%s', (_name, previous, current, expected) => {
    const { diff } = compare(previous, current, [], NOW);
    expect({
      regressions: diff.regressions.length,
      resolved: diff.resolved.length,
      unchanged: diff.unchanged.length,
      unassessed: diff.unassessed.length,
      waived: diff.waived.length,
    }).toEqual({ regressions: 0, resolved: 0, unchanged: 0, unassessed: 0, waived: 0, ...expected });
    expect(diff.baseline).toBe(previous === null);
  });

  it('carries unassessed findings into the new snapshot with their first-seen time', () => {
    const prev = snapshot([{ ...alice('fail'), firstSeen: '2026-05-01T00:00:00.000Z' }]);
    const { carried, diff } = compare(prev, scan([alice('unknown')]), [], NOW);
    expect(carried).toEqual([
      expect.objectContaining({
        fingerprint: alice('fail').fingerprint,
        status: 'fail',
        firstSeen: '2026-05-01T00:00:00.000Z',
      }),
    ]);
    expect(diff.unassessed[0].reason).toBe('alice is unknown.');
  });

  it('carries an escalated finding with its first-seen time, so it never looks resolved', () => {
    const prev = snapshot([{ ...alice('fail'), firstSeen: '2026-05-01T00:00:00.000Z' }]);
    const { carried, diff, results } = compare(prev, scan([aliceDeferred()]), [], NOW);
    expect(diff.resolved).toEqual([]);
    expect(carried).toEqual([
      expect.objectContaining({ status: 'fail', firstSeen: '2026-05-01T00:00:00.000Z', message: 'alice is fail.' }),
    ]);
    expect(diff.unchanged).toEqual(carried);
    expect(results).toEqual([aliceDeferred()]);
  });

  it('keeps the first-seen time of an unchanged finding and stamps a new one with the scan time', () => {
    const prev = snapshot([{ ...alice('fail'), firstSeen: '2026-05-01T00:00:00.000Z' }]);
    const { results } = compare(prev, scan([alice('fail'), bob('fail')]), [], NOW);
    expect(results.map((r) => r.firstSeen)).toEqual(['2026-05-01T00:00:00.000Z', NOW.toISOString()]);
  });

  it('names the reason of each regression', () => {
    const waived: Waiver = {
      fingerprint: bob('fail').fingerprint,
      reason: 'r',
      expires: '2026-06-01T12:00:00Z',
      createdBy: 'U1',
      createdAt: '2026-05-01T00:00:00Z',
    };
    const prev = snapshot([
      alice('fail', 'low'),
      { ...bob('fail'), waiver: { reason: 'r', expires: waived.expires, createdBy: 'U1' } },
    ]);
    const { diff } = compare(prev, scan([alice('fail', 'high'), bob('fail')]), [waived], NOW);
    expect(diff.regressions.map((r) => [r.result.resource.name, r.reason])).toEqual([
      ['alice', 'severity-raised'],
      ['bob', 'waiver-expired'],
    ]);
  });

  it('keeps a waived failure out of the regressions while the waiver lasts', () => {
    const w: Waiver = {
      fingerprint: alice('fail').fingerprint,
      reason: 'accepted',
      expires: '2026-07-01T00:00:00Z',
      createdBy: 'U1',
      createdAt: '2026-06-01T00:00:00Z',
    };
    const { diff, results } = compare(snapshot([alice('pass')]), scan([alice('fail')]), [w], NOW);
    expect(diff.regressions).toEqual([]);
    expect(diff.waived).toHaveLength(1);
    expect(results[0].waiver).toEqual({ reason: 'accepted', expires: '2026-07-01T00:00:00Z', createdBy: 'U1' });
  });

  it('lets a non-deferring result in the baseline supersede a failing finding carried beside it', () => {
    // A pass of alice stored beside her carried failure: the failure is no longer open, nothing resolves or carries.
    const { diff, carried } = compare(snapshot([alice('pass')], [alice('fail')]), scan([]), [], NOW);
    expect(diff.resolved).toEqual([]);
    expect(diff.unassessed).toEqual([]);
    expect(carried).toEqual([]);
  });

  it('keeps a fingerprint waiver when pattern waivers exist too', () => {
    const mine: Waiver = {
      fingerprint: alice('fail').fingerprint,
      reason: 'accepted',
      expires: '2026-07-01T00:00:00Z',
      createdBy: 'U1',
      createdAt: '2026-06-01T00:00:00Z',
    };
    const elsewhere: Waiver = {
      fingerprint: PATTERN_WAIVER_FINGERPRINT,
      match: { checkId: 'k8s.b', target: 'c1', resource: '*' },
      reason: 'other check',
      expires: '2026-07-01T00:00:00Z',
      createdBy: 'U2',
      createdAt: '2026-06-01T00:00:00Z',
    };
    const { diff } = compare(snapshot([]), scan([alice('fail')]), [mine, elsewhere], NOW);
    expect(diff.regressions).toEqual([]);
    expect(diff.waived.map((r) => r.waiver?.reason)).toEqual(['accepted']);
  });

  it('gives a new failure no `previous` when the baseline has no result for it', () => {
    const { diff } = compare(snapshot([bob('pass')]), scan([alice('fail'), bob('fail')]), [], NOW);
    const [first, second] = diff.regressions;
    expect(first.result.resource.name).toBe('alice');
    expect(Object.keys(first)).toEqual(['result', 'reason']);
    expect(second.previous?.status).toBe('pass');
  });
});

describe('Function: deferredTo', () => {
  it('is the check named by a not-applicable result, and nothing for another status or a non-string', () => {
    expect(deferredTo(aliceDeferred())).toBe('k8s.b');
    expect(deferredTo({ ...alice('pass'), evidence: { subsumedBy: 'k8s.b' } })).toBeUndefined();
    expect(deferredTo({ ...alice('not-applicable'), evidence: { subsumedBy: 7 } })).toBeUndefined();
    expect(deferredTo(alice('not-applicable'))).toBeUndefined();
  });
});
