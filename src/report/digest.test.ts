import { result, snapshot } from '../../test/slack/fixtures';
import type { Result, Snapshot, Waiver } from '../core/model';
import { summarize } from '../store/summary';
import { buildDigest, digestChartSvg, postureTable, renderDigestMessage } from './digest';
import { pngSize, renderDigestChart } from './digest-chart';
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
      '_No scan this week._',
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
