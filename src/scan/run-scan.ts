import { randomBytes } from 'node:crypto';
import pLimit from 'p-limit';
import {
  type CollectContext,
  type FleetCollector,
  type Reporter,
  silentReporter,
  type TargetCollector,
} from '../collectors/types';
import { compare } from '../core/diff';
import { evaluateTarget } from '../core/engine';
import { errorMessage } from '../core/errors';
import { machineLabel } from '../core/machine';
import {
  type AnyCheck,
  type CheckOptions,
  DEFAULT_CHECK_OPTIONS,
  type Diff,
  type Fact,
  type Result,
  SNAPSHOT_SCHEMA_VERSION,
  type Snapshot,
  type TargetFacts,
  type TargetInfo,
  type TargetSummary,
  type Trigger,
  type Waiver,
} from '../core/model';
import { redactSecrets } from '../core/redact';
import type { SnapshotRef, SnapshotStore } from '../store/types';
import { TOOL } from '../version';

export interface ScanRequest {
  scope: string;
  trigger: Trigger;
  collectors: (TargetCollector | FleetCollector)[];
  checks: readonly AnyCheck[];
  /** null: do not store (--no-store); the diff is still made against the latest stored snapshot when a store is given for reading. */
  store: SnapshotStore | null;
  /** Save the snapshot (false with --no-store: the baseline is still read when there is a store). */
  save?: boolean;
  waivers?: readonly Waiver[];
  options?: CheckOptions;
  reporter?: Reporter;
  signal?: AbortSignal;
  clock?: () => Date;
  /** How many targets are collected at once. */
  concurrency?: number;
  /** The scan's ID, when the caller wants it in its log lines before the scan ends (default: made from the start time). */
  scanId?: string;
}

export interface ScanResponse {
  snapshot: Snapshot;
  diff: Diff;
  /** Where the snapshot was stored, or null. */
  stored: SnapshotRef | null;
  /** Facts of every target, for replay and for `who-can`. */
  facts: TargetFacts[];
}

/** The facts with the reason of every missing fact masked (a reason can quote a collector's error). */
function maskReasons(tf: TargetFacts): TargetFacts {
  const facts: Record<string, Fact<unknown>> = {};
  for (const [k, f] of Object.entries(tf.facts) as [string, Fact<unknown>][]) {
    facts[k] = f.ok ? f : { ok: false, reason: redactSecrets(f.reason) };
  }
  return { ...tf, facts: facts as TargetFacts['facts'] };
}

/** The one pipeline every entry point uses: collect, evaluate, compare with the last snapshot, store. */
export async function runScan(req: ScanRequest): Promise<ScanResponse> {
  const clock = req.clock ?? (() => new Date());
  // Reasons and warnings carry collector error text into reports, snapshots, logs and Slack: masked on the way.
  const given = req.reporter ?? silentReporter;
  const reporter: Reporter = {
    progress: (m) => given.progress(redactSecrets(m)),
    warn: (m) => given.warn(redactSecrets(m)),
  };
  const started = clock();
  const ctx: CollectContext = { reporter, signal: req.signal };

  const collected: TargetFacts[] = [];
  const unreachable: { target: TargetInfo; reason: string }[] = [];
  const limit = pLimit(Math.max(1, req.concurrency ?? 4));
  const collect = async (collector: TargetCollector | FleetCollector) => {
    const name = 'target' in collector ? collector.target.name : collector.name;
    reporter.progress(`collecting ${name}`);
    try {
      if ('target' in collector) {
        collected.push(maskReasons(await collector.collect(ctx)));
      } else {
        const fleet = await collector.collect(ctx);
        collected.push(...fleet.facts.map(maskReasons));
        unreachable.push(...fleet.unreachable.map((u) => ({ ...u, reason: redactSecrets(u.reason) })));
      }
    } catch (err) {
      const reason = redactSecrets(errorMessage(err));
      reporter.warn(`${name}: could not be assessed: ${reason}`);
      if ('target' in collector) unreachable.push({ target: collector.target, reason });
      else unreachable.push({ target: { name, kind: 'host' }, reason });
    }
  };
  await Promise.all(req.collectors.map((collector) => limit(() => collect(collector))));

  const now = clock();
  const options = req.options ?? DEFAULT_CHECK_OPTIONS;
  const checksInScan = req.checks.map((c) => c.id);
  const results: Result[] = [];
  const targets: TargetSummary[] = [];
  for (const tf of collected) {
    reporter.progress(`evaluating ${tf.target.name}`);
    results.push(...evaluateTarget(req.checks, tf, { now, options, checksInScan }));
    const failed = Object.entries(tf.facts).filter(([, f]) => !(f as Fact<unknown>).ok);
    const reasons = [
      ...inputErrorsReason(tf.inputErrors ?? []),
      ...failed.map(([k, f]) => `${k}: ${(f as { reason: string }).reason}`),
    ];
    targets.push({
      name: tf.target.name,
      kind: tf.target.kind,
      status: reasons.length === 0 ? 'assessed' : 'partial',
      ...(reasons.length > 0 ? { reason: reasons.join('; ') } : {}),
      ...(tf.target.identity ? { identity: tf.target.identity } : {}),
    });
  }
  // A fleet may name a host twice (offline, then timed out) or name one it also has facts for: one entry per target.
  const assessed = new Set(collected.map((tf) => tf.target.name));
  const seenUnreachable = new Set<string>();
  for (const { target, reason } of unreachable) {
    if (assessed.has(target.name) || seenUnreachable.has(target.name)) continue;
    seenUnreachable.add(target.name);
    targets.push({
      name: target.name,
      kind: target.kind,
      status: 'unreachable',
      reason,
      ...(target.identity ? { identity: target.identity } : {}),
    });
    // Every check of the target's kind is unknown, with the reason: never a silent gap, never a pass.
    results.push(
      ...evaluateTarget(req.checks, { target, facts: {} }, { now, options, checksInScan }).map((r) => ({
        ...r,
        message: `Could not assess: ${machineLabel(target.name, target.identity)} is unreachable: ${reason.replace(/\.$/, '')}.`,
      })),
    );
  }
  targets.sort((a, b) => a.name.localeCompare(b.name));

  const baseline = req.store ? await req.store.latest(req.scope) : null;
  const finished = clock();
  const comparison = compare(
    baseline?.snapshot ?? null,
    { startedAt: started.toISOString(), targets, checks: req.checks.map((c) => c.id), results },
    req.waivers ?? [],
    now,
  );
  const snapshot: Snapshot = {
    schemaVersion: SNAPSHOT_SCHEMA_VERSION,
    scanId: req.scanId ?? newScanId(started),
    scope: req.scope,
    startedAt: started.toISOString(),
    finishedAt: finished.toISOString(),
    trigger: req.trigger,
    tool: TOOL,
    targets,
    checks: req.checks.map((c) => c.id),
    results: comparison.results,
    carried: comparison.carried,
    previousSha256: baseline?.sha256 ?? null,
  };
  let stored: SnapshotRef | null = null;
  if (req.store && req.save !== false) {
    stored = (await req.store.save(snapshot)).ref;
    reporter.progress(`snapshot stored: ${stored.key}`);
  }
  return { snapshot, diff: comparison.diff, stored, facts: collected };
}

/** The input errors named in a target's reason: the first few, then a count (the warnings list them all). */
function inputErrorsReason(errors: readonly string[]): string[] {
  const shown = errors.slice(0, 3);
  if (errors.length > shown.length) shown.push(`and ${errors.length - shown.length} more input errors`);
  return shown;
}

/** `20261130T021756Z-3f9a1c`: sorts by time, unique enough for concurrent scans of one scope. */
export function newScanId(at: Date): string {
  return `${at.toISOString().replace(/[-:]/g, '').replace(/\.\d+/, '')}-${randomBytes(3).toString('hex')}`;
}
