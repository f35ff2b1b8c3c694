import { createHash } from 'node:crypto';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { result, snapshot } from '../../test/s3/snapshots';
import { encodeSnapshot } from './codec';
import { snapshotKey, summaryKeyOf } from './layout';
import { LocalSnapshotStore } from './local';
import { openStores } from './open';
import { StoreError, type StoreProblem } from './types';

let dir: string;
let problems: StoreProblem[];
let store: LocalSnapshotStore;

beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cb-local-'));
  problems = [];
  store = new LocalSnapshotStore(dir, { onProblem: (p) => problems.push(p) });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const write = (key: string, bytes: Buffer | string) => {
  mkdirSync(dirname(join(dir, key)), { recursive: true });
  writeFileSync(join(dir, key), bytes);
};

function allFiles(root: string): string[] {
  return readdirSync(root, { recursive: true, withFileTypes: true })
    .filter((e) => e.isFile())
    .map((e) => join(e.parentPath, e.name).slice(root.length + 1))
    .sort();
}

describe('Class: LocalSnapshotStore', () => {
  describe('Method: save', () => {
    it('writes gzipped JSON under a key that sorts by time, and a summary beside it', async () => {
      const snap = snapshot({ startedAt: '2026-11-30T02:17:56.123Z', scanId: '20261130T021756Z-aa11bb' });
      const { ref, sha256 } = await store.save(snap);
      expect(ref).toEqual({
        key: 'local/_snapshots/2026-11-30/20261130T021756123Z_20261130T021756Z-aa11bb.json.gz',
        scope: 'local',
        startedAt: '2026-11-30T02:17:56.123Z',
        scanId: '20261130T021756Z-aa11bb',
      });
      const bytes = readFileSync(join(dir, ref.key));
      expect(sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
      expect(allFiles(dir)).toEqual([ref.key, summaryKeyOf(ref.key)]);
    });

    it('never overwrites: saving a snapshot whose key exists fails and leaves the file as it was', async () => {
      const snap = snapshot({ startedAt: '2026-11-30T02:00:00.000Z' });
      const { ref } = await store.save(snap);
      const before = readFileSync(join(dir, ref.key));
      const changed = { ...snap, results: [result('mallory')] };
      await expect(store.save(changed)).rejects.toThrow(/already exists in .*: snapshots are never overwritten/);
      expect(readFileSync(join(dir, ref.key))).toEqual(before);
      expect(allFiles(dir).filter((f) => f.includes('.tmp'))).toEqual([]);
    });

    it('gives a clear error when the store folder is a file', async () => {
      rmSync(dir, { recursive: true });
      writeFileSync(dir, 'not a folder');
      try {
        await expect(store.save(snapshot({ startedAt: '2026-11-30T02:00:00.000Z' }))).rejects.toThrow(
          /cannot create the snapshot store folder .*: a (path component is a file|file of that name exists)/,
        );
      } finally {
        rmSync(dir);
        mkdirSync(dir);
      }
    });
  });

  describe('Method: latest', () => {
    it('returns null for a scope with no snapshots, and for a store folder that does not exist yet', async () => {
      expect(await store.latest('local')).toBeNull();
      const missing = new LocalSnapshotStore(join(dir, 'not-yet'));
      expect(await missing.latest('local')).toBeNull();
    });

    it('returns the snapshot with the newest start time, whatever the order they were saved in', async () => {
      const times = ['2026-11-29T23:59:59.999Z', '2026-12-01T00:00:00.000Z', '2026-11-30T12:00:00.000Z'];
      for (const t of times) await store.save(snapshot({ startedAt: t }));
      const latest = await store.latest('local');
      expect(latest?.snapshot.startedAt).toBe('2026-12-01T00:00:00.000Z');
      expect(latest?.sha256).toBe(
        createHash('sha256')
          .update(readFileSync(join(dir, latest!.ref.key)))
          .digest('hex'),
      );
    });

    it('keeps scopes apart, including a scope nested under another', async () => {
      await store.save(snapshot({ startedAt: '2026-11-30T01:00:00.000Z', scope: 'prod' }));
      await store.save(snapshot({ startedAt: '2026-11-30T02:00:00.000Z', scope: 'prod/2026' }));
      expect((await store.latest('prod'))?.snapshot.scope).toBe('prod');
      expect((await store.latest('prod/2026'))?.snapshot.scope).toBe('prod/2026');
      expect(await store.scopes()).toEqual(['prod', 'prod/2026']);
    });

    it('ignores stray files beside the scopes when listing scopes', async () => {
      await store.save(snapshot({ startedAt: '2026-11-30T01:00:00.000Z', scope: 'prod' }));
      write('notes.txt', 'hello');
      write('prod/readme', 'hello');
      expect(await store.scopes()).toEqual(['prod']);
    });

    it('skips a corrupt newer file, reports it, leaves it untouched and returns the one before', async () => {
      const good = await store.save(snapshot({ startedAt: '2026-11-30T01:00:00.000Z' }));
      const badKey = snapshotKey(snapshot({ startedAt: '2026-11-30T02:00:00.000Z' }));
      write(badKey, 'garbage');
      const latest = await store.latest('local');
      expect(latest?.ref.key).toBe(good.ref.key);
      expect(problems).toEqual([{ key: badKey, problem: expect.stringMatching(/not gzip data/) }]);
      expect(readFileSync(join(dir, badKey), 'utf8')).toBe('garbage');
    });

    it('skips a snapshot written by a newer compliance-bot and says so', async () => {
      const good = await store.save(snapshot({ startedAt: '2026-11-30T01:00:00.000Z' }));
      const newer = { ...snapshot({ startedAt: '2026-11-30T02:00:00.000Z' }), schemaVersion: 2 };
      const key = snapshotKey(newer);
      write(key, gzipSync(JSON.stringify(newer)));
      expect((await store.latest('local'))?.ref.key).toBe(good.ref.key);
      expect(problems).toEqual([{ key, problem: expect.stringMatching(/written by a newer compliance-bot/) }]);
    });

    it('reports a foreign file in a snapshot folder and ignores it', async () => {
      const good = await store.save(snapshot({ startedAt: '2026-11-30T01:00:00.000Z' }));
      write('local/_snapshots/2026-11-30/notes.txt', 'hello');
      expect((await store.latest('local'))?.ref.key).toBe(good.ref.key);
      expect(problems).toEqual([
        { key: 'local/_snapshots/2026-11-30/notes.txt', problem: expect.stringMatching(/not a snapshot file name/) },
      ]);
    });

    it('skips a valid snapshot copied under another key (its content does not match its name)', async () => {
      const good = await store.save(snapshot({ startedAt: '2026-11-30T01:00:00.000Z' }));
      const movedKey = snapshotKey(snapshot({ startedAt: '2026-11-30T03:00:00.000Z' }));
      write(movedKey, readFileSync(join(dir, good.ref.key)));
      expect((await store.latest('local'))?.ref.key).toBe(good.ref.key);
      expect(problems[0]).toEqual({ key: movedKey, problem: expect.stringMatching(/does not match its key/) });
    });

    it('reports each problem once, however often the store is read', async () => {
      write(snapshotKey(snapshot({ startedAt: '2026-11-30T02:00:00.000Z' })), 'garbage');
      await store.latest('local');
      await store.latest('local');
      expect(problems).toHaveLength(1);
    });

    it('reports a file where a day folder should be, and goes on to the day before', async () => {
      const good = await store.save(snapshot({ startedAt: '2026-11-29T01:00:00.000Z' }));
      write('local/_snapshots/2026-11-30', 'a file where a folder should be');
      expect((await store.latest('local'))?.ref.key).toBe(good.ref.key);
      expect(problems).toEqual([
        { key: 'local/_snapshots/2026-11-30', problem: 'a file where a day folder should be: ignored' },
      ]);
    });

    it('gives a clear error when the snapshot folder of a scope is not a folder', async () => {
      write('local/_snapshots', 'a file where a folder should be');
      await expect(store.latest('local')).rejects.toThrow(
        /cannot read the snapshot store folder .*_snapshots: a path component is a file, not a folder/,
      );
    });

    it('rejects an invalid scope before touching the file system', async () => {
      await expect(store.latest('../etc')).rejects.toThrow(StoreError);
    });
  });

  describe('Method: list', () => {
    it('lists a scope oldest first, within [from, to)', async () => {
      const times = ['2026-11-28T10:00:00.000Z', '2026-11-30T10:00:00.000Z', '2026-11-29T10:00:00.000Z'];
      for (const t of times) await store.save(snapshot({ startedAt: t }));
      expect((await store.list('local')).map((r) => r.startedAt)).toEqual([
        '2026-11-28T10:00:00.000Z',
        '2026-11-29T10:00:00.000Z',
        '2026-11-30T10:00:00.000Z',
      ]);
      const ranged = await store.list('local', {
        from: new Date('2026-11-29T10:00:00.000Z'),
        to: new Date('2026-11-30T10:00:00.000Z'),
      });
      expect(ranged.map((r) => r.startedAt)).toEqual(['2026-11-29T10:00:00.000Z']);
    });
  });

  describe('Method: get', () => {
    it('refuses a ref whose key is not a snapshot key of the store', async () => {
      await expect(
        store.get({ key: '../../etc/passwd', scope: 'local', startedAt: '2026-11-30T00:00:00.000Z', scanId: 'x' }),
      ).rejects.toThrow(/not a snapshot key of this store/);
    });
  });

  describe('Method: history', () => {
    it('returns the summaries in time order, rebuilding a missing one from its snapshot', async () => {
      const a = await store.save(snapshot({ startedAt: '2026-11-29T02:00:00.000Z' }));
      const b = await store.save(
        snapshot({
          startedAt: '2026-11-30T02:00:00.000Z',
          results: [result('alice', 'pass')],
          previousSha256: a.sha256,
        }),
      );
      rmSync(join(dir, summaryKeyOf(a.ref.key)));
      const history = await store.history('local');
      expect(history.map((s) => [s.key, s.sha256, s.totals.fail])).toEqual([
        [a.ref.key, a.sha256, 1],
        [b.ref.key, b.sha256, 0],
      ]);
      expect(history[0].open.map((o) => o.resource.name)).toEqual(['alice']);
      expect(problems).toEqual([]);
    });
  });

  describe('Method: summaries', () => {
    it('streams the summaries of a range oldest first, as history() returns them, a missing one rebuilt', async () => {
      let previous: string | null = null;
      const keys: string[] = [];
      for (const day of [22, 24, 25, 27]) {
        const saved = await store.save(
          snapshot({ startedAt: `2026-11-${day}T02:00:00.000Z`, previousSha256: previous }),
        );
        previous = saved.sha256;
        keys.push(saved.ref.key);
      }
      rmSync(join(dir, summaryKeyOf(keys[2])));
      const range = { from: new Date('2026-11-23T00:00:00.000Z'), to: new Date('2026-11-27T00:00:00.000Z') };
      const streamed = [];
      for await (const s of store.summaries('local', range)) streamed.push(s);
      expect(streamed.map((s) => s.key)).toEqual([keys[1], keys[2]]);
      expect(streamed).toEqual(await store.history('local', range));
      expect(problems).toEqual([]);
    });
  });
});

describe('Function: openStores', () => {
  it('opens a local store from a directory string, lazily', async () => {
    const target = join(dir, 'nested', 'store');
    const stores = openStores(target, { onProblem: (p) => problems.push(p) });
    expect(stores.snapshots.location).toBe(target);
    const { sha256 } = await stores.snapshots.save(snapshot({ startedAt: '2026-11-30T02:00:00.000Z' }));
    expect((await stores.snapshots.latest('local'))?.sha256).toBe(sha256);
    expect(await stores.waivers.list()).toEqual([]);
  });

  it('opens a local store from the configuration', () => {
    expect(openStores({ type: 'local', dir }).snapshots.location).toBe(dir);
  });

  it('rejects an unsupported URL scheme with a message that says what to use', () => {
    expect(() => openStores('gs://bucket/x')).toThrow(/use a directory or s3:\/\/bucket\/prefix/);
  });

  it('encodes the same bytes as the codec, so the sha256 chain is portable between stores', async () => {
    const snap = snapshot({ startedAt: '2026-11-30T02:00:00.000Z' });
    const { sha256 } = await store.save(snap);
    expect(sha256).toBe(encodeSnapshot(snap).sha256);
  });
});
