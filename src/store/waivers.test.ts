import { existsSync, mkdtempSync, readFileSync, rmSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { setImmediate as nextTurn } from 'node:timers/promises';
import { scanFixture } from '../../test/s3/scan';
import type { Waiver } from '../core/model';
import { runScan } from '../scan/run-scan';
import { LocalSnapshotStore } from './local';
import { DocumentWaiverStore, LocalWaiverBackend } from './waivers';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cb-waivers-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const NOW = new Date('2026-11-30T12:00:00.000Z');
const noSleep = async () => {};

function waiver(overrides: Partial<Waiver> = {}): Waiver {
  return {
    fingerprint: '0123456789abcdef0123',
    reason: 'Legacy bastion, replaced in Q1.',
    owner: 'platform-team',
    ticket: 'SEC-123',
    expires: '2026-12-14T12:00:00.000Z',
    createdBy: 'alice',
    createdAt: NOW.toISOString(),
    ...overrides,
  };
}

function store(options: { maxDays?: number; maxAttempts?: number; clock?: () => Date } = {}) {
  return new DocumentWaiverStore(new LocalWaiverBackend(dir), { clock: () => NOW, sleep: noSleep, ...options });
}

describe('Class: DocumentWaiverStore (local)', () => {
  describe('Method: add', () => {
    it('stores a waiver with an id, owner and ticket, and lists it back', async () => {
      const added = await store().add(waiver());
      expect(added.id).toMatch(/^w-[0-9a-f]{10}$/);
      expect(await store().list()).toEqual([added]);
      const doc = JSON.parse(readFileSync(join(dir, '_waivers.json'), 'utf8'));
      expect(doc).toEqual({ documentVersion: 1, waivers: [added] });
    });

    it('refuses a waiver that lasts longer than the maximum, naming the limit', async () => {
      await expect(store().add(waiver({ expires: '2027-03-30T12:00:00.000Z' }))).rejects.toThrow(
        /may last at most 90 days \(until 2027-02-28T12:00:00.000Z\)/,
      );
      await expect(store({ maxDays: 7 }).add(waiver())).rejects.toThrow(/at most 7 days/);
    });

    it('refuses a waiver that has already expired', async () => {
      await expect(store().add(waiver({ expires: '2026-11-29T00:00:00.000Z' }))).rejects.toThrow(/in the past/);
    });

    it('refuses a reason with control characters and a malformed fingerprint', async () => {
      await expect(store().add(waiver({ reason: 'ok\n\u001b[31mred' }))).rejects.toThrow(
        /reason: no control characters/,
      );
      await expect(store().add(waiver({ fingerprint: '../../etc' }))).rejects.toThrow(
        /fingerprint: a finding fingerprint/,
      );
    });

    it('keeps every waiver when many are added at once (lock file and compare-and-swap)', async () => {
      const fps = Array.from({ length: 12 }, (_, i) => `${i.toString(16).padStart(2, '0')}${'a'.repeat(18)}`);
      // Between attempts a writer waits until the lock is free (a turn of the event loop at a time), so every failed
      // attempt stands for another writer's turn with the lock, however long its fsync takes on a busy machine.
      const lock = join(dir, '_waivers.json.lock');
      const untilUnlocked = async () => {
        do await nextTurn();
        while (existsSync(lock));
      };
      await Promise.all(
        fps.map((fingerprint) =>
          new DocumentWaiverStore(new LocalWaiverBackend(dir), {
            clock: () => NOW,
            sleep: untilUnlocked,
            maxAttempts: 200,
          }).add(waiver({ fingerprint })),
        ),
      );
      expect((await store().list()).map((w) => w.fingerprint).sort()).toEqual(fps.sort());
    });

    it('refuses to write over a corrupt waiver document and leaves it untouched', async () => {
      writeFileSync(join(dir, '_waivers.json'), '{"documentVersion":1,"waivers":[{"oops":');
      await expect(store().add(waiver())).rejects.toThrow(/_waivers\.json: not valid JSON/);
      expect(readFileSync(join(dir, '_waivers.json'), 'utf8')).toBe('{"documentVersion":1,"waivers":[{"oops":');
    });

    it('waits for a lock held by another writer and gives up with a clear error if it is never released', async () => {
      writeFileSync(join(dir, '_waivers.json.lock'), '999\n');
      await expect(store({ maxAttempts: 3 }).add(waiver())).rejects.toThrow(/kept changing during 3 attempts/);
      expect(await store().list()).toEqual([]);
    });

    it('breaks a lock abandoned for more than 30 seconds', async () => {
      writeFileSync(join(dir, '_waivers.json.lock'), '999\n');
      const old = new Date(Date.now() - 60_000);
      utimesSync(join(dir, '_waivers.json.lock'), old, old);
      await store().add(waiver());
      expect(await store().list()).toHaveLength(1);
    });
  });

  describe('Method: remove', () => {
    it('removes by id or by fingerprint and returns what it removed', async () => {
      const a = await store().add(waiver());
      const b = await store().add(waiver({ fingerprint: 'ffffffffffffffffffff' }));
      expect(await store().remove(a.id!)).toEqual([a]);
      expect(await store().remove('ffffffffffffffffffff')).toEqual([b]);
      expect(await store().remove('nothing')).toEqual([]);
      expect(await store().list()).toEqual([]);
    });
  });

  describe('Method: expiring', () => {
    it('lists active waivers ending within the window, soonest first', async () => {
      await store().add(waiver({ fingerprint: 'a'.repeat(20), expires: '2026-12-20T00:00:00.000Z' }));
      await store().add(waiver({ fingerprint: 'b'.repeat(20), expires: '2026-12-02T00:00:00.000Z' }));
      await store().add(waiver({ fingerprint: 'c'.repeat(20), expires: '2026-12-05T00:00:00.000Z' }));
      const soon = await store().expiring(NOW, 7);
      expect(soon.map((w) => w.fingerprint[0])).toEqual(['b', 'c']);
    });
  });
});

describe('Waivers through runScan', () => {
  it('keeps a waived failure silent until its expiry and reports it as "waiver-expired" the day after', async () => {
    const fx = scanFixture();
    fx.failing.add('alice');
    const snapshots = new LocalSnapshotStore(dir, { onProblem: () => {} });
    let now = new Date('2026-11-27T02:00:00.000Z');
    const waivers = new DocumentWaiverStore(new LocalWaiverBackend(dir), { clock: () => now, sleep: noSleep });
    const scan = async (at: string) => {
      now = new Date(at);
      return runScan({
        scope: 'prod',
        trigger: 'test',
        collectors: [fx.collector],
        checks: [fx.check],
        store: snapshots,
        waivers: await waivers.list(),
        clock: () => now,
      });
    };

    await scan('2026-11-27T02:00:00.000Z');
    fx.failing.add('carol');
    const regression = await scan('2026-11-28T02:00:00.000Z');
    expect(regression.diff.regressions.map((r) => r.result.resource.name)).toEqual(['carol']);
    const carol = regression.diff.regressions[0].result;

    await waivers.add(
      waiver({ fingerprint: carol.fingerprint, expires: '2026-12-01T00:00:00.000Z', createdAt: now.toISOString() }),
    );
    for (const day of ['2026-11-29', '2026-11-30']) {
      const quiet = await scan(`${day}T02:00:00.000Z`);
      expect(quiet.diff.regressions).toEqual([]);
      expect(quiet.diff.waived.map((r) => [r.resource.name, r.waiver?.expires])).toEqual([
        ['carol', '2026-12-01T00:00:00.000Z'],
      ]);
    }

    const after = await scan('2026-12-01T02:00:00.000Z');
    expect(after.diff.regressions.map((r) => [r.result.resource.name, r.reason])).toEqual([
      ['carol', 'waiver-expired'],
    ]);
    expect(after.diff.waived).toEqual([]);
    expect(after.snapshot.results.find((r) => r.fingerprint === carol.fingerprint)?.firstSeen).toBe(
      '2026-11-28T02:00:00.000Z',
    );
  });

  it('keeps a failure waived before it was ever seen silent (waived, not new)', async () => {
    const fx = scanFixture();
    fx.passing.add('dave');
    const snapshots = new LocalSnapshotStore(dir, { onProblem: () => {} });
    const base = await runScan({
      scope: 'prod',
      trigger: 'test',
      collectors: [fx.collector],
      checks: [fx.check],
      store: snapshots,
      clock: () => NOW,
    });
    const fp = base.snapshot.results[0].fingerprint;
    fx.passing.delete('dave');
    fx.failing.add('dave');
    const next = await runScan({
      scope: 'prod',
      trigger: 'test',
      collectors: [fx.collector],
      checks: [fx.check],
      store: snapshots,
      waivers: [await store().add(waiver({ fingerprint: fp }))],
      clock: () => new Date('2026-12-01T12:00:00.000Z'),
    });
    expect(next.diff.regressions).toEqual([]);
    expect(next.diff.waived.map((r) => r.resource.name)).toEqual(['dave']);
  });
});

describe('Class: DocumentWaiverStore (pattern waivers)', () => {
  const match = { checkId: 'k8s.rbac.secrets-read', target: 'prod', resource: 'team-a/*' };

  it('stores a pattern waiver (fingerprint "*" with a match)', async () => {
    const added = await store().add(waiver({ fingerprint: '*', match }));
    expect(await store().list()).toEqual([added]);
  });

  it.each([
    [{ fingerprint: '*' }, /fingerprint: give either a fingerprint, or fingerprint "\*" with a match/],
    [{ match }, /fingerprint: give either a fingerprint/],
    [{ fingerprint: '*', match: { ...match, target: 'prod-*' } }, /match\.target: one target name \(no wildcards\)/],
    [{ fingerprint: '*', match: { ...match, checkId: '*' } }, /match\.checkId: a check ID/],
  ])('refuses an inconsistent pattern waiver %#', async (overrides, message) => {
    await expect(store().add(waiver(overrides as Partial<Waiver>))).rejects.toThrow(message);
  });

  it('does not remove every pattern waiver when asked to remove fingerprint "*"', async () => {
    await store().add(waiver({ fingerprint: '*', match }));
    expect(await store().remove('*')).toEqual([]);
    expect(await store().list()).toHaveLength(1);
  });
});

describe('Pattern waivers through runScan', () => {
  it('waives every matching failure, new ones too, until expiry, then reports each as "waiver-expired"', async () => {
    const fx = scanFixture();
    fx.failing.add('svc-build');
    fx.failing.add('alice');
    const snapshots = new LocalSnapshotStore(dir, { onProblem: () => {} });
    let now = new Date('2026-11-28T02:00:00.000Z');
    const waivers = new DocumentWaiverStore(new LocalWaiverBackend(dir), { clock: () => now, sleep: noSleep });
    const scan = async (at: string) => {
      now = new Date(at);
      return runScan({
        scope: 'prod',
        trigger: 'test',
        collectors: [fx.collector],
        checks: [fx.check],
        store: snapshots,
        waivers: await waivers.list(),
        clock: () => now,
      });
    };
    await scan('2026-11-28T02:00:00.000Z');
    await waivers.add(
      waiver({
        fingerprint: '*',
        match: { checkId: fx.check.id, target: 'demo', resource: 'svc-*' },
        expires: '2026-12-01T00:00:00.000Z',
        createdAt: now.toISOString(),
      }),
    );
    fx.failing.add('svc-deploy');
    fx.failing.add('bob');
    const during = await scan('2026-11-29T02:00:00.000Z');
    expect(during.diff.regressions.map((r) => r.result.resource.name)).toEqual(['bob']);
    expect(during.diff.waived.map((r) => r.resource.name).sort()).toEqual(['svc-build', 'svc-deploy']);

    const after = await scan('2026-12-01T02:00:00.000Z');
    expect(after.diff.regressions.map((r) => [r.result.resource.name, r.reason]).sort()).toEqual([
      ['svc-build', 'waiver-expired'],
      ['svc-deploy', 'waiver-expired'],
    ]);
  });
});
