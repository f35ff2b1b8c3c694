/**
 * Scans through runScan into both stores: the hash chain, concurrent scans of one scope (both stored, each against
 * a complete baseline, the fork reported by verify), tampered, deleted and corrupt snapshots.
 */
import { mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync, gzipSync } from 'node:zlib';
import { GetObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type ScanFixture, scanFixture } from '../../test/s3/scan';
import { type S3TestServer, startS3Server } from '../../test/s3/server';
import { runScan } from '../scan/run-scan';
import { summaryKeyOf } from './layout';
import { LocalSnapshotStore } from './local';
import { S3SnapshotStore } from './s3';
import type { HistoryStore, SnapshotStore, StoredSnapshot, StoreProblem } from './types';
import { verifyChain } from './verify';

let server: S3TestServer;
let s3: S3Client;
let dir: string;
let problems: StoreProblem[];
let fx: ScanFixture;
let n = 0;

beforeAll(async () => {
  server = await startS3Server(['chain']);
  s3 = server.client();
});
afterAll(async () => {
  await server?.stop();
});
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cb-chain-'));
  problems = [];
  fx = scanFixture();
  fx.failing.add('alice');
  fx.passing.add('bob');
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

interface Backend {
  name: string;
  make(): HistoryStore;
  /** Replaces the bytes of a stored object (an attacker with write access). */
  overwrite(store: HistoryStore, key: string, bytes: Buffer): Promise<void>;
  read(store: HistoryStore, key: string): Promise<Buffer>;
  /** Any object's bytes (a summary). */
  readPlain(store: HistoryStore, key: string): Promise<Buffer>;
  remove(store: HistoryStore, key: string): Promise<void>;
}

const backends: Backend[] = [
  {
    name: 'local',
    make: () => new LocalSnapshotStore(dir, { onProblem: (p) => problems.push(p) }),
    overwrite: async (_s, key, bytes) => writeFileSync(join(dir, key), bytes),
    read: async (_s, key) => readFileSync(join(dir, key)),
    readPlain: async (_s, key) => readFileSync(join(dir, key)),
    remove: async (_s, key) => unlinkSync(join(dir, key)),
  },
  {
    name: 's3',
    make: () => new S3SnapshotStore(s3, { bucket: 'chain', prefix: `t${++n}/`, onProblem: (p) => problems.push(p) }),
    overwrite: async (store, key, bytes) => {
      const prefix = store.location.replace('s3://chain/', '');
      await s3.send(new PutObjectCommand({ Bucket: 'chain', Key: prefix + key, Body: bytes }));
    },
    read: async (store, key) => {
      const snap = await store.readRaw({ key, scope: '', startedAt: '', scanId: '' });
      return snap.bytes;
    },
    readPlain: async (store, key) => {
      const prefix = store.location.replace('s3://chain/', '');
      const out = await s3.send(new GetObjectCommand({ Bucket: 'chain', Key: prefix + key }));
      return Buffer.from(await out.Body!.transformToByteArray());
    },
    remove: async (store, key) => {
      const { DeleteObjectCommand } = await import('@aws-sdk/client-s3');
      const prefix = store.location.replace('s3://chain/', '');
      await s3.send(new DeleteObjectCommand({ Bucket: 'chain', Key: prefix + key }));
    },
  },
];

function scan(store: SnapshotStore, at: string) {
  return runScan({
    scope: 'prod',
    trigger: 'test',
    collectors: [fx.collector],
    checks: [fx.check],
    store,
    clock: () => new Date(at),
  });
}

/** Holds every save() until `count` latest() calls have returned: the two scans read the same baseline. */
function barrierStore(store: HistoryStore, count: number): HistoryStore {
  let reads = 0;
  let release!: () => void;
  const allRead = new Promise<void>((r) => {
    release = r;
  });
  return Object.assign(Object.create(store) as HistoryStore, {
    latest: async (scope: string): Promise<StoredSnapshot | null> => {
      const out = await store.latest(scope);
      if (++reads === count) release();
      return out;
    },
    save: async (snapshot: Parameters<SnapshotStore['save']>[0]) => {
      await allRead;
      return store.save(snapshot);
    },
  });
}

describe.each(backends)('the $name store through runScan', (backend) => {
  it('links each snapshot to the one before it, and verify confirms the chain', async () => {
    const store = backend.make();
    const first = await scan(store, '2026-11-28T02:00:00.000Z');
    fx.failing.add('carol');
    const second = await scan(store, '2026-11-29T02:00:00.000Z');
    const third = await scan(store, '2026-11-30T02:00:00.000Z');
    expect(first.diff.baseline).toBe(true);
    expect(second.diff.regressions.map((r) => r.result.resource.name)).toEqual(['carol']);
    expect(third.diff.regressions).toEqual([]);
    const report = await verifyChain(store, 'prod');
    expect(report).toMatchObject({ snapshots: 3, verifiedLinks: 2, ok: true, issues: [] });
    expect(report.heads).toEqual([third.stored?.key]);
  });

  it('stores two concurrent scans of one scope, both diffed against the same complete baseline, and verify reports the fork', async () => {
    const store = backend.make();
    const base = await scan(store, '2026-11-29T02:00:00.000Z');
    fx.failing.add('carol');
    const gated = barrierStore(store, 2);
    const [nightly, slack] = await Promise.all([
      scan(gated, '2026-11-30T02:00:00.000Z'),
      scan(gated, '2026-11-30T02:00:01.000Z'),
    ]);
    for (const r of [nightly, slack]) {
      expect(r.diff.previousScanId).toBe(base.snapshot.scanId);
      expect(r.diff.regressions.map((x) => x.result.resource.name)).toEqual(['carol']);
      expect(r.snapshot.previousSha256).toBe(nightly.snapshot.previousSha256);
    }
    const refs = await store.list('prod');
    expect(refs.map((r) => r.scanId)).toEqual([base.snapshot.scanId, nightly.snapshot.scanId, slack.snapshot.scanId]);

    const next = await scan(store, '2026-12-01T02:00:00.000Z');
    expect(next.diff.previousScanId).toBe(slack.snapshot.scanId);
    expect(next.diff.regressions).toEqual([]);

    const report = await verifyChain(store, 'prod');
    expect(report.ok).toBe(true);
    expect(report.issues).toEqual([
      {
        kind: 'fork',
        key: base.stored?.key,
        message: expect.stringMatching(/2 snapshots name it as their parent/),
        related: [nightly.stored?.key, slack.stored?.key],
      },
    ]);
    expect(report.heads).toEqual([nightly.stored?.key, next.stored?.key]);
  });

  it('detects a tampered snapshot: edited bytes no longer match its summary nor the next snapshot', async () => {
    const store = backend.make();
    const first = await scan(store, '2026-11-28T02:00:00.000Z');
    await scan(store, '2026-11-29T02:00:00.000Z');
    const key = first.stored!.key;
    const doc = JSON.parse(gunzipSync(await backend.read(store, key)).toString('utf8'));
    doc.results = doc.results.filter((r: { status: string }) => r.status !== 'fail');
    await backend.overwrite(store, key, gzipSync(JSON.stringify(doc)));

    const report = await verifyChain(store, 'prod');
    expect(report.ok).toBe(false);
    expect(report.issues).toEqual([
      { kind: 'tampered', key, message: expect.stringMatching(/its bytes changed after it was written/) },
    ]);
  });

  it('detects a summary edited to hide a finding (the digest reads summaries)', async () => {
    const store = backend.make();
    const first = await scan(store, '2026-11-28T02:00:00.000Z');
    const key = summaryKeyOf(first.stored!.key);
    const summary = JSON.parse((await backend.readPlain(store, key)).toString('utf8'));
    summary.totals.fail = 0;
    summary.open = [];
    await backend.overwrite(store, key, Buffer.from(JSON.stringify(summary)));

    const report = await verifyChain(store, 'prod');
    expect(report.ok).toBe(false);
    expect(report.issues).toEqual([
      { kind: 'tampered', key, message: 'the summary does not match its snapshot (totals)' },
    ]);
  });

  it('reports a break when a snapshot in the middle of the chain was deleted', async () => {
    const store = backend.make();
    await scan(store, '2026-11-28T02:00:00.000Z');
    const middle = await scan(store, '2026-11-29T02:00:00.000Z');
    const last = await scan(store, '2026-11-30T02:00:00.000Z');
    await backend.remove(store, middle.stored!.key);

    const report = await verifyChain(store, 'prod');
    expect(report.ok).toBe(false);
    expect(report.issues).toEqual([
      { kind: 'break', key: last.stored!.key, message: expect.stringMatching(/not in the store/) },
    ]);
  });

  it('skips a corrupt newest object with a warning (the scan diffs against the last good one) and verify names it', async () => {
    const store = backend.make();
    const good = await scan(store, '2026-11-28T02:00:00.000Z');
    const broken = await scan(store, '2026-11-29T02:00:00.000Z');
    const bytes = await backend.read(store, broken.stored!.key);
    await backend.overwrite(store, broken.stored!.key, bytes.subarray(0, bytes.length >> 1));

    const next = await scan(store, '2026-11-30T02:00:00.000Z');
    expect(next.diff.previousScanId).toBe(good.snapshot.scanId);
    expect(problems).toEqual([{ key: broken.stored!.key, problem: expect.stringMatching(/gzip data is truncated/) }]);

    const report = await verifyChain(store, 'prod');
    expect(report.issues.map((i) => [i.kind, i.key])).toEqual([
      ['tampered', broken.stored!.key],
      ['unreadable', broken.stored!.key],
      ['fork', good.stored!.key],
    ]);
  });
});
