/**
 * The promises every scenario checks (issue 10): every target appears with a status and a reason; no finding is
 * resolved without evidence (an assessed pass, or confirmed absence from an assessed target and check); nothing
 * unassessed counts as resolved or regressed; results of an unreachable target are all `unknown`, with the reason.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Diff, Result, Snapshot } from '../../../src/core/model';

export function tempDir(prefix = 'cb-faults-'): string {
  return mkdtempSync(join(tmpdir(), prefix));
}

/** Resolutions without evidence in this snapshot: must be zero. */
export function falseResolutions(snapshot: Snapshot, diff: Diff): string[] {
  const bad: string[] = [];
  const byFp = new Map<string, Result>();
  for (const r of snapshot.results) byFp.set(r.fingerprint, r);
  const unknownPairs = new Set(
    snapshot.results.filter((r) => r.status === 'unknown').map((r) => `${r.checkId}\u0000${r.target}`),
  );
  for (const x of diff.resolved) {
    const p = x.previous;
    const now = byFp.get(p.fingerprint);
    if (x.reason === 'passed') {
      if (!now || (now.status !== 'pass' && now.status !== 'not-applicable'))
        bad.push(`${p.fingerprint} resolved as passed but is ${now?.status ?? 'absent'}`);
      continue;
    }
    const target = snapshot.targets.find((t) => t.name === p.target);
    if (!target || target.status === 'unreachable') bad.push(`${p.fingerprint} resolved as gone from ${p.target}`);
    else if (!snapshot.checks.includes(p.checkId)) bad.push(`${p.fingerprint} resolved but ${p.checkId} did not run`);
    else if (unknownPairs.has(`${p.checkId}\u0000${p.target}`)) bad.push(`${p.fingerprint} resolved while unknown`);
    else if (now) bad.push(`${p.fingerprint} resolved as gone but is present (${now.status})`);
  }
  for (const r of diff.regressions) if (r.result.status !== 'fail') bad.push(`${r.result.fingerprint} regressed`);
  return bad;
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
