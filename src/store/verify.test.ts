/**
 * verifyChain over an in-memory store: each way a chain can go wrong, told apart by the issue's kind, key and
 * message. The stores themselves (local, S3) are exercised end to end in chain.test.ts.
 */
import { result, snapshot } from '../../test/s3/snapshots';
import type { Snapshot } from '../core/model';
import { encodeSnapshot } from './codec';
import { snapshotKey, summaryKeyOf } from './layout';
import { summarize } from './summary';
import { type HistoryStore, type SnapshotRef, type SnapshotSummary, StoreError } from './types';
import { verifyChain } from './verify';

interface Stored {
  ref: SnapshotRef;
  bytes: Buffer;
  sha256: string;
  summary: SnapshotSummary | null;
  snapshot: Snapshot;
  /** Thrown by readRaw instead of answering. */
  fails?: Error;
}

function stored(startedAt: string, previousSha256: string | null, change: Partial<Snapshot> = {}): Stored {
  const snap = snapshot({ startedAt, scope: 'prod', previousSha256, ...change });
  const key = snapshotKey(snap);
  const { bytes, sha256 } = encodeSnapshot(snap);
  const ref: SnapshotRef = { key, scope: 'prod', startedAt, scanId: snap.scanId };
  return { ref, bytes, sha256, summary: summarize(snap, key, sha256), snapshot: snap };
}

/** A chain of snapshots one hour apart, each naming the one before it. */
function chain(n: number): Stored[] {
  const out: Stored[] = [];
  for (let i = 0; i < n; i++) {
    out.push(stored(`2026-11-30T0${i}:00:00.000Z`, i === 0 ? null : out[i - 1].sha256));
  }
  return out;
}

function storeOf(items: Stored[], seen: { range?: unknown } = {}): HistoryStore {
  return {
    location: 'memory://test',
    list: async (_scope: string, range?: unknown) => {
      seen.range = range;
      return items.map((s) => s.ref);
    },
    readRaw: async (ref: SnapshotRef) => {
      const s = items.find((x) => x.ref.key === ref.key);
      if (!s) throw new StoreError(`${ref.key}: missing`);
      if (s.fails) throw s.fails;
      return { bytes: s.bytes, summary: s.summary };
    },
  } as unknown as HistoryStore;
}

describe('Function: verifyChain', () => {
  it('verifies every link of a linear chain and names its one head', async () => {
    const c = chain(3);
    const seen: { range?: unknown } = {};
    const range = { from: new Date('2026-11-01T00:00:00Z') };
    const report = await verifyChain(storeOf(c, seen), 'prod', { range });
    expect(report).toEqual({
      scope: 'prod',
      location: 'memory://test',
      snapshots: 3,
      verifiedLinks: 2,
      heads: [c[2].ref.key],
      issues: [],
      ok: true,
    });
    expect(seen.range).toBe(range);
  });

  it('reports bytes that no longer match the sha256 their summary recorded, and follows the chain past them', async () => {
    const c = chain(3);
    const edited = encodeSnapshot({ ...c[1].snapshot, results: [result('mallory')] });
    c[1].bytes = edited.bytes;
    const report = await verifyChain(storeOf(c), 'prod');
    expect(report.issues).toEqual([
      {
        kind: 'tampered',
        key: c[1].ref.key,
        message: `its bytes changed after it was written (sha256 now ${edited.sha256.slice(0, 12)}, recorded ${c[1].sha256.slice(0, 12)})`,
      },
    ]);
    expect(report.ok).toBe(false);
    expect(report.verifiedLinks).toBe(1);
    expect(report.heads).toEqual([c[2].ref.key]);
  });

  it('reports a snapshot without a summary but still verifies it through the next link', async () => {
    const c = chain(2);
    c[0].summary = null;
    const report = await verifyChain(storeOf(c), 'prod');
    expect(report.issues).toEqual([
      {
        kind: 'no-summary',
        key: c[0].ref.key,
        message: 'has no summary: its own bytes can be checked only through the snapshot after it',
      },
    ]);
    expect(report.ok).toBe(true);
    expect(report.verifiedLinks).toBe(1);
  });

  it('reports an object the store cannot read, leaving it out of the heads', async () => {
    const c = chain(2);
    c[1].fails = new StoreError('access denied');
    const report = await verifyChain(storeOf(c), 'prod');
    expect(report.issues).toEqual([
      { kind: 'unreadable', key: c[1].ref.key, message: 'cannot be read: access denied' },
    ]);
    expect(report.ok).toBe(false);
    expect(report.heads).toEqual([c[0].ref.key]);
    expect(report.verifiedLinks).toBe(0);
  });

  it('lets an error other than a StoreError through', async () => {
    const c = chain(1);
    c[0].fails = new TypeError('bug');
    await expect(verifyChain(storeOf(c), 'prod')).rejects.toThrow('bug');
  });

  it('reports undecodable bytes without the key twice, and follows the parent its summary names', async () => {
    const c = chain(3);
    c[1].bytes = Buffer.from('not gzip');
    const report = await verifyChain(storeOf(c), 'prod');
    expect(report.issues).toEqual([
      expect.objectContaining({ kind: 'tampered', key: c[1].ref.key }),
      {
        kind: 'unreadable',
        key: c[1].ref.key,
        message: 'not gzip data (the file is corrupt or is not a snapshot)',
      },
    ]);
    // c[1] -> c[0] is followed through c[1]'s summary; c[2] names c[1] by the sha256 it was written with.
    expect(report.verifiedLinks).toBe(1);
    expect(report.heads).toEqual([c[2].ref.key]);
  });

  it('reports undecodable bytes without a summary as unreadable only', async () => {
    const c = chain(1);
    c[0].bytes = Buffer.from('not gzip');
    c[0].summary = null;
    const report = await verifyChain(storeOf(c), 'prod');
    expect(report.issues.map((i) => i.kind)).toEqual(['unreadable', 'no-summary']);
    expect(report.verifiedLinks).toBe(0);
  });

  it('reports a snapshot whose content does not match its key', async () => {
    const [a] = chain(1);
    const moved = { ...a, ref: { ...a.ref, scanId: 'other-1' } };
    const report = await verifyChain(storeOf([moved]), 'prod');
    expect(report.issues).toEqual([
      {
        kind: 'tampered',
        key: a.ref.key,
        message: `its scanId "${a.snapshot.scanId}" does not match its key (other-1)`,
      },
    ]);
    expect(report.ok).toBe(false);
  });

  it.each<[string, (s: SnapshotSummary) => SnapshotSummary]>([
    ['key', (s) => ({ ...s, key: 'prod/elsewhere' })],
    ['previousSha256', (s) => ({ ...s, previousSha256: 'f'.repeat(64) })],
    ['scanId', (s) => ({ ...s, scanId: 'x-1' })],
    ['scope', (s) => ({ ...s, scope: 'staging' })],
    ['totals', (s) => ({ ...s, totals: { ...s.totals, fail: s.totals.fail - 1 } })],
    ['bySeverity', (s) => ({ ...s, bySeverity: { ...s.bySeverity, high: { ...s.bySeverity.high, fail: 0 } } })],
    ['byCheck', (s) => ({ ...s, byCheck: {} })],
    ['byTarget', (s) => ({ ...s, byTarget: {} })],
    ['targets', (s) => ({ ...s, targets: { ...s.targets, assessed: 0 } })],
    ['open', (s) => ({ ...s, open: [] })],
    ['open', (s) => ({ ...s, open: s.open.map((o) => ({ ...o, severity: 'low' as const })) })],
    ['open', (s) => ({ ...s, open: s.open.map((o) => ({ ...o, waivedUntil: '2027-01-01T00:00:00.000Z' })) })],
  ])('reports a summary whose %s was edited, naming the summary', async (field, edit) => {
    const c = chain(1);
    c[0].summary = edit(c[0].summary as SnapshotSummary);
    const report = await verifyChain(storeOf(c), 'prod');
    expect(report.issues).toEqual([
      {
        kind: 'tampered',
        key: summaryKeyOf(c[0].ref.key),
        message: `the summary does not match its snapshot (${field})`,
      },
    ]);
    expect(report.ok).toBe(false);
  });

  it('accepts a summary whose open findings are listed in another order', async () => {
    const c = [stored('2026-11-30T00:00:00.000Z', null, { results: [result('alice'), result('carol')] })];
    const summary = c[0].summary as SnapshotSummary;
    expect(summary.open).toHaveLength(2);
    c[0].summary = { ...summary, open: [...summary.open].reverse() };
    expect((await verifyChain(storeOf(c), 'prod')).issues).toEqual([]);
  });

  it('reports a snapshot that starts a new chain after older ones', async () => {
    const c = chain(2);
    const restart = stored('2026-11-30T05:00:00.000Z', null);
    const report = await verifyChain(storeOf([...c, restart]), 'prod');
    expect(report.issues).toEqual([
      {
        kind: 'break',
        key: restart.ref.key,
        message: 'starts a new chain (no previous snapshot) although 2 older snapshot(s) exist',
      },
    ]);
    expect(report.ok).toBe(false);
    expect(report.heads).toEqual([c[1].ref.key, restart.ref.key]);
  });

  it('reports a snapshot that names a newer one as its parent, and accepts a parent started at the same time', async () => {
    const later = stored('2026-11-30T05:00:00.000Z', null);
    const child = stored('2026-11-30T01:00:00.000Z', later.sha256, { scanId: 'child-1' });
    const report = await verifyChain(storeOf([later, child]), 'prod');
    expect(report.issues).toContainEqual({
      kind: 'break',
      key: child.ref.key,
      message: `names a newer snapshot as its parent (${later.ref.key})`,
    });
    expect(report.verifiedLinks).toBe(0);

    const twin = stored('2026-11-30T05:00:00.000Z', later.sha256, { scanId: 'twin-1' });
    const same = await verifyChain(storeOf([later, twin]), 'prod');
    expect(same.verifiedLinks).toBe(1);
    expect(same.issues).toEqual([]);
  });

  it('reports a parent that is not in the store', async () => {
    const c = chain(3);
    const report = await verifyChain(storeOf([c[0], c[2]]), 'prod');
    expect(report.issues).toEqual([
      {
        kind: 'break',
        key: c[2].ref.key,
        message: `names a previous snapshot (sha256 ${c[1].sha256.slice(0, 12)}) that is not in the store: deleted, modified, or outside the range checked`,
      },
    ]);
    expect(report.heads).toEqual([c[0].ref.key, c[2].ref.key]);
  });

  it('reports a fork (two snapshots naming one parent) without making the chain invalid', async () => {
    const c = chain(1);
    const left = stored('2026-11-30T01:00:00.000Z', c[0].sha256, { scanId: 'left-1' });
    const right = stored('2026-11-30T01:00:00.000Z', c[0].sha256, { scanId: 'right-1' });
    const report = await verifyChain(storeOf([c[0], left, right]), 'prod');
    expect(report.issues).toEqual([
      {
        kind: 'fork',
        key: c[0].ref.key,
        message: '2 snapshots name it as their parent (scans of the scope ran at the same time)',
        related: [left.ref.key, right.ref.key],
      },
    ]);
    expect(report.ok).toBe(true);
    expect(report.verifiedLinks).toBe(2);
    expect(report.heads).toEqual([left.ref.key, right.ref.key]);
  });

  it('orders issues by kind (tampered, break, unreadable, fork, no-summary), then by key', async () => {
    const c = chain(2);
    const fork1 = stored('2026-11-30T01:30:00.000Z', c[0].sha256, { scanId: 'fork-1' });
    const orphan = stored('2026-11-30T03:00:00.000Z', 'e'.repeat(64), { scanId: 'orphan-1' });
    const unreadable = stored('2026-11-30T04:00:00.000Z', null, { scanId: 'gone-1' });
    unreadable.fails = new StoreError('gone');
    const bare = stored('2026-11-30T05:00:00.000Z', null, { scanId: 'bare-1' });
    bare.summary = null;
    const restart = stored('2026-11-30T02:00:00.000Z', null, { scanId: 'restart-1' });
    // Listed out of order: the first listed (bare) starts the chain; c[0] and restart start new ones after it.
    const items = [bare, unreadable, orphan, restart, fork1, ...c];
    const report = await verifyChain(storeOf(items), 'prod');
    expect(report.issues.map((i) => [i.kind, i.key])).toEqual([
      ['break', c[0].ref.key],
      ['break', restart.ref.key],
      ['break', orphan.ref.key],
      ['unreadable', unreadable.ref.key],
      ['fork', c[0].ref.key],
      ['no-summary', bare.ref.key],
    ]);
  });

  it('counts a restart at the very first snapshot listed as no break', async () => {
    const c = chain(1);
    const report = await verifyChain(storeOf(c), 'prod');
    expect(report.issues).toEqual([]);
    expect(report.verifiedLinks).toBe(0);
  });

  it('reads with the concurrency asked for and reports the same', async () => {
    const c = chain(4);
    const report = await verifyChain(storeOf(c), 'prod', { concurrency: 1 });
    expect(report.verifiedLinks).toBe(3);
    expect(report.snapshots).toBe(4);
  });
});
