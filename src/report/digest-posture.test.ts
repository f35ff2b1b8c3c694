import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checks } from '../../checks';
import { CLUSTER, derivedCounts, HOSTS, LEGACY, NOW, storeWeek, TIME_ZONE } from '../../test/report/digest-week';
import { result, snapshot } from '../../test/slack/fixtures';
import { findFramework } from '../core/frameworks/data';
import { sectionsFor, snapshotPosture } from '../core/posture';
import type { SnapshotSummary } from '../core/summary';
import { loadDigest } from '../slack/digest-run';
import { openStores } from '../store/open';
import { summarize } from '../store/summary';
import { buildDigest, renderDigestMessage } from './digest';
import { blockKitProblems } from './slack-blocks';

const CIS = findFramework('cis-kubernetes-1.12')!;
const NSA = findFramework('nsa-cisa-kubernetes-hardening-1.2')!;
const LINUX = findFramework('cis-linux-dil-2.0.0')!;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cb-digest-posture-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const posture = (s: Parameters<typeof snapshotPosture>[0]) => snapshotPosture(s, { eks: false }, checks);
const line = (c: ReturnType<typeof derivedCounts>) =>
  `${c.pass} pass, ${c.fail} fail, ${c.unknown} unknown${c.na > 0 ? `, ${c.na} not applicable` : ''} (of ${c.pass + c.fail + c.unknown + c.na} automated)`;

async function digestOfWeek() {
  const stores = openStores({ type: 'local', dir }, { posture, onProblem: () => {} });
  const plain = openStores({ type: 'local', dir }, { onProblem: () => {} });
  const week = await storeWeek(stores, plain);
  // Read as the digest reads: stored summaries, through a store that would rebuild missing ones without counts.
  const digest = await loadDigest(plain, NOW, 7, TIME_ZONE);
  return { week, digest, message: renderDigestMessage(digest) };
}

describe('Digest: posture per framework', () => {
  it('shows each framework per scope at its last scan, with the change since the scan before the period', async () => {
    const { week, digest, message } = await digestOfWeek();
    expect(digest.controls.frameworks.map((f) => [f.name, f.scopes.map((s) => s.scope)])).toEqual([
      ['CIS Kubernetes Benchmark 1.12', [CLUSTER.scope, HOSTS.scope]],
      ['NSA/CISA Kubernetes Hardening Guide 1.2', [CLUSTER.scope]],
      ['CIS Distribution Independent Linux 2.0.0', [HOSTS.scope]],
    ]);
    const clusterSections = sectionsFor(CIS, new Set(['cluster']), checks);
    const hostSections = sectionsFor(CIS, new Set(['host']), checks)!;
    expect(hostSections).toEqual(expect.arrayContaining(['1.1', '4.1']));
    const cis = line(derivedCounts(week.lastCluster, CIS, clusterSections));
    const text = JSON.stringify(message.blocks);
    const cisBlock = message.blocks.find((b) => JSON.stringify(b).includes('*Posture: CIS Kubernetes Benchmark 1.12*'));
    expect(cisBlock).toBeDefined();
    // cluster-admin appeared on the 30th (Berlin): 5.1.1 fails, counted from Monday the 23rd's scan.
    expect(JSON.stringify(cisBlock)).toContain(
      JSON.stringify(
        `• \`${CLUSTER.scope}\` (all but sections ${hostSections.join(', ')}): ${cis}, +1 fail since 2026-11-23 (newly failing: 5.1.1)`,
      ).slice(1, -1),
    );
    // NSA/CISA has no section only host checks judge: a cluster scope counts it whole.
    expect(sectionsFor(NSA, new Set(['cluster']), checks)).toBeUndefined();
    const nsaLine = line(derivedCounts(week.lastCluster, NSA));
    expect(text).toContain(
      JSON.stringify(
        `• \`${CLUSTER.scope}\`: ${nsaLine}, +1 fail since 2026-11-23 (newly failing: Authorization: least privilege)`,
      ).slice(1, -1),
    );
    expect(blockKitProblems(message)).toEqual([]);
    expect(message.text).toContain(
      `Controls: CIS Kubernetes Benchmark 1.12 ${derivedCounts(week.lastCluster, CIS, clusterSections).fail + derivedCounts(week.lastHosts, CIS, sectionsFor(CIS, new Set(['host']), checks)).fail} fail`,
    );
  });

  it('never counts a control as pass while one of its checks is unknown', async () => {
    const { week, digest } = await digestOfWeek();
    const linux = digest.controls.frameworks.find((f) => f.id === LINUX.id)!.scopes[0];
    const derived = derivedCounts(week.lastHosts, LINUX);
    expect(linux.counts).toMatchObject({ pass: derived.pass, unknown: derived.unknown });
    // 5.2.16 is judged by client-alive-interval (unknown) and client-alive-count-max (pass): unknown, not pass.
    expect(linux.change).toMatchObject({ fail: 0, unknown: 1, newlyFailing: [] });
    const start = derivedCounts(
      { ...week.lastHosts, results: week.lastHosts.results.map((r) => ({ ...r, status: 'pass' })) },
      LINUX,
    );
    expect(linux.counts.pass).toBe(start.pass - 1);
    expect(linux.counts.unknown).toBe(start.unknown + 1);
  });

  it('says "not recorded" for a scope whose summaries keep no counts, never zero', async () => {
    const { digest, message } = await digestOfWeek();
    expect(digest.controls.notRecorded).toEqual([LEGACY.scope]);
    for (const f of digest.controls.frameworks) expect(f.scopes.map((s) => s.scope)).not.toContain(LEGACY.scope);
    const text = JSON.stringify(message.blocks);
    expect(text).toContain(`*Posture per framework not recorded* for \`${LEGACY.scope}\``);
    expect(text).not.toMatch(/cluster\/legacy`[^\n]*: 0 pass/);
  });
});

describe('Function: buildDigest (posture)', () => {
  const DATA = 'aaaaaaaaaaaa';
  const NOW_UTC = new Date('2026-11-30T08:00:00Z');
  const summary = (startedAt: string, over: Partial<SnapshotSummary> = {}): SnapshotSummary => ({
    ...summarize(
      snapshot({ scope: 'cluster/a', startedAt, finishedAt: startedAt, results: [result(1)] }),
      'k',
      'a'.repeat(64),
    ),
    ...over,
  });
  const counts = (fail: number) => ({
    total: 10,
    pass: 8 - fail,
    fail,
    unknown: 2,
    'not-applicable': 0,
    manual: 0,
    'not-covered': 0,
  });

  it('gives no change when the start has no counts for the framework, counted other sections, or other data', () => {
    const start = summary('2026-11-24T02:00:00Z');
    const end = summary('2026-11-29T02:00:00Z', {
      frameworks: [{ id: CIS.id, data: DATA, sections: ['5.1'], counts: counts(1), failing: ['5.1.1'] }],
    });
    const other = summary('2026-11-24T02:00:00Z', {
      frameworks: [{ id: CIS.id, data: DATA, sections: ['1.1'], counts: counts(0), failing: [] }],
    });
    const olderData = summary('2026-11-24T02:00:00Z', {
      frameworks: [{ id: CIS.id, sections: ['5.1'], data: '0123456789ab', counts: counts(0), failing: [] }],
    });
    for (const first of [start, other, olderData]) {
      const d = buildDigest({ now: NOW_UTC, history: [{ scope: 'cluster/a', summaries: [first, end] }], waivers: [] });
      expect(d.controls.frameworks[0].scopes[0]).toMatchObject({ counts: counts(1), change: null });
      expect(d.controls.notRecorded).toEqual([]);
    }
  });

  it('keeps a framework with many scopes within a section, whole lines, and counts the rest', () => {
    const failing = Array.from({ length: 40 }, (_, i) => `5.${i}.${i}`);
    const history = Array.from({ length: 20 }, (_, i) => ({
      scope: `cluster/${'a-rather-long-cluster-name-'.repeat(2)}${String(i).padStart(2, '0')}`,
      summaries: [
        summary('2026-11-24T02:00:00Z', { frameworks: [{ id: CIS.id, data: DATA, counts: counts(0), failing: [] }] }),
        summary('2026-11-29T02:00:00Z', { frameworks: [{ id: CIS.id, data: DATA, counts: counts(8), failing }] }),
      ],
    }));
    const m = renderDigestMessage(buildDigest({ now: NOW_UTC, history, waivers: [] }));
    const block = m.blocks.map((b) => JSON.stringify(b)).find((b) => b.includes('*Posture: CIS Kubernetes'))!;
    const text = (JSON.parse(block) as { text: { text: string } }).text.text;
    expect(text.length).toBeLessThanOrEqual(3000);
    expect(text).not.toContain('…\n');
    const shown = text.split('\n').filter((l) => l.startsWith('• '));
    expect(shown.every((l) => l.endsWith('and 35 more)'))).toBe(true);
    expect(shown.length).toBeGreaterThan(5);
    expect(text).toMatch(new RegExp(`\\n…and ${20 - shown.length} more scopes$`));
    expect(blockKitProblems(m)).toEqual([]);
  });

  it('escapes what it prints, and keeps the fallback text plain', () => {
    const end = summary('2026-11-29T02:00:00Z', {
      frameworks: [{ id: 'x<y>&z', data: DATA, counts: counts(1), failing: ['<!channel>'] }],
    });
    const start = summary('2026-11-24T02:00:00Z', {
      frameworks: [{ id: 'x<y>&z', data: DATA, counts: counts(0), failing: [] }],
    });
    const d = buildDigest({ now: NOW_UTC, history: [{ scope: 'cluster/a', summaries: [start, end] }], waivers: [] });
    const m = renderDigestMessage(d);
    const text = JSON.stringify(m);
    expect(text).not.toContain('<!channel>');
    expect(text).toContain('&lt;!channel&gt;');
    expect(text).toContain('x&lt;y&gt;&amp;z');
  });
});
