/**
 * The straightforward compare() of src/core/diff.ts before it was indexed for scale (bench/, issue 9): kept as the
 * reference the indexed version must agree with (bench/diff-equivalence.test.ts). Not used at run time.
 */

import type { Comparison, ScanOutcome } from '../../src/core/diff';
import {
  type Diff,
  type Result,
  type Snapshot,
  severityRank,
  type TargetSummary,
  type Unassessed,
  type Waiver,
} from '../../src/core/model';
import { activeWaiver } from '../../src/core/waivers';

const pairKey = (checkId: string, target: string) => `${checkId}\u0000${target}`;

/**
 * Compares a scan with the previous snapshot of its scope (the promise it keeps: docs/trust.md).
 * A regression is a fail that was not failing, a fail whose severity rose, or a fail whose waiver ended. Resolved
 * needs evidence: the resource passed, or it is gone from a target and check that were fully assessed. Anything
 * that could not be assessed resolves nothing: it is reported as unassessed and carried forward.
 */
export function referenceCompare(
  previous: Snapshot | null,
  scan: ScanOutcome,
  waivers: readonly Waiver[],
  now: Date,
): Comparison {
  const diff: Diff = {
    baseline: previous === null,
    previousScanId: previous?.scanId ?? null,
    regressions: [],
    resolved: [],
    unchanged: [],
    unassessed: [],
    waived: [],
  };
  const before = new Map<string, Result>();
  for (const r of previous?.results ?? []) before.set(r.fingerprint, r);
  for (const r of previous?.carried ?? []) if (!before.has(r.fingerprint)) before.set(r.fingerprint, r);

  const targetStatus = new Map(scan.targets.map((t) => [t.name, t] as const));
  const checksRun = new Set(scan.checks);
  const unknownPairs = new Map<string, string>();
  const seen = new Set<string>();
  for (const r of scan.results) {
    seen.add(r.fingerprint);
    if (r.status === 'unknown' && !unknownPairs.has(pairKey(r.checkId, r.target))) {
      unknownPairs.set(pairKey(r.checkId, r.target), r.message);
    }
  }

  const results: Result[] = [];
  const carried: Result[] = [];
  for (const current of scan.results) {
    const prev = before.get(current.fingerprint);
    const wasFailing = prev?.status === 'fail';
    if (current.status !== 'fail') {
      results.push(current);
      if (!wasFailing) continue;
      if (current.status === 'unknown') {
        diff.unassessed.push({ previous: prev, reason: current.message });
        carried.push(prev);
      } else {
        diff.resolved.push({ previous: prev, reason: 'passed', current });
      }
      continue;
    }
    const annotated: Result = {
      ...current,
      firstSeen: wasFailing ? (prev.firstSeen ?? previous!.startedAt) : scan.startedAt,
    };
    const waiver = activeWaiver(waivers, current.fingerprint, now);
    if (waiver) annotated.waiver = { reason: waiver.reason, expires: waiver.expires, createdBy: waiver.createdBy };
    results.push(annotated);
    if (annotated.waiver) {
      diff.waived.push(annotated);
    } else if (!wasFailing) {
      diff.regressions.push({ result: annotated, reason: 'new', ...(prev ? { previous: prev } : {}) });
    } else if (prev.waiver) {
      diff.regressions.push({ result: annotated, reason: 'waiver-expired', previous: prev });
    } else if (severityRank(annotated.severity) > severityRank(prev.severity)) {
      diff.regressions.push({ result: annotated, reason: 'severity-raised', previous: prev });
    } else {
      diff.unchanged.push(annotated);
    }
  }

  for (const prev of before.values()) {
    if (prev.status !== 'fail' || seen.has(prev.fingerprint)) continue;
    const why = whyNotAssessed(prev, targetStatus, checksRun, unknownPairs);
    if (why === null) {
      diff.resolved.push({ previous: prev, reason: 'gone' });
    } else {
      diff.unassessed.push({ previous: prev, reason: why } satisfies Unassessed);
      carried.push(prev);
    }
  }
  return { diff, results, carried };
}

function whyNotAssessed(
  prev: Result,
  targets: Map<string, TargetSummary>,
  checksRun: Set<string>,
  unknownPairs: Map<string, string>,
): string | null {
  const target = targets.get(prev.target);
  if (!target) return `target ${prev.target} was not part of this scan`;
  if (target.status === 'unreachable')
    return `target ${prev.target} could not be assessed: ${target.reason ?? 'unreachable'}`;
  if (!checksRun.has(prev.checkId)) return `check ${prev.checkId} was not run in this scan`;
  const unknown = unknownPairs.get(pairKey(prev.checkId, prev.target));
  if (unknown !== undefined) return unknown;
  return null;
}
