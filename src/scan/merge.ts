import type { Diff, Snapshot } from '../core/model';
import type { ScanResponse } from './run-scan';

/**
 * One report over several scans (the CLI scans each target into its own scope, as the Lambdas do): targets, results
 * and diffs side by side. The merged diff is a baseline only when every part is.
 */
export function mergeScans(parts: readonly ScanResponse[], scope: string): { snapshot: Snapshot; diff: Diff } {
  if (parts.length === 1) return { snapshot: parts[0].snapshot, diff: parts[0].diff };
  const snaps = parts.map((p) => p.snapshot);
  const first = snaps[0];
  const snapshot: Snapshot = {
    ...first,
    scanId: first?.scanId ?? 'empty',
    scope,
    startedAt: snaps.map((s) => s.startedAt).sort()[0] ?? new Date(0).toISOString(),
    finishedAt:
      snaps
        .map((s) => s.finishedAt)
        .sort()
        .at(-1) ?? new Date(0).toISOString(),
    targets: snaps.flatMap((s) => s.targets).sort((a, b) => a.name.localeCompare(b.name)),
    checks: [...new Set(snaps.flatMap((s) => s.checks))],
    results: snaps.flatMap((s) => s.results),
    carried: snaps.flatMap((s) => s.carried),
    previousSha256: null,
  };
  const diffs = parts.map((p) => p.diff);
  const diff: Diff = {
    baseline: diffs.every((d) => d.baseline),
    previousScanId: diffs.find((d) => d.previousScanId)?.previousScanId ?? null,
    regressions: diffs.flatMap((d) => d.regressions),
    resolved: diffs.flatMap((d) => d.resolved),
    unchanged: diffs.flatMap((d) => d.unchanged),
    unassessed: diffs.flatMap((d) => d.unassessed),
    waived: diffs.flatMap((d) => d.waived),
  };
  return { snapshot, diff };
}
