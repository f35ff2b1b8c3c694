import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LocalMarkerStore, type MarkerStore, MemoryMarkerStore } from './markers';
import { currentLease, LEASE_KEY, LeaseHeldError, releaseLease, takeLease } from './run-lease';

const T0 = Date.parse('2026-12-01T01:30:00Z');
const HOUR = 3_600_000;

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'lease-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe.each([
  ['in memory', () => new MemoryMarkerStore() as MarkerStore],
  ['on disk', () => new LocalMarkerStore(dir) as MarkerStore],
])('Functions: takeLease, releaseLease (%s)', (_where, open) => {
  it('refuses another run while the lease lasts, keeps it for the same run, and takes over an expired one', async () => {
    const markers = open();
    expect(await takeLease(markers, 'exec-1', T0, 12 * HOUR)).toBe('taken');
    expect(await takeLease(markers, 'exec-1', T0 + HOUR, 12 * HOUR)).toBe('kept');
    const refused = takeLease(markers, 'exec-2', T0 + 2 * HOUR, 12 * HOUR);
    await expect(refused).rejects.toThrow(LeaseHeldError);
    await expect(takeLease(markers, 'exec-2', T0 + 2 * HOUR, 12 * HOUR)).rejects.toThrow(
      'another nightly run (exec-1) is in progress since 2026-12-01T01:30:00.000Z',
    );
    expect(await currentLease(markers)).toMatchObject({ runId: 'exec-1' });
    // Released by another run: left alone.
    expect(await releaseLease(markers, 'exec-2')).toBe(false);
    expect(await takeLease(markers, 'exec-2', T0 + 12 * HOUR, 12 * HOUR)).toBe('taken-over');
    expect(await currentLease(markers)).toEqual({
      runId: 'exec-2',
      since: '2026-12-01T13:30:00.000Z',
      expiresAt: '2026-12-02T01:30:00.000Z',
    });
    expect(await releaseLease(markers, 'exec-2')).toBe(true);
    expect(await markers.get(LEASE_KEY)).toBeNull();
    expect(await takeLease(markers, 'exec-3', T0 + 13 * HOUR, 12 * HOUR)).toBe('taken');
  });

  it('lets only one of two runs take over the same expired lease, and takes over an unreadable one', async () => {
    const markers = open();
    await takeLease(markers, 'exec-1', T0, HOUR);
    // Both read the same expired lease; the second finds the first's takeover marker.
    const held = await markers.get(LEASE_KEY);
    expect(await takeLease(markers, 'exec-2', T0 + 2 * HOUR, HOUR)).toBe('taken-over');
    await markers.remove(LEASE_KEY);
    await markers.create(LEASE_KEY, held!);
    await expect(takeLease(markers, 'exec-3', T0 + 2 * HOUR, HOUR)).rejects.toThrow(/taking over the lease/);
    await markers.remove(LEASE_KEY);
    await markers.create(LEASE_KEY, '{not json');
    expect(await takeLease(markers, 'exec-4', T0, HOUR)).toBe('taken-over');
    await expect(takeLease(markers, '', T0, HOUR)).rejects.toThrow(/run ID/);
    await expect(takeLease(markers, 'x', T0, 0)).rejects.toThrow(/positive duration/);
  });
});
