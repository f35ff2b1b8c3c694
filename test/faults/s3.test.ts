/**
 * S3 faults under the snapshot store, through runScan(): 503 SlowDown (before and after the write lands),
 * conditional-write races (412, 409), and, against s3rver (real S3 protocol over HTTP), a corrupt latest snapshot,
 * a missing baseline and a snapshot from a newer schema version. Each scan's snapshot is stored exactly once, or
 * the failure is raised (so Lambda retries); nothing unreadable is overwritten or silently used. Every scenario
 * stores a baseline first; lost snapshots are counted from the store and false resolutions by the oracle
 * (support/oracle.ts) against a reference scan of the same roles.
 */
import { gzipSync } from 'node:zlib';
import { PutObjectCommand } from '@aws-sdk/client-s3';
import { runScan, type ScanResponse } from '../../src/scan/run-scan';
import { snapshotKey } from '../../src/store/layout';
import { S3SnapshotStore } from '../../src/store/s3';
import type { StoreProblem } from '../../src/store/types';
import { type S3TestServer, startS3Server } from '../s3/server';
import { fakeCluster, wildcardCheck } from '../slack/support';
import { FakeS3 } from './support/fake-s3';
import { record } from './support/ledger';
import { lostSnapshots, Oracle } from './support/oracle';

const SCOPE = 'faults/cluster-prod';
const noSleep = async () => {};

function scanInto(store: S3SnapshotStore | null, roles: string[]): Promise<ScanResponse> {
  return runScan({
    scope: SCOPE,
    trigger: 'test',
    collectors: [fakeCluster('prod', { value: roles })],
    checks: [wildcardCheck],
    store,
  });
}

/** The counts of a scenario: scans that returned but are not stored, and resolutions the world does not support. */
async function measure(store: S3SnapshotStore, ran: ScanResponse[], roles: string[]) {
  const reference = await scanInto(null, roles);
  const oracle = new Oracle([wildcardCheck]).knowWorld(reference.snapshot.results);
  const last = ran[ran.length - 1];
  return {
    snapshotsLost: lostSnapshots(
      ran.map((r) => r.snapshot.scanId),
      await store.list(SCOPE),
    ),
    falseResolved: oracle.falseResolutions(last.diff).length,
  };
}

describe('Scenario: S3 failures while storing (conditional-write S3 model)', () => {
  let s3: FakeS3;
  let problems: StoreProblem[];
  let store: S3SnapshotStore;
  beforeEach(() => {
    s3 = new FakeS3();
    problems = [];
    store = new S3SnapshotStore(s3.client, {
      bucket: 'snapshots',
      prefix: 'cb',
      sleep: noSleep,
      onProblem: (p) => problems.push(p),
    });
  });
  afterEach(() => s3.restore());

  const SNAP = /_snapshots\/.*\.json\.gz$/;

  it('retries 503 SlowDown and stores the snapshot once', async () => {
    const first = await scanInto(store, ['wild-1', 'wild-2', 'ok']);
    s3.putFaults.push({ match: SNAP, fault: 'slowdown' }, { match: SNAP, fault: 'slowdown' });
    // wild-2 is truly fixed: it resolves, as the oracle expects.
    const out = await scanInto(store, ['wild-1', 'ok']);
    expect(s3.snapshotKeys()).toEqual([`cb/${first.stored?.key}`, `cb/${out.stored?.key}`].sort());
    expect((await store.latest(SCOPE))?.snapshot.scanId).toBe(out.snapshot.scanId);
    expect(out.diff.resolved.map((r) => r.previous.resource.name)).toEqual(['wild-2']);
    const m = await measure(store, [first, out], ['wild-1', 'ok']);
    expect([m.snapshotsLost, m.falseResolved]).toEqual([0, 0]);
    record({
      area: 'S3',
      scenario: '503 SlowDown twice on the snapshot PutObject',
      outcome: 'retried with backoff; stored once; the truly fixed role resolved',
      ...m,
    });
  });

  it('stores the snapshot once when a 503 hides a write that landed (the retry meets its own object)', async () => {
    const first = await scanInto(store, ['wild-1', 'ok']);
    s3.putFaults.push({ match: SNAP, fault: 'slowdown-after-write' });
    const out = await scanInto(store, ['wild-1', 'ok']);
    const keys = s3.snapshotKeys();
    expect(keys).toEqual([`cb/${first.stored?.key}`, `cb/${out.stored?.key}`].sort());
    const m = await measure(store, [first, out], ['wild-1', 'ok']);
    expect([m.snapshotsLost, m.falseResolved]).toEqual([0, 0]);
    record({
      area: 'S3',
      scenario: '503 after the snapshot write landed (ambiguous write)',
      outcome: 'the retry recognises its own bytes; stored once',
      ...m,
    });
  });

  it('raises the failure when S3 keeps answering 503, storing nothing half-way; the retry stores once', async () => {
    const first = await scanInto(store, ['wild-1', 'ok']);
    for (let i = 0; i < 4; i++) s3.putFaults.push({ match: SNAP, fault: 'slowdown' });
    await expect(scanInto(store, ['wild-1'])).rejects.toThrow(/S3 PutObject .* failed after 4 attempts: SlowDown/);
    expect(s3.snapshotKeys()).toEqual([`cb/${first.stored?.key}`]);
    // Lambda retries the invocation: the scan runs again and is stored.
    const retry = await scanInto(store, ['wild-1']);
    expect(s3.snapshotKeys()).toHaveLength(2);
    const m = await measure(store, [first, retry], ['wild-1']);
    expect([m.snapshotsLost, m.falseResolved]).toEqual([0, 0]);
    record({
      area: 'S3',
      scenario: '503 SlowDown on every attempt, then Lambda retries',
      outcome: 'runScan rejects with the S3 error; nothing stored half-way; the retry stored once',
      ...m,
    });
  });

  it('takes a new key on 412 (the key is taken) and stores the scan once', async () => {
    const first = await scanInto(store, ['wild-1', 'ok']);
    s3.putFaults.push({ match: SNAP, fault: 'precondition' });
    const second = await scanInto(store, ['ok']);
    const keys = s3.snapshotKeys();
    expect(keys).toHaveLength(2);
    expect(keys).toContain(`cb/${second.stored?.key}`);
    expect(second.stored?.key).not.toBe(snapshotKey(second.snapshot));
    expect(second.snapshot.previousSha256).not.toBeNull();
    expect(second.diff.resolved.map((r) => r.reason)).toEqual(['gone']);
    expect(first.diff.baseline).toBe(true);
    const m = await measure(store, [first, second], ['ok']);
    expect([m.snapshotsLost, m.falseResolved]).toEqual([0, 0]);
    record({
      area: 'S3',
      scenario: '412 PreconditionFailed on the snapshot key (race)',
      outcome: 'stored once under a new key; chain intact; the truly removed role resolved',
      ...m,
    });
  });

  it('waits out 409 ConditionalRequestConflict and stores once', async () => {
    const first = await scanInto(store, ['wild-1', 'ok']);
    s3.putFaults.push({ match: SNAP, fault: 'conflict' }, { match: SNAP, fault: 'conflict' });
    const out = await scanInto(store, ['wild-1']);
    expect(s3.snapshotKeys()).toEqual([`cb/${first.stored?.key}`, `cb/${out.stored?.key}`].sort());
    expect(out.stored?.key).toBe(snapshotKey(out.snapshot));
    const m = await measure(store, [first, out], ['wild-1']);
    expect([m.snapshotsLost, m.falseResolved]).toEqual([0, 0]);
    record({
      area: 'S3',
      scenario: '409 ConditionalRequestConflict twice',
      outcome: 'waited and retried the same key; stored once',
      ...m,
    });
  });
});

describe('Scenario: unreadable and missing snapshots in S3 (s3rver)', () => {
  let server: S3TestServer;
  let problems: StoreProblem[];
  let store: S3SnapshotStore;
  beforeAll(async () => {
    server = await startS3Server(['snapshots']);
  });
  afterAll(async () => {
    await server.stop();
  });
  let n = 0;
  beforeEach(() => {
    problems = [];
    store = new S3SnapshotStore(server.client(), {
      bucket: 'snapshots',
      prefix: `run-${++n}`,
      sleep: noSleep,
      onProblem: (p) => problems.push(p),
    });
  });

  /** Puts raw bytes where a later snapshot of the scope would be. */
  async function plant(bytes: Buffer, after: ScanResponse): Promise<string> {
    const startedAt = new Date(Date.parse(after.snapshot.startedAt) + 60_000).toISOString();
    const key = snapshotKey({ scope: SCOPE, startedAt, scanId: `${after.snapshot.scanId.slice(0, 16)}-ffffff` });
    await server.client().send(new PutObjectCommand({ Bucket: 'snapshots', Key: `run-${n}/${key}`, Body: bytes }));
    return key;
  }

  it('starts a baseline when the scope has no snapshot, and posts nothing finding by finding', async () => {
    const out = await scanInto(store, ['wild-1', 'ok']);
    expect(out.diff.baseline).toBe(true);
    expect(out.snapshot.previousSha256).toBeNull();
    expect(await store.list(SCOPE)).toHaveLength(1);
    const m = await measure(store, [out], ['wild-1', 'ok']);
    expect([m.snapshotsLost, m.falseResolved]).toEqual([0, 0]);
    record({
      area: 'S3',
      scenario: 'missing baseline (first scan of a scope)',
      outcome: 'baseline; stored once; nothing resolved',
      ...m,
    });
  });

  it('skips a corrupt latest snapshot, reports it, diffs against the last readable one and leaves it untouched', async () => {
    const first = await scanInto(store, ['wild-1', 'wild-2', 'ok']);
    const bad = await plant(Buffer.from('\u001f\u008bthis is not gzip at all'), first);
    const second = await scanInto(store, ['wild-1', 'ok']);
    expect(second.diff.previousScanId).toBe(first.snapshot.scanId);
    expect(problems.map((p) => p.key)).toContain(bad);
    expect(second.diff.resolved.map((r) => r.previous.resource.name)).toEqual(['wild-2']);
    expect(second.diff.regressions).toEqual([]);
    const keys = (await store.list(SCOPE)).map((r) => r.key);
    expect(keys).toHaveLength(3);
    expect(keys).toContain(bad);
    const m = await measure(store, [first, second], ['wild-1', 'ok']);
    expect([m.snapshotsLost, m.falseResolved]).toEqual([0, 0]);
    record({
      area: 'S3',
      scenario: 'corrupt latest snapshot',
      outcome: 'skipped and reported; diff against the last readable one; object kept',
      ...m,
    });
  });

  it('skips a snapshot written by a newer schema version, saying to upgrade', async () => {
    const first = await scanInto(store, ['wild-1', 'ok']);
    const newer = { ...first.snapshot, schemaVersion: 2, scanId: 'x', results: [] };
    const key = await plant(gzipSync(Buffer.from(JSON.stringify(newer))), first);
    const second = await scanInto(store, ['wild-1', 'ok']);
    expect(second.diff.previousScanId).toBe(first.snapshot.scanId);
    expect(problems.find((p) => p.key === key)?.problem).toMatch(/newer compliance-bot .* upgrade/);
    expect(second.diff.unchanged).toHaveLength(1);
    expect(second.diff.regressions).toEqual([]);
    const m = await measure(store, [first, second], ['wild-1', 'ok']);
    expect([m.snapshotsLost, m.falseResolved]).toEqual([0, 0]);
    record({
      area: 'S3',
      scenario: 'latest snapshot from a newer schema version',
      outcome: 'skipped with "upgrade compliance-bot"; diff against the older one',
      ...m,
    });
  });
});
