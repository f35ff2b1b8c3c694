/**
 * The one per-scope scan loop of every entry point (the nightly Lambda, the Slack worker, `compliance-bot scan`):
 * plan the scopes of a selection, then for each scope collect and evaluate (runScan), post, and store.
 *
 * The save rule, the same everywhere (docs/architecture.md):
 * - a scope's snapshot is stored only after its scan finished and, when the entry point posts, after its post
 *   succeeded: post, then store. A failed post stores nothing, so the retry diffs against the same baseline and posts
 *   the same regressions again; posts are idempotent per report (src/slack/notify.ts), so nothing is posted twice;
 * - a partial or unreachable target is stored like any other: its findings are carried by compare(), never resolved;
 * - the RBAC facts of a stored cluster snapshot are stored beside it, for `who-can`; failing that is a warning;
 * - a scope that fails (no collector serves it, the scan, the post or the store throws) stores nothing more and is
 *   reported as failed; the other scopes go on. What the failure means for the entry point is its own call (the
 *   nightly invocation fails so Lambda retries it, the CLI exits with the error, the worker says it in its answer).
 */
import pLimit from 'p-limit';
import type { TargetSelection } from '../collectors/deps';
import type { Reporter } from '../collectors/types';
import type { Config } from '../config/schema';
import { errorMessage } from '../core/errors';
import type { AnyCheck, CheckOptions, Trigger, Waiver } from '../core/model';
import { redactSecrets } from '../core/redact';
import { runScan, type ScanResponse } from '../scan/run-scan';
import { scopedSelections } from '../scan/scopes';
import type { AnyCollector } from '../scan/targets';
import type { Stores } from '../store/open';
import { rbacFactsOf } from '../store/rbac-facts';
import type { SnapshotRef } from '../store/types';

export interface PlannedScope {
  scope: string;
  collectors: AnyCollector[];
}

/** Builds the collectors of a selection (src/scan/targets.ts collectorsFor with the entry point's clients). */
export type CollectorsOf = (config: Config, selection: TargetSelection) => AnyCollector[];

/**
 * One scope per cluster and per host group of the selection (src/scan/scopes.ts), named the same by every entry
 * point, so `/compliance scan cluster prod`, `compliance-bot scan` and the nightly scan extend one snapshot series.
 */
export function planScopes(config: Config, selection: TargetSelection, collectors: CollectorsOf): PlannedScope[] {
  return scopedSelections(config, selection).map(({ scope, selection: one }) => ({
    scope,
    collectors: collectors(config, one),
  }));
}

/** Posts one scope's scan; throws when the delivery failed (the snapshot is then not stored). */
export type PostScan = (scan: ScanResponse, scope: string) => Promise<void>;

/** What the entry point wants to hear about each scope while the loop runs (logs, metrics, progress). */
export interface ScanScopesHooks {
  /** Progress and warnings of one scope's scan (collectors, stores). */
  reporter?: (scope: string) => Reporter;
  /** The scan finished, before it is posted and stored. */
  scanned?: (scope: string, scan: ScanResponse, durationMs: number) => void;
  stored?: (scope: string, scan: ScanResponse, saved: { ref: SnapshotRef; sha256: string }) => void;
  /** The scope failed; `scanId` is null when it failed before its scan finished. */
  failed?: (scope: string, error: unknown, scanId: string | null) => void;
}

export interface ScanScopesRequest {
  scopes: readonly PlannedScope[];
  trigger: Trigger;
  checks: readonly AnyCheck[];
  options?: CheckOptions;
  waivers?: readonly Waiver[];
  /** null: neither read a baseline nor store (`--no-store`). */
  stores: Pick<Stores, 'snapshots' | 'rbac'> | null;
  /** null or absent: nothing is posted per scope (the scans are still stored). */
  post?: PostScan | null;
  /** Scopes scanned at once (each scan also collects its targets concurrently). */
  concurrency?: number;
  signal?: AbortSignal;
  clock?: () => Date;
  hooks?: ScanScopesHooks;
  /** The scan ID of a scope's scan (default: made from its start time); a run tags its snapshots with it (./run.ts). */
  scanId?: (scope: string, startedAt: Date) => string;
}

export interface ScopeOutcome {
  scope: string;
  /** The scan (with `stored` set once stored), or null when the scope failed before its scan finished. */
  scan: ScanResponse | null;
  stored: SnapshotRef | null;
  posted: boolean;
  /** Why the scope failed, secrets masked; absent when it did not. */
  error?: string;
  /** The error itself, for an entry point that maps error kinds (the CLI's exit codes). */
  cause?: unknown;
}

/** Every planned scope through scan, post and store under the save rule above; outcomes in plan order. */
export async function scanScopes(req: ScanScopesRequest): Promise<ScopeOutcome[]> {
  const clock = req.clock ?? (() => new Date());
  const limit = pLimit(Math.max(1, req.concurrency ?? 1));
  return Promise.all(req.scopes.map((planned) => limit(() => scanScope(planned, req, clock))));
}

async function scanScope(
  { scope, collectors }: PlannedScope,
  req: ScanScopesRequest,
  clock: () => Date,
): Promise<ScopeOutcome> {
  const out: ScopeOutcome = { scope, scan: null, stored: null, posted: false };
  const reporter = req.hooks?.reporter?.(scope);
  try {
    // A configured target that no collector serves would give an empty snapshot that looks clean: refuse it.
    if (collectors.length === 0) {
      throw new Error(`no collector serves ${scope}: the configuration names a target that no collector here serves`);
    }
    const started = clock().getTime();
    const scan = await runScan({
      ...(req.scanId ? { scanId: req.scanId(scope, new Date(started)) } : {}),
      scope,
      trigger: req.trigger,
      collectors,
      checks: req.checks,
      store: req.stores?.snapshots ?? null,
      save: false,
      waivers: req.waivers,
      options: req.options,
      signal: req.signal,
      clock,
      reporter,
    });
    out.scan = scan;
    req.hooks?.scanned?.(scope, scan, clock().getTime() - started);
    if (req.post) {
      await req.post(scan, scope);
      out.posted = true;
    }
    if (req.stores) {
      const saved = await req.stores.snapshots.save(scan.snapshot);
      out.stored = saved.ref;
      out.scan = { ...scan, stored: saved.ref };
      reporter?.progress(`snapshot stored: ${saved.ref.key}`);
      req.hooks?.stored?.(scope, out.scan, saved);
      for (const facts of rbacFactsOf(scan.snapshot, scan.facts)) {
        await req.stores.rbac.save(facts).catch((err) => {
          reporter?.warn(`RBAC facts of ${facts.target} not stored: ${errorText(err)}`);
        });
      }
    }
  } catch (err) {
    out.error = errorText(err);
    out.cause = err;
    req.hooks?.failed?.(scope, err, out.scan?.snapshot.scanId ?? null);
  }
  return out;
}

function errorText(err: unknown): string {
  return redactSecrets(errorMessage(err));
}
