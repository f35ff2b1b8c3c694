/**
 * Example digests for the chart's tests and for the images in docs/images (scripts/digest-images.ts): a store's
 * summaries with made-up but steady counts, a day without a scan, and a week with one spike.
 */
import { SEVERITIES, type Severity } from '../../src/core/model';
import type { OpenFinding, SnapshotSummary, StatusCounts } from '../../src/core/summary';
import { buildDigest, type Digest } from '../../src/report/digest';

export const EXAMPLE_NOW = new Date('2026-11-30T08:00:00.000Z');
const DAY = 86_400_000;

const counts = (fail: number): StatusCounts => ({ pass: 40, fail, unknown: 0, 'not-applicable': 2 });

/** A summary at `startedAt` with `fail` failing results per severity. */
export function countsSummary(startedAt: string, fail: Record<Severity, number>, shift = 0): SnapshotSummary {
  const all = SEVERITIES.reduce((a, s) => a + fail[s], 0);
  // Open findings f<shift>… f<shift+all-1>: moving the window by a few each day makes some appear and some resolve.
  const open: OpenFinding[] = Array.from({ length: all }, (_, k) => ({
    fingerprint: `f${shift + k}`,
    checkId: 'k8s.rbac.cluster-admin',
    severity: 'high',
    target: 'prod',
    resource: { kind: 'ClusterRoleBinding', name: `binding-${shift + k}` },
  }));
  return {
    summaryVersion: 1,
    key: `cluster/prod/${startedAt}`,
    sha256: '0'.repeat(64),
    previousSha256: null,
    scanId: `scan-${startedAt}`,
    scope: 'cluster/prod',
    startedAt,
    finishedAt: startedAt,
    trigger: 'schedule',
    targets: { assessed: 1, partial: 0, unreachable: 0 },
    totals: counts(all),
    bySeverity: Object.fromEntries(SEVERITIES.map((s) => [s, counts(fail[s])])) as Record<Severity, StatusCounts>,
    byCheck: {},
    byTarget: { prod: counts(all) },
    open,
  };
}

/** Steady, varied counts for day `i` (about 60 open findings). */
export function steadyDay(i: number): Record<Severity, number> {
  return {
    critical: 2 + (i % 3),
    high: 8 + ((i * 7) % 5),
    medium: 20 + ((i * 11) % 9),
    low: 15 + ((i * 5) % 7),
    info: 6 + (i % 4),
  };
}

/**
 * The digest of `days` days of nightly scans at 02:00 UTC; `skip` days (counted back from today) had no scan,
 * `override` sets a day's counts.
 */
export function exampleDigest(
  days: number,
  opts: { skip?: number[]; override?: Record<number, Record<Severity, number>> } = {},
): Digest {
  const summaries: SnapshotSummary[] = [];
  for (let back = days; back >= 0; back--) {
    if (opts.skip?.includes(back)) continue;
    const startedAt = new Date(EXAMPLE_NOW.getTime() - back * DAY - 6 * 3_600_000).toISOString();
    summaries.push(countsSummary(startedAt, opts.override?.[back] ?? steadyDay(days - back), 3 * (days - back)));
  }
  return buildDigest({ now: EXAMPLE_NOW, history: [{ scope: 'cluster/prod', summaries }], waivers: [], days });
}

/** The week with a spike: one day with 2,400 open findings among days of about 60. */
export function spikeDigest(): Digest {
  return exampleDigest(7, { override: { 3: { critical: 40, high: 360, medium: 1200, low: 600, info: 200 } } });
}

/** The images committed under docs/images, by name. */
export function exampleCharts(): { name: string; digest: Digest }[] {
  return [
    { name: 'digest-1-day', digest: exampleDigest(1) },
    { name: 'digest-7-days', digest: exampleDigest(7) },
    { name: 'digest-14-days', digest: exampleDigest(14, { skip: [5] }) },
    { name: 'digest-31-days', digest: exampleDigest(31, { skip: [12, 13] }) },
    { name: 'digest-spike', digest: spikeDigest() },
  ];
}
