import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { result, snapshot } from '../../test/s3/snapshots';
import { LocalSnapshotStore } from './local';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cb-history-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('Method: LocalSnapshotStore.history', () => {
  it('returns the summaries of a range in time order, with counts by status, severity, check and target', async () => {
    const store = new LocalSnapshotStore(dir);
    await store.save(snapshot({ startedAt: '2026-11-20T02:00:00.000Z' }));
    await store.save(
      snapshot({
        startedAt: '2026-11-26T02:00:00.000Z',
        results: [result('alice', 'fail', 'critical'), result('bob', 'unknown', 'low', 'host.ssh.x', 'node-1')],
        carried: [result('carol', 'fail', 'medium')],
      }),
    );
    await store.save(snapshot({ startedAt: '2026-11-24T02:00:00.000Z' }));
    const week = await store.history('local', {
      from: new Date('2026-11-23T00:00:00.000Z'),
      to: new Date('2026-11-30T00:00:00.000Z'),
    });
    expect(week.map((s) => s.startedAt)).toEqual(['2026-11-24T02:00:00.000Z', '2026-11-26T02:00:00.000Z']);
    const last = week[1];
    expect(last.totals).toEqual({ pass: 0, fail: 1, unknown: 1, 'not-applicable': 0 });
    expect(last.bySeverity.critical.fail).toBe(1);
    expect(last.byCheck).toEqual({
      'host.ssh.x': { pass: 0, fail: 0, unknown: 1, 'not-applicable': 0 },
      'k8s.rbac.cluster-admin': { pass: 0, fail: 1, unknown: 0, 'not-applicable': 0 },
    });
    expect(Object.keys(last.byTarget)).toEqual(['demo', 'node-1']);
    expect(last.open.map((o) => [o.resource.name, o.severity, o.carried ?? false])).toEqual([
      ['alice', 'critical', false],
      ['carol', 'medium', true],
    ]);
  });
});
