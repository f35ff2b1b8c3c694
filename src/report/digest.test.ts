import { result, snapshot } from '../../test/slack/fixtures';
import type { Result, Snapshot, Waiver } from '../core/model';
import { summarize } from '../store/summary';
import { buildDigest, DigestBuilder, postureTable, renderDigestMessage } from './digest';
import { pngSize, renderDigestChart } from './digest-chart';
import { digestChartSvg } from './digest-chart-svg';
import { blockKitProblems } from './slack-blocks';

const NOW = new Date('2026-11-30T08:00:00Z');
const at = (daysAgo: number) => new Date(NOW.getTime() - daysAgo * 86_400_000 - 6 * 3_600_000).toISOString();

/** A week of nightly scans of one scope: finding A open all week, B resolved on day 3, C new on day 5, node-9 down at the end. */
function week(): Snapshot[] {
  const a = result(0, {
    checkId: 'k8s.rbac.cluster-admin',
    target: 'prod',
    severity: 'critical',
    firstSeen: '2026-10-01T02:00:00Z',
  });
  const b = result(1, {
    checkId: 'k8s.rbac.secrets-read',
    target: 'prod',
    severity: 'high',
    firstSeen: '2026-11-01T02:00:00Z',
  });
  const c = result(2, { checkId: 'host.ssh.root-login-disabled', target: 'node-1', severity: 'medium' });
  const pass = (r: Result): Result => ({ ...r, status: 'pass' });
  const snaps: Snapshot[] = [];
  for (let d = 7; d >= 0; d--) {
    const results: Result[] = [a, d > 3 ? b : pass(b), d <= 1 ? { ...c, firstSeen: at(1) } : pass(c)];
    const down = d === 0;
    results.push(
      down
        ? { ...result(9, { target: 'node-9' }), status: 'unknown', message: 'Could not assess: node-9 is unreachable.' }
        : pass(result(9, { target: 'node-9' })),
    );
    snaps.push(snapshot({ scanId: `scan-${d}`, startedAt: at(d), finishedAt: at(d), results }));
  }
  return snaps;
}

function input(waivers: Waiver[] = []) {
  const summaries = week().map((s) => summarize(s, `nightly/${s.scanId}`, 'a'.repeat(64)));
  return { now: NOW, history: [{ scope: 'nightly', summaries }], waivers };
}

describe('Function: buildDigest', () => {
  it('counts new and resolved findings over the week against the open set before it', () => {
    const d = buildDigest(input());
    expect(d.newFindings).toBe(1);
    expect(d.resolvedFindings).toBe(1);
    expect(d.openNow).toBe(2);
    expect(d.scans).toBe(7);
  });

  it('gives posture per target per day, null where the target was not assessed', () => {
    const d = buildDigest(input());
    const node9 = d.posture.find((p) => p.target === 'node-9')!;
    expect(node9.days.map((x) => x.fail)).toEqual([0, 0, 0, 0, 0, 0, null]);
    const prod = d.posture.find((p) => p.target === 'prod')!;
    expect(prod.days.map((x) => x.fail)).toEqual([2, 2, 2, 1, 1, 1, 1]);
  });

  it('lists the top failing checks, the oldest open findings and the unassessed targets', () => {
    const d = buildDigest(input());
    expect(d.topChecks).toEqual([
      { checkId: 'host.ssh.root-login-disabled', failing: 1 },
      { checkId: 'k8s.rbac.cluster-admin', failing: 1 },
    ]);
    expect(d.oldestOpen[0]).toMatchObject({
      checkId: 'k8s.rbac.cluster-admin',
      firstSeen: '2026-10-01T02:00:00Z',
      scope: 'nightly',
    });
    expect(d.unassessed).toEqual([{ target: 'node-9', scope: 'nightly', lastAssessed: at(1) }]);
  });

  it('keeps waivers ending within 14 days, soonest first', () => {
    const w = (fp: string, days: number): Waiver => ({
      fingerprint: fp,
      reason: 'vendor fix',
      expires: new Date(NOW.getTime() + days * 86_400_000).toISOString(),
      createdBy: 'slack:UALICE',
      createdAt: NOW.toISOString(),
    });
    const d = buildDigest(input([w('f30', 30), w('f10', 10), w('f2', 2), w('past', -1)]));
    expect(d.expiringWaivers.map((x) => x.fingerprint)).toEqual(['f2', 'f10']);
  });

  it('gives an empty digest for a week without scans', () => {
    const d = buildDigest({ now: NOW, history: [], waivers: [] });
    expect(d).toMatchObject({ newFindings: 0, resolvedFindings: 0, openNow: 0, posture: [], scans: 0 });
    expect(renderDigestMessage(d).blocks.map((b) => (b.type === 'section' ? b.text.text : ''))).toContain(
      '_No scan in this period._',
    );
  });
});

describe('Function: renderDigestMessage', () => {
  it('renders every part within Block Kit limits', () => {
    const msg = renderDigestMessage(buildDigest(input()));
    expect(blockKitProblems(msg)).toEqual([]);
    const text = msg.blocks.map((b) => (b.type === 'section' || b.type === 'header' ? b.text.text : '')).join('\n');
    expect(text).toContain('*2* open findings · *1* new · *1* resolved · 7 scans');
    expect(text).toContain('*Top failing checks*');
    expect(text).toContain('*Oldest open findings*\n• since 2026-10-01 · critical');
    expect(text).toContain('*node-9* (nightly): last assessed 2026-11-29');
  });

  it('keeps 500 targets within a section by listing 25 and counting the rest', () => {
    const d = buildDigest(input());
    const many = {
      ...d,
      posture: Array.from({ length: 500 }, (_, i) => ({
        target: `node-${String(i).padStart(3, '0')}-with-a-long-name`,
        days: d.posture[0].days,
      })),
    };
    const msg = renderDigestMessage(many);
    expect(blockKitProblems(msg)).toEqual([]);
    expect(postureTable(many)).toContain('…and 475 more targets');
  });
});

describe('Function: renderDigestChart', () => {
  it('renders an 800×400 PNG of the week', () => {
    const png = renderDigestChart(buildDigest(input()));
    expect(png.subarray(1, 4).toString('latin1')).toBe('PNG');
    expect(pngSize(png)).toEqual({ width: 800, height: 400 });
    expect(png.length).toBeGreaterThan(2000);
  });

  it('renders the requested size, and an SVG with one label per day', () => {
    const d = buildDigest(input());
    expect(pngSize(renderDigestChart(d, { width: 1200, height: 600 }))).toEqual({ width: 1200, height: 600 });
    const svg = digestChartSvg(d);
    for (const date of d.dates) expect(svg).toContain(date.slice(5));
  });
});

/** A summary at `startedAt` whose open findings are `open` (fingerprints), all failing at `severity`. */
function summaryAt(startedAt: string, open: string[], over: { waived?: string[]; scope?: string } = {}) {
  const results: Result[] = open.map((fp, i) => ({
    ...result(i, { checkId: 'k8s.rbac.cluster-admin', target: 'prod', severity: 'high' }),
    fingerprint: fp,
    resource: { kind: 'ClusterRole', name: fp },
    ...(over.waived?.includes(fp)
      ? {
          waiver: {
            fingerprint: fp,
            reason: 'r',
            expires: '2027-01-01T00:00:00.000Z',
            createdBy: 'u',
            createdAt: startedAt,
          },
        }
      : {}),
  }));
  const s = snapshot({ scanId: `scan-${startedAt}`, startedAt, finishedAt: startedAt, results });
  return summarize(s, `nightly/${startedAt}`, 'a'.repeat(64));
}

const ids = (prefix: string, n: number) =>
  Array.from({ length: n }, (_, i) => `${prefix}${String(i).padStart(4, '0')}`);

describe('Function: buildDigest (events over the period)', () => {
  it('counts 600 findings that appeared and were fixed within the week as 600 new and 600 resolved', () => {
    const base = ids('a', 3);
    const burst = ids('b', 600);
    const summaries = [
      summaryAt('2026-11-23T02:00:00.000Z', base),
      summaryAt('2026-11-24T02:00:00.000Z', base),
      summaryAt('2026-11-26T02:00:00.000Z', [...base, ...burst]),
      summaryAt('2026-11-28T02:00:00.000Z', base),
      summaryAt('2026-11-30T02:00:00.000Z', base),
    ];
    const d = buildDigest({ now: NOW, history: [{ scope: 'nightly', summaries }], waivers: [] });
    expect([d.newFindings, d.resolvedFindings, d.openNow]).toEqual([600, 600, 3]);
    expect(d.severityByDay.map((x) => [x.date.slice(8), x.appeared, x.resolved])).toEqual([
      ['24', 0, 0],
      ['25', 0, 0],
      ['26', 600, 0],
      ['27', 0, 0],
      ['28', 0, 600],
      ['29', 0, 0],
      ['30', 0, 0],
    ]);
  });

  it('counts a finding each time it appears and each time it is resolved, and a waiver is no resolution', () => {
    const summaries = [
      summaryAt('2026-11-23T02:00:00.000Z', []),
      summaryAt('2026-11-25T02:00:00.000Z', ['x', 'w']),
      summaryAt('2026-11-26T02:00:00.000Z', ['w'], { waived: ['w'] }),
      summaryAt('2026-11-27T02:00:00.000Z', ['x', 'w'], { waived: ['w'] }),
      summaryAt('2026-11-29T02:00:00.000Z', ['w'], { waived: ['w'] }),
    ];
    const d = buildDigest({ now: NOW, history: [{ scope: 'nightly', summaries }], waivers: [] });
    expect([d.newFindings, d.resolvedFindings]).toEqual([3, 2]);
    expect(d.openNow).toBe(0);
  });
});

describe('Function: buildDigest (the period and its days)', () => {
  const one = (startedAt: string, n: number) => summaryAt(startedAt, ids('f', n));

  it('covers the last N calendar days up to now (UTC), a scan at 00:00:00.000 in its own day', () => {
    const now = new Date('2026-11-30T00:30:00.000Z');
    const summaries = [
      one('2026-11-23T23:59:59.999Z', 1),
      one('2026-11-24T00:00:00.000Z', 2),
      one('2026-11-29T23:59:59.999Z', 3),
      one('2026-11-30T00:00:00.000Z', 4),
    ];
    const d = buildDigest({ now, history: [{ scope: 'nightly', summaries }], waivers: [] });
    expect(d.dates).toEqual([
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
    ]);
    expect(d.severityByDay.map((x) => (x.scanned ? x.counts.high : null))).toEqual([2, null, null, null, null, 3, 4]);
    expect(d.from).toBe('2026-11-24T00:00:00.000Z');
    expect(d.scans).toBe(3);
    const header = renderDigestMessage(d).blocks[0];
    expect(header.type === 'header' && header.text.text).toBe(
      'Compliance digest, last 7 days (2026-11-24 – 2026-11-30)',
    );
  });

  it('cuts days at midnight in the configured time zone (Europe/Berlin, UTC+1 in November)', () => {
    const now = new Date('2026-11-30T07:00:00.000Z');
    const summaries = [
      one('2026-11-23T22:30:00.000Z', 1), // 23:30 on the 23rd in Berlin: the baseline
      one('2026-11-23T23:30:00.000Z', 2), // 00:30 on the 24th in Berlin
      one('2026-11-29T23:30:00.000Z', 3), // 00:30 on the 30th in Berlin
    ];
    const d = buildDigest({ now, history: [{ scope: 'nightly', summaries }], waivers: [], timeZone: 'Europe/Berlin' });
    expect(d.dates[0]).toBe('2026-11-24');
    expect(d.dates.at(-1)).toBe('2026-11-30');
    expect(d.from).toBe('2026-11-23T23:00:00.000Z');
    expect(d.severityByDay.map((x) => (x.scanned ? x.counts.high : null))).toEqual([
      2,
      null,
      null,
      null,
      null,
      null,
      3,
    ]);
    expect(renderDigestMessage(d).text).toMatch(
      /^Compliance digest, last 7 days \(2026-11-24 – 2026-11-30, Europe\/Berlin\)/,
    );
  });

  it('keeps calendar days across a daylight-saving change (America/New_York, 1 November 2026)', () => {
    const now = new Date('2026-11-03T15:00:00.000Z');
    const summaries = [
      one('2026-11-01T04:30:00.000Z', 1), // 00:30 EDT on the 1st
      one('2026-11-02T04:30:00.000Z', 2), // 23:30 EST on the 1st
      one('2026-11-02T05:30:00.000Z', 3), // 00:30 EST on the 2nd
    ];
    const d = buildDigest({
      now,
      history: [{ scope: 'nightly', summaries }],
      waivers: [],
      days: 3,
      timeZone: 'America/New_York',
    });
    expect(d.dates).toEqual(['2026-11-01', '2026-11-02', '2026-11-03']);
    expect(d.from).toBe('2026-11-01T04:00:00.000Z');
    expect(d.severityByDay.map((x) => (x.scanned ? x.counts.high : null))).toEqual([2, 3, null]);
  });

  it('rejects a time zone that is not an IANA name with a sentence that says what to use', () => {
    expect(() => buildDigest({ now: NOW, history: [], waivers: [], timeZone: 'Mars/Olympus' })).toThrow(
      /time zone "Mars\/Olympus" is not known: use an IANA name such as "UTC" or "Europe\/Berlin"/,
    );
  });

  it.each([
    [1, 'Compliance digest, today (2026-11-30)'],
    [14, 'Compliance digest, last 14 days (2026-11-17 – 2026-11-30)'],
    [31, 'Compliance digest, last 31 days (2026-10-31 – 2026-11-30)'],
  ])('names the real range in the header: %i days', (days, title) => {
    const d = buildDigest({ now: NOW, history: [], waivers: [], days });
    expect(d.dates).toHaveLength(days);
    const msg = renderDigestMessage(d);
    expect(msg.blocks[0].type === 'header' && msg.blocks[0].text.text).toBe(title);
    expect(msg.text).not.toMatch(/weekly/i);
  });
});

describe('Class: DigestBuilder', () => {
  it('refuses a scope’s summaries out of order (its diffs would invent appearances and resolutions)', () => {
    const b = new DigestBuilder(NOW, 7);
    b.begin('nightly');
    b.add(summaryAt('2026-11-26T02:00:00.000Z', ['x']));
    expect(() => b.add(summaryAt('2026-11-25T02:00:00.000Z', []))).toThrow(
      'digest: summaries of nightly are out of order',
    );
    b.begin('other');
    expect(() => b.add(summaryAt('2026-11-25T02:00:00.000Z', []))).not.toThrow();
  });
});
