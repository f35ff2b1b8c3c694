/**
 * The promises every scenario checks: every target appears with a status and a reason; results of an unreachable
 * target are all `unknown`, with the reason. Whether a resolution had evidence is the oracle's to judge
 * (oracle.ts), from what the scenario injected, never from the diff's own rules.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Snapshot } from '../../../src/core/model';

export function tempDir(prefix = 'cb-faults-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Every expected target has a status, a reason when not assessed, and results; unreachable ones only unknowns. */
export function expectTargetsAccounted(snapshot: Snapshot, expected: readonly string[]): void {
  const names = snapshot.targets.map((t) => t.name).sort();
  expect(names).toEqual([...expected].sort());
  for (const t of snapshot.targets) {
    expect(['assessed', 'partial', 'unreachable']).toContain(t.status);
    if (t.status !== 'assessed') expect(t.reason ?? '').not.toBe('');
    const results = snapshot.results.filter((r) => r.target === t.name);
    expect(results.length).toBeGreaterThan(0);
    if (t.status === 'unreachable') {
      expect(results.every((r) => r.status === 'unknown')).toBe(true);
      for (const r of results) expect(r.message).toMatch(/\.$/);
    }
  }
}

/** The findings still open after a scan: failing now or carried. */
export function openFingerprints(snapshot: Snapshot): Set<string> {
  return new Set([
    ...snapshot.results.filter((r) => r.status === 'fail').map((r) => r.fingerprint),
    ...snapshot.carried.map((r) => r.fingerprint),
  ]);
}
