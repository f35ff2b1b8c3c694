/**
 * The steps of a nightly run, shared by the in-process run (the nightly Lambda, `serverless invoke local`) and the
 * state machine's tasks (handlers/run-*.ts; docs/deploy.md, "The nightly run"): scan one plan item, then fan in.
 *
 * - A whole scope is scanned, posted and stored by its own item, through the one scan loop (./scan-scopes.ts); its
 *   failure is thrown, so the state machine's Retry and Catch see it.
 * - A shard only collects: its facts are written to the run's store (src/store/run-parts.ts) and a reference goes to
 *   the fan-in, which reads each shard's facts back, merges the group's shards and scans the merged fleet through the
 *   same loop (./fan-in.ts). A retried shard or a redriven run finds the part already written and reuses it.
 * - A run with an ID tags its scan IDs with it, and a scope that already has a snapshot of the run is not scanned
 *   again: a retried item or a redriven execution never stores a scope twice, and since a scope is stored only after
 *   its post (posts are idempotent per report, src/slack/notify.ts), never posts twice either.
 */
import pLimit from 'p-limit';
import type { Logger } from '../aws/logger';
import type { TargetSelection } from '../collectors/deps';
import type { Config } from '../config/schema';
import { errorMessage } from '../core/errors';
import type { AnyCheck } from '../core/model';
import { redactSecrets } from '../core/redact';
import { fnv1a } from '../core/shard';
import type { Publisher } from '../slack/publish';
import { MemoryMarkerStore } from '../store/markers';
import type { Stores } from '../store/open';
import { RunObjects, runObjectKey } from '../store/run-parts';
import type { SnapshotRef } from '../store/types';
import { checkOptions } from './config';
import {
  decodeShardPart,
  encodeShardPart,
  type FannedIn,
  fanIn,
  type GatheredOutcome,
  type ItemOutcome,
  replayCollector,
  type ScopeSummary,
  type ShardPart,
} from './fan-in';
import { readMembers } from './members';
import type { PlanItem } from './plan';
import { type CollectorsOf, type ScanScopesHooks, type ScopeOutcome, scanScopes } from './scan-scopes';

export interface RunDeps {
  config: Config;
  checks: readonly AnyCheck[];
  collectors: CollectorsOf;
  stores: Stores;
  /** null: Slack is not configured; the scans are still stored. */
  publish: Publisher | null;
  logger: Logger;
  clock?: () => Date;
  /** Logs and metrics of each scope's scan (the nightly handler's). */
  hooks?: ScanScopesHooks;
  /**
   * Where shards write their facts for the fan-in (the store's, beside the delivery markers). Required by a shard
   * of a run spread over invocations; a run in one process uses memory when absent.
   */
  runObjects?: RunObjects;
}

export interface RunContext {
  /** The execution's ID; absent for a run that is not resumed (each scan gets its own ID). */
  runId?: string;
  /** When the run started (ISO 8601): a scope's snapshots of this run are looked for from then on. */
  startedAt: string;
  signal?: AbortSignal;
}

/** The tag of a run's scan IDs: short, in the scan ID alphabet, the same for every attempt of the run. */
export function runTag(runId: string): string {
  return `r${fnv1a(runId).toString(16).padStart(8, '0')}`;
}

/** The tag of a run's objects: the execution's, or one of its own for a run in one process without an ID. */
export function objectsTag(run: RunContext): string {
  return runTag(run.runId ?? `in-process:${run.startedAt}`);
}

export function partKey(item: Pick<PlanItem, 'id'>, run: RunContext): string {
  return runObjectKey(objectsTag(run), 'parts', item.id);
}

function runObjectsOf(deps: RunDeps): RunObjects {
  if (!deps.runObjects) throw new Error('a shard needs the run store to hand its facts to the fan-in');
  return deps.runObjects;
}

function runScanId(runId: string) {
  const tag = runTag(runId);
  return (_scope: string, at: Date) => `${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}-${tag}`;
}

/** The snapshot this run already stored for the scope, if any. */
async function storedByRun(stores: Stores, scope: string, run: RunContext): Promise<SnapshotRef | null> {
  if (!run.runId) return null;
  const suffix = `-${runTag(run.runId)}`;
  // From the execution's start (a redrive keeps it), less an hour for any skew between Step Functions' clock and
  // Lambda's: a short listing.
  const refs = await stores.snapshots.list(scope, { from: new Date(Date.parse(run.startedAt) - 3_600_000) });
  return refs.find((r) => r.scanId.endsWith(suffix)) ?? null;
}

function summaryOf(o: ScopeOutcome): ScopeSummary {
  return {
    scope: o.scope,
    scanId: o.scan?.snapshot.scanId ?? null,
    stored: o.stored?.key ?? null,
    posted: o.posted,
    regressions: o.scan?.diff.regressions.length ?? 0,
    unassessedTargets: o.scan?.snapshot.targets.filter((t) => t.status !== 'assessed').length ?? 0,
    ...(o.error !== undefined ? { error: o.error } : {}),
  };
}

/** A scope this run stored before (a retry or a redrive): reported, not scanned, posted or stored again. */
function alreadyDone(scope: string, ref: SnapshotRef): ScopeSummary {
  return { scope, scanId: ref.scanId, stored: ref.key, posted: true, regressions: 0, unassessedTargets: 0 };
}

async function scanWhole(deps: RunDeps, scope: string, selection: TargetSelection, run: RunContext, fleet?: ShardPart) {
  const done = await storedByRun(deps.stores, scope, run);
  if (done) return alreadyDone(scope, done);
  const collectors = fleet
    ? [replayCollector(selection.kind === 'hostGroup' ? selection.name : scope, fleet)]
    : deps.collectors(deps.config, selection);
  const publish = deps.publish;
  const [outcome] = await scanScopes({
    scopes: [{ scope, collectors }],
    trigger: 'schedule',
    checks: deps.checks,
    options: checkOptions(deps.config),
    waivers: await deps.stores.waivers.list(),
    stores: deps.stores,
    post: publish
      ? (scan, s) =>
          publish(scan, {
            config: deps.config,
            scope: s,
            log: deps.logger.child({ target: s, scanId: scan.snapshot.scanId }),
          })
      : null,
    signal: run.signal,
    clock: deps.clock,
    hooks: deps.hooks,
    ...(run.runId ? { scanId: runScanId(run.runId) } : {}),
  });
  return summaryOf(outcome!);
}

function selectionOf(item: PlanItem, members?: string[]): TargetSelection {
  if (item.target.kind === 'cluster') return { kind: 'cluster', name: item.target.name };
  if (!item.shard) return { kind: 'hostGroup', name: item.target.name };
  const { index, count } = item.shard;
  return { kind: 'hostGroup', name: item.target.name, shard: { index, count, ...(members ? { members } : {}) } };
}

/**
 * Collects a shard's facts, from its members when the plan listed them; a collector that throws leaves its group's
 * nodes unreachable, with the reason.
 */
async function collectShard(deps: RunDeps, item: PlanItem, run: RunContext): Promise<ShardPart> {
  const members = item.members ? await readMembers(runObjectsOf(deps), item, objectsTag(run)) : undefined;
  const part: ShardPart = { facts: [], unreachable: [] };
  const warn = (m: string) => deps.logger.warn(redactSecrets(m), { target: item.id });
  const ctx = { reporter: { progress: () => {}, warn }, signal: run.signal };
  for (const c of deps.collectors(deps.config, selectionOf(item, members))) {
    if ('target' in c) {
      part.facts.push(await c.collect(ctx));
      continue;
    }
    const fleet = await c.collect(ctx);
    part.facts.push(...fleet.facts);
    part.unreachable.push(...fleet.unreachable);
  }
  return part;
}

/**
 * A shard's facts, written once to the run's store: a part this run already wrote for the item (a retry after the
 * write, a redrive) is reused as it is, unless it no longer reads back as this item's part.
 */
async function shardPart(deps: RunDeps, item: PlanItem, run: RunContext) {
  const objects = runObjectsOf(deps);
  const key = partKey(item, run);
  const held = await objects.existing(key);
  if (held) {
    try {
      decodeShardPart(held.body, item.id);
      return held.ref;
    } catch (err) {
      deps.logger.warn('shard part unreadable: collected again', { target: item.id, key, reason: errorMessage(err) });
    }
  }
  return objects.put(key, encodeShardPart(item.id, await collectShard(deps, item, run)));
}

/**
 * One plan item: a whole scope scanned, posted and stored (throws when the scope failed), or a shard's facts, written
 * to the run's store and returned by reference (the state machine's states hold at most 256 KB). A shard whose
 * collector throws fails the item, and the fan-in makes its group partial.
 */
export async function scanItem(deps: RunDeps, item: PlanItem, run: RunContext): Promise<ItemOutcome> {
  if (item.shard) return { id: item.id, ok: true, part: await shardPart(deps, item, run) };
  const summary = await scanWhole(deps, item.scope, selectionOf(item), run);
  if (summary.error !== undefined) throw new Error(summary.error);
  return { id: item.id, ok: true, summary };
}

/** The outcome of an item that threw, as the state machine's Catch records it. */
export function failedItem(item: Pick<PlanItem, 'id'>, err: unknown): ItemOutcome {
  return { id: item.id, ok: false, error: redactSecrets(errorMessage(err)) };
}

/** The fan-in: every scope's summary, sharded groups scanned as one merged fleet; in plan order. */
export async function finishRun(
  deps: RunDeps,
  plan: readonly PlanItem[],
  outcomes: readonly ItemOutcome[],
  run: RunContext,
): Promise<ScopeSummary[]> {
  const gathered = await gatherParts(deps, plan, outcomes, run);
  const out: ScopeSummary[] = [];
  for (const f of fanIn(plan, gathered)) out.push(await finishScope(deps, f, run));
  return out;
}

/**
 * Each shard's facts read back from the run's store: a part that is missing, unreadable, or not what the shard wrote
 * (its length or SHA-256 differ) leaves its shard without facts, with the reason.
 */
async function gatherParts(
  deps: RunDeps,
  plan: readonly PlanItem[],
  outcomes: readonly ItemOutcome[],
  run: RunContext,
): Promise<GatheredOutcome[]> {
  const shards = new Set(plan.filter((p) => p.shard).map((p) => p.id));
  return Promise.all(
    outcomes.map(async (o): Promise<GatheredOutcome> => {
      if (!o.ok || !shards.has(o.id) || o.part === undefined) {
        return o.ok ? { id: o.id, ok: true, ...(o.summary ? { summary: o.summary } : {}) } : o;
      }
      const lost = (reason: string): GatheredOutcome => ({ id: o.id, ok: false, error: reason, collected: true });
      if (!deps.runObjects) return lost('the fan-in has no run store to read its part from');
      const read = await deps.runObjects.read(o.part, partKey(o, run));
      if (!read.ok) return lost(read.reason);
      try {
        return { id: o.id, ok: true, part: decodeShardPart(read.body, o.id) };
      } catch (err) {
        return lost(`${o.part.key} is unreadable: ${errorMessage(err)}`);
      }
    }),
  );
}

async function finishScope(deps: RunDeps, f: FannedIn, run: RunContext): Promise<ScopeSummary> {
  if (f.kind === 'done') return f.summary;
  if (f.kind === 'failed') {
    return {
      scope: f.scope,
      scanId: null,
      stored: null,
      posted: false,
      regressions: 0,
      unassessedTargets: 0,
      error: f.error,
    };
  }
  for (const m of f.missing) deps.logger.warn('shard not scanned: its group is partial', { target: f.scope, ...m });
  try {
    return await scanWhole(deps, f.scope, { kind: 'hostGroup', name: f.group }, run, f.fleet);
  } catch (err) {
    return { ...failedSummary(f.scope), error: redactSecrets(errorMessage(err)) };
  }
}

function failedSummary(scope: string): ScopeSummary {
  return { scope, scanId: null, stored: null, posted: false, regressions: 0, unassessedTargets: 0 };
}

/** The whole run in this process: the same items and the same fan-in as the state machine, `concurrency` at once. */
export async function runInProcess(
  deps: RunDeps,
  plan: readonly PlanItem[],
  run: RunContext,
  concurrency = 3,
): Promise<ScopeSummary[]> {
  const limit = pLimit(Math.max(1, concurrency));
  const local: RunDeps = { ...deps, runObjects: deps.runObjects ?? new RunObjects(new MemoryMarkerStore()) };
  const outcomes = await Promise.all(
    plan.map((item) =>
      limit(async (): Promise<ItemOutcome> => {
        try {
          return await scanItem(local, item, run);
        } catch (err) {
          return failedItem(item, err);
        }
      }),
    ),
  );
  return finishRun(local, plan, outcomes, run);
}
