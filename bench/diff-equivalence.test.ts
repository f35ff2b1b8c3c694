import { compare, type ScanOutcome } from '../src/core/diff';
import { fingerprint } from '../src/core/fingerprint';
import type { Result, Severity, Snapshot, Status, TargetSummary, Waiver } from '../src/core/model';
import { Rng } from './gen/rng';
import { referenceCompare } from './reference/diff';

const NOW = new Date('2026-11-30T02:00:00.000Z');
const STATUSES: Status[] = ['pass', 'pass', 'fail', 'fail', 'unknown', 'not-applicable'];
const SEVERITIES: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];
const CHECKS = ['host.a', 'host.b', 'k8s.c'];
const TARGETS = ['t1', 't2', 't3', 't4'];

function randomResult(rng: Rng, name: string, status?: Status): Result {
  const checkId = rng.pick(CHECKS);
  const target = rng.pick(TARGETS);
  const resource = { kind: 'Thing', name };
  const s = status ?? rng.pick(STATUSES);
  return {
    checkId,
    status: s,
    severity: rng.pick(SEVERITIES),
    target,
    resource,
    message: `${name} is ${s}.`,
    fingerprint: fingerprint(checkId, target, resource),
    ...(s === 'fail' && rng.chance(0.5) ? { firstSeen: '2026-10-01T02:00:00.000Z' } : {}),
    ...(s === 'fail' && rng.chance(0.1)
      ? { waiver: { reason: 'accepted', expires: '2026-11-29T00:00:00.000Z', createdBy: 'U1' } }
      : {}),
  };
}

/** A baseline and a scan over a small name space, so fingerprints collide, repeat and move between states. */
function scenario(seed: number): { previous: Snapshot | null; scan: ScanOutcome; waivers: Waiver[] } {
  const rng = new Rng(seed);
  const names = Array.from({ length: rng.int(1, 40) }, (_, i) => `r${i}`);
  const prevResults = Array.from({ length: rng.int(0, 60) }, () =>
    randomResult(new Rng(rng.int(0, 1e9)), rng.pick(names)),
  );
  const carried = Array.from({ length: rng.int(0, 5) }, () =>
    randomResult(new Rng(rng.int(0, 1e9)), rng.pick(names), rng.chance(0.8) ? 'fail' : 'pass'),
  );
  const scanResults = Array.from({ length: rng.int(0, 60) }, () =>
    randomResult(new Rng(rng.int(0, 1e9)), rng.pick(names)),
  );
  const targets: TargetSummary[] = TARGETS.filter(() => rng.chance(0.8)).map((name) => ({
    name,
    kind: 'host',
    status: rng.chance(0.2) ? 'unreachable' : rng.chance(0.2) ? 'partial' : 'assessed',
    ...(rng.chance(0.5) ? { reason: 'offline' } : {}),
  }));
  const waivers: Waiver[] = [...prevResults, ...scanResults]
    .filter(() => rng.chance(0.15))
    .map((r) => ({
      fingerprint: r.fingerprint,
      reason: 'accepted risk',
      expires: rng.chance(0.5) ? '2026-12-31T00:00:00.000Z' : '2026-11-01T00:00:00.000Z',
      createdBy: 'U1',
      createdAt: '2026-10-01T00:00:00.000Z',
    }));
  const previous: Snapshot | null = rng.chance(0.1)
    ? null
    : {
        schemaVersion: 1,
        scanId: 'prev',
        scope: 's',
        startedAt: '2026-11-29T02:00:00.000Z',
        finishedAt: '2026-11-29T02:05:00.000Z',
        trigger: 'test',
        tool: { name: 'compliance-bot', version: '0' },
        targets,
        checks: CHECKS,
        results: prevResults,
        carried,
        previousSha256: null,
      };
  const scan: ScanOutcome = {
    startedAt: '2026-11-30T02:00:00.000Z',
    targets,
    checks: CHECKS.filter(() => rng.chance(0.8)),
    results: scanResults,
  };
  return { previous, scan, waivers };
}

/** Whether a baseline repeats a fingerprint with a failing and a non-failing occurrence (the one documented difference). */
function repeatsMixed(previous: Snapshot | null): boolean {
  if (!previous) return false;
  const states = new Map<string, Set<boolean>>();
  for (const r of [...previous.results, ...previous.carried]) {
    const s = states.get(r.fingerprint) ?? new Set<boolean>();
    s.add(r.status === 'fail');
    states.set(r.fingerprint, s);
  }
  return [...states.values()].some((s) => s.size > 1);
}

describe('Function: compare (indexed for scale)', () => {
  it('gives exactly what the straightforward reference gives over 2,000 random scenarios with unique baseline fingerprints', () => {
    let compared = 0;
    for (let seed = 1; compared < 2000; seed++) {
      const { previous, scan, waivers } = scenario(seed);
      if (repeatsMixed(previous)) continue;
      expect(compare(previous, scan, waivers, NOW)).toEqual(referenceCompare(previous, scan, waivers, NOW));
      compared++;
    }
    expect(compared).toBe(2000);
  });

  it('keeps a failing occurrence of a fingerprint that a baseline repeats as failing and passing', () => {
    const rng = new Rng(3);
    const failing = randomResult(rng, 'x', 'fail');
    const passing = { ...failing, status: 'pass' as const, message: 'x is pass.' };
    const previous = scenario(5).previous!;
    const out = compare(
      { ...previous, results: [failing, passing], carried: [] },
      {
        startedAt: '2026-11-30T02:00:00.000Z',
        targets: [],
        checks: [],
        results: [{ ...failing, message: 'still failing.' }],
      },
      [],
      NOW,
    );
    expect(out.diff.unchanged.map((r) => r.fingerprint)).toEqual([failing.fingerprint]);
    expect(out.diff.regressions).toEqual([]);
  });
});
