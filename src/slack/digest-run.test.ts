import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { result, snapshot } from '../../test/s3/snapshots';
import { openStores } from '../store/open';
import type { HistoryStore } from '../store/types';
import { loadDigest } from './digest-run';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cb-digest-run-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const names = (prefix: string, n: number) => Array.from({ length: n }, (_, i) => `${prefix}-${i}`);

describe('Function: loadDigest', () => {
  it('reads each scope’s series as a stream and counts what appeared and was resolved between its scans', async () => {
    const stores = openStores({ type: 'local', dir }, { onProblem: () => {} });
    const burst = names('burst', 600).map((n) => result(n));
    const carried = result('carol');
    let previous: string | null = null;
    const save = async (
      startedAt: string,
      results = [result('alice')],
      extra: Partial<{ carried: typeof burst }> = {},
    ) => {
      const saved = await stores.snapshots.save(snapshot({ startedAt, results, previousSha256: previous, ...extra }));
      previous = saved.sha256;
    };
    await save('2026-11-23T01:30:00.000Z', [result('alice'), carried]); // 02:30 in Berlin on the 23rd: the baseline
    await save('2026-11-24T01:30:00.000Z', [result('alice'), carried]);
    await save('2026-11-25T01:30:00.000Z', [result('alice'), carried, ...burst]);
    await save('2026-11-27T01:30:00.000Z', [result('alice'), carried]);
    // carol's target could not be assessed: carried, not resolved.
    await save('2026-11-29T23:30:00.000Z', [result('alice')], { carried: [carried] });
    const store = stores.snapshots;
    const streamed = Object.assign(Object.create(store) as HistoryStore, {
      history: () => Promise.reject(new Error('the digest reads the series as a stream')),
    });

    const d = await loadDigest(
      { snapshots: streamed, waivers: stores.waivers },
      new Date('2026-11-30T07:00:00.000Z'),
      7,
      'Europe/Berlin',
    );
    expect(d.dates).toEqual([
      '2026-11-24',
      '2026-11-25',
      '2026-11-26',
      '2026-11-27',
      '2026-11-28',
      '2026-11-29',
      '2026-11-30',
    ]);
    expect([d.newFindings, d.resolvedFindings, d.openNow, d.scans]).toEqual([600, 600, 2, 4]);
    expect(d.severityByDay.map((x) => [x.appeared, x.resolved])).toEqual([
      [0, 0],
      [600, 0],
      [0, 0],
      [0, 600],
      [0, 0],
      [0, 0],
      [0, 0],
    ]);
  });
});
