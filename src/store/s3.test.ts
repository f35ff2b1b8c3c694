/** The S3 store over the real S3 protocol (s3rver on 127.0.0.1). Failure modes s3rver cannot produce: s3.mock.test.ts. */
import { createHash } from 'node:crypto';
import { GetObjectCommand, HeadObjectCommand, PutObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type S3TestServer, startS3Server } from '../../test/s3/server';
import { result, snapshot } from '../../test/s3/snapshots';
import { snapshotKey, summaryKeyOf } from './layout';
import { openStores } from './open';
import { S3SnapshotStore } from './s3';
import type { StoreProblem } from './types';

let server: S3TestServer;
let s3: S3Client;
let problems: StoreProblem[];
let prefixCounter = 0;
let prefix: string;
let store: S3SnapshotStore;

beforeAll(async () => {
  server = await startS3Server(['snapshots']);
  s3 = server.client();
});
afterAll(async () => {
  await server?.stop();
});
beforeEach(() => {
  problems = [];
  prefix = `test-${++prefixCounter}/`;
  store = new S3SnapshotStore(s3, { bucket: 'snapshots', prefix, onProblem: (p) => problems.push(p) });
});

async function getBytes(key: string): Promise<Buffer> {
  const out = await s3.send(new GetObjectCommand({ Bucket: 'snapshots', Key: prefix + key }));
  return Buffer.from(await out.Body!.transformToByteArray());
}

async function putRaw(key: string, body: Buffer | string): Promise<void> {
  await s3.send(new PutObjectCommand({ Bucket: 'snapshots', Key: prefix + key, Body: body }));
}

describe('Class: S3SnapshotStore (s3rver)', () => {
  describe('Method: save', () => {
    it('puts gzipped JSON under a time-sorted key with its sha256, and a summary beside it', async () => {
      const snap = snapshot({ startedAt: '2026-11-30T02:17:56.123Z', scanId: '20261130T021756Z-aa11bb' });
      const { ref, sha256 } = await store.save(snap);
      expect(ref.key).toBe('local/_snapshots/2026-11-30/20261130T021756123Z_20261130T021756Z-aa11bb.json.gz');
      const bytes = await getBytes(ref.key);
      expect(createHash('sha256').update(bytes).digest('hex')).toBe(sha256);
      const head = await s3.send(new HeadObjectCommand({ Bucket: 'snapshots', Key: prefix + ref.key }));
      expect(head.ContentType).toBe('application/gzip');
      expect(head.Metadata?.sha256).toBe(sha256);
      const summary = JSON.parse((await getBytes(summaryKeyOf(ref.key))).toString('utf8'));
      expect(summary).toMatchObject({ key: ref.key, sha256, scanId: snap.scanId, totals: { fail: 1, pass: 1 } });
    });
  });

  describe('Method: get', () => {
    it('reads back exactly the snapshot that was saved', async () => {
      const snap = snapshot({ startedAt: '2026-11-30T02:00:00.000Z' });
      const { ref, sha256 } = await store.save(snap);
      expect(await store.get(ref)).toEqual({ ref, snapshot: snap, sha256 });
    });
  });

  describe('Method: latest', () => {
    it('returns null when the scope has no snapshots', async () => {
      expect(await store.latest('local')).toBeNull();
    });

    it('returns the newest snapshot across days, months and years', async () => {
      for (const t of ['2025-12-31T23:00:00.000Z', '2026-01-01T01:00:00.000Z', '2025-11-30T10:00:00.000Z']) {
        await store.save(snapshot({ startedAt: t }));
      }
      expect((await store.latest('local'))?.snapshot.startedAt).toBe('2026-01-01T01:00:00.000Z');
    });

    it('skips a corrupt object with a reported problem and leaves it in place', async () => {
      const good = await store.save(snapshot({ startedAt: '2026-11-30T01:00:00.000Z' }));
      const badKey = snapshotKey(snapshot({ startedAt: '2026-11-30T02:00:00.000Z' }));
      await putRaw(badKey, 'this is not gzip');
      expect((await store.latest('local'))?.ref.key).toBe(good.ref.key);
      expect(problems).toEqual([{ key: badKey, problem: expect.stringMatching(/not gzip data/) }]);
      expect((await getBytes(badKey)).toString()).toBe('this is not gzip');
    });
  });

  describe('Method: list', () => {
    it('lists every snapshot of a day across listing pages, oldest first, within a range', async () => {
      const paged = new S3SnapshotStore(s3, { bucket: 'snapshots', prefix, pageSize: 2 });
      const times = [5, 1, 4, 2, 3].map((h) => `2026-11-30T0${h}:00:00.000Z`);
      for (const t of times) await paged.save(snapshot({ startedAt: t }));
      const all = await paged.list('local');
      expect(all.map((r) => r.startedAt)).toEqual([1, 2, 3, 4, 5].map((h) => `2026-11-30T0${h}:00:00.000Z`));
      const ranged = await paged.list('local', {
        from: new Date('2026-11-30T02:00:00.000Z'),
        to: new Date('2026-11-30T04:00:00.000Z'),
      });
      expect(ranged.map((r) => r.startedAt)).toEqual(['2026-11-30T02:00:00.000Z', '2026-11-30T03:00:00.000Z']);
    });
  });

  describe('Method: history', () => {
    it('returns a week of summaries in time order without the whole snapshots', async () => {
      let previous: string | null = null;
      for (let day = 23; day <= 30; day++) {
        const failing = day % 2 === 0 ? [result('alice'), result('carol', 'fail', 'critical')] : [result('alice')];
        const saved = await store.save(
          snapshot({ startedAt: `2026-11-${day}T02:00:00.000Z`, results: failing, previousSha256: previous }),
        );
        previous = saved.sha256;
      }
      const week = await store.history('local', {
        from: new Date('2026-11-24T00:00:00.000Z'),
        to: new Date('2026-12-01T00:00:00.000Z'),
      });
      expect(week.map((s) => s.startedAt.slice(0, 10))).toEqual([
        '2026-11-24',
        '2026-11-25',
        '2026-11-26',
        '2026-11-27',
        '2026-11-28',
        '2026-11-29',
        '2026-11-30',
      ]);
      expect(week.map((s) => s.bySeverity.critical.fail)).toEqual([1, 0, 1, 0, 1, 0, 1]);
      expect(week[6].open.map((o) => [o.severity, o.resource.name])).toEqual([
        ['critical', 'carol'],
        ['high', 'alice'],
      ]);
      expect(week[6].previousSha256).toBe(week[5].sha256);
    });
  });

  describe('Method: summaries', () => {
    it('streams the summaries of a range oldest first over paged listings, as history() returns them', async () => {
      const paged = new S3SnapshotStore(s3, { bucket: 'snapshots', prefix, pageSize: 2, concurrency: 2 });
      let previous: string | null = null;
      for (const at of [
        '2026-11-22T02',
        '2026-11-24T02',
        '2026-11-24T14',
        '2026-11-25T02',
        '2026-11-26T02',
        '2026-11-27T02',
      ]) {
        const saved = await paged.save(snapshot({ startedAt: `${at}:00:00.000Z`, previousSha256: previous }));
        previous = saved.sha256;
      }
      const range = { from: new Date('2026-11-23T00:00:00.000Z'), to: new Date('2026-11-27T00:00:00.000Z') };
      const streamed = [];
      for await (const s of paged.summaries('local', range)) streamed.push(s);
      expect(streamed.map((s) => s.startedAt.slice(0, 13))).toEqual([
        '2026-11-24T02',
        '2026-11-24T14',
        '2026-11-25T02',
        '2026-11-26T02',
      ]);
      expect(streamed).toEqual(await paged.history('local', range));
    });
  });

  describe('Method: scopes', () => {
    it('finds every scope under the prefix, nested ones too', async () => {
      await store.save(snapshot({ startedAt: '2026-11-30T01:00:00.000Z', scope: 'prod' }));
      await store.save(snapshot({ startedAt: '2026-11-30T01:00:00.000Z', scope: 'prod/eu-west-1' }));
      await store.save(snapshot({ startedAt: '2026-11-30T01:00:00.000Z', scope: 'staging' }));
      expect(await store.scopes()).toEqual(['prod', 'prod/eu-west-1', 'staging']);
    });
  });
});

describe('Function: openStores (s3rver)', () => {
  it('opens s3://bucket/prefix with the given client and stores and lists through it', async () => {
    const stores = openStores(`s3://snapshots/${prefix}nested`, { s3, onProblem: (p) => problems.push(p) });
    expect(stores.snapshots.location).toBe(`s3://snapshots/${prefix}nested/`);
    await stores.snapshots.save(snapshot({ startedAt: '2026-11-30T01:00:00.000Z' }));
    expect(await stores.snapshots.scopes()).toEqual(['local']);
    expect(await stores.waivers.list()).toEqual([]);
  });
});
