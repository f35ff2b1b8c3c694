import {
  type Diff,
  type Regression,
  type Result,
  type Snapshot,
  severityRank,
  type TargetSummary,
  type Unassessed,
  type Waiver,
} from './model';
import { activeWaiver, activeWaiverFor, isPatternWaiver } from './waivers';

export interface ScanOutcome {
  startedAt: string;
  targets: TargetSummary[];
  checks: string[];
  results: Result[];
}

export interface Comparison {
  diff: Diff;
  /** The scan's results, annotated with `firstSeen` and `waiver`: what the new snapshot stores. */
  results: Result[];
  /** Open findings of the baseline that this scan could not assess: carried into the new snapshot unchanged. */
  carried: Result[];
}

const pairKey = (checkId: string, target: string) => `${checkId}\u0000${target}`;

/**
 * The check a result leaves its finding to (`not-applicable`, evidence `subsumedBy`): a narrower check defers to a
 * broader one that ran in the same scan (k8s.rbac.secrets-read to k8s.rbac.cluster-admin for a cluster admin).
 */
export function deferredTo(r: Result): string | undefined {
  if (r.status !== 'not-applicable') return undefined;
  const by = r.evidence?.subsumedBy;
  return typeof by === 'string' ? by : undefined;
}

/**
 * Compares a scan with the previous snapshot of its scope (the promise it keeps: docs/trust.md).
 * A regression is a fail that was not failing, a fail whose severity rose, or a fail whose waiver ended. Resolved
 * needs evidence: the resource passed, or it is gone from a target and check that were fully assessed. Anything
 * that could not be assessed resolves nothing: it is reported as unassessed and carried forward.
 *
 * Escalation is not resolution: when a result defers to a broader check of the same scan (see deferredTo: the
 * subject now holds full control, reported once under k8s.rbac.cluster-admin) and the same finding was failing
 * before, it stays open. The previous failing result is listed as unchanged and carried into the new snapshot with
 * its firstSeen, so it resolves only on evidence (a pass) and comes back as unchanged, not new, when the broader
 * finding goes away first. A new subject with full control is one regression (the broader check's), not one per
 * narrower check.
 */
export function compare(
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
  // Cost (bench/, 1M results): every hash operation counts, so only what can change the outcome is indexed.
  // Only failing results of the baseline can regress, resolve or be carried: they are indexed (a fraction of the
  // results) with a `seen` mark instead of a second set of every current fingerprint. The baseline's other results
  // are looked up afterwards, and only for the few new failures that name them as `previous`. O(P + C) time for P
  // previous and C current results, O(F) extra memory for F failing ones; waivers are indexed by fingerprint.
  // When a fingerprint repeats within the baseline, a failing occurrence wins (it must never be hidden).
  const failingBefore = new Map<string, { prev: Result; seen: boolean }>();
  const carriedIn = previous?.carried ?? [];
  const carriedFps = new Set(carriedIn.map((r) => r.fingerprint));
  const inResults = new Set<string>();
  for (const r of previous?.results ?? []) {
    if (r.status === 'fail') failingBefore.set(r.fingerprint, { prev: r, seen: false });
    // A result that defers to another check does not supersede the failing finding carried beside it.
    if (carriedFps.size > 0 && carriedFps.has(r.fingerprint) && deferredTo(r) === undefined) {
      inResults.add(r.fingerprint);
    }
  }
  /** Carried results that are not failing (never written by compare, but a snapshot may hold them). */
  const carriedOthers = new Map<string, Result>();
  for (const r of carriedIn) {
    if (inResults.has(r.fingerprint) || failingBefore.has(r.fingerprint) || carriedOthers.has(r.fingerprint)) continue;
    if (r.status === 'fail') failingBefore.set(r.fingerprint, { prev: r, seen: false });
    else carriedOthers.set(r.fingerprint, r);
  }
  const waiversByFp = new Map<string, Waiver[]>();
  for (const w of waivers) {
    const list = waiversByFp.get(w.fingerprint);
    if (list) list.push(w);
    else waiversByFp.set(w.fingerprint, [w]);
  }
  // Pattern waivers (check ID + target + resource glob) are few: tried on every failing result.
  const patternWaivers = waivers.filter(isPatternWaiver);

  const targetStatus = new Map(scan.targets.map((t) => [t.name, t] as const));
  const checksRun = new Set(scan.checks);
  const unknownPairs = new Map<string, string>();
  /** New failures whose baseline result (not failing) is still to be found, to name it as `previous`. */
  const wantPrevious = new Map<string, Regression[]>();

  const results: Result[] = [];
  const carried: Result[] = [];
  for (const current of scan.results) {
    if (current.status === 'unknown' && !unknownPairs.has(pairKey(current.checkId, current.target))) {
      unknownPairs.set(pairKey(current.checkId, current.target), current.message);
    }
    const entry = failingBefore.get(current.fingerprint);
    if (entry) entry.seen = true;
    const prev = entry?.prev;
    if (current.status !== 'fail') {
      results.push(current);
      if (!prev) continue;
      const by = deferredTo(current);
      if (current.status === 'unknown') {
        diff.unassessed.push({ previous: prev, reason: current.message });
        carried.push(prev);
      } else if (by !== undefined && checksRun.has(by)) {
        const open: Result = { ...prev, firstSeen: prev.firstSeen ?? previous!.startedAt };
        diff.unchanged.push(open);
        carried.push(open);
      } else {
        diff.resolved.push({ previous: prev, reason: 'passed', current });
      }
      continue;
    }
    const annotated: Result = {
      ...current,
      firstSeen: prev ? (prev.firstSeen ?? previous!.startedAt) : scan.startedAt,
    };
    const fpWaivers = waiversByFp.get(current.fingerprint);
    const waiver =
      patternWaivers.length > 0
        ? activeWaiverFor(fpWaivers ? [...fpWaivers, ...patternWaivers] : patternWaivers, current, now)
        : fpWaivers
          ? activeWaiver(fpWaivers, current.fingerprint, now)
          : undefined;
    if (waiver) annotated.waiver = { reason: waiver.reason, expires: waiver.expires, createdBy: waiver.createdBy };
    results.push(annotated);
    if (annotated.waiver) {
      diff.waived.push(annotated);
    } else if (!prev) {
      const regression: Regression = { result: annotated, reason: 'new' };
      diff.regressions.push(regression);
      if (previous) {
        const list = wantPrevious.get(current.fingerprint);
        if (list) list.push(regression);
        else wantPrevious.set(current.fingerprint, [regression]);
      }
    } else if (prev.waiver) {
      diff.regressions.push({ result: annotated, reason: 'waiver-expired', previous: prev });
    } else if (severityRank(annotated.severity) > severityRank(prev.severity)) {
      diff.regressions.push({ result: annotated, reason: 'severity-raised', previous: prev });
    } else {
      diff.unchanged.push(annotated);
    }
  }

  if (wantPrevious.size > 0) {
    // The last occurrence wins, as a Map of the whole baseline would have it.
    const found = new Map<string, Result>(carriedOthers);
    for (const r of previous?.results ?? []) if (wantPrevious.has(r.fingerprint)) found.set(r.fingerprint, r);
    for (const [fp, regressions] of wantPrevious) {
      const prev = found.get(fp);
      if (prev) for (const regression of regressions) regression.previous = prev;
    }
  }

  for (const { prev, seen } of failingBefore.values()) {
    if (seen) continue;
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
