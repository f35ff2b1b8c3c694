/**
 * The nightly scan (EventBridge Scheduler, or `serverless invoke local`): every scope of the configuration through the
 * one scan loop (./scan-scopes.ts: scan, post the regressions to Slack, then store), each compared with its own last
 * snapshot. A failed scope fails the invocation once the others are done: the alarm fires and Lambda retries, and
 * the retry diffs against the same baseline, so a failed post is sent again instead of being lost.
 */
import type { Logger } from '../aws/logger';
import { createLogger, lambdaFields } from '../aws/logger';
import { createMetrics, type Metrics, metricsOptionsFromEnv } from '../aws/metrics';
import type { Config } from '../config/schema';
import type { AnyCheck } from '../core/model';
import { collectorsFor } from '../scan/targets';
import type { Publisher } from '../slack/publish';
import type { Stores } from '../store/open';
import { planRun } from './plan';
import { runInProcess } from './run';
import { buildRuntime, channelPublisher, type RuntimeOptions } from './runtime';
import { type CollectorsOf, type PlannedScope, planScopes, type ScanScopesHooks } from './scan-scopes';

export type { Publisher };

export interface LambdaContextLike {
  awsRequestId?: string;
  functionName?: string;
  getRemainingTimeInMillis?: () => number;
}

export interface NightlyDeps {
  config: Config;
  checks: readonly AnyCheck[];
  collectors: CollectorsOf;
  stores: Stores;
  /** null: Slack is not configured (no channel); the scans still run and are stored. */
  publish: Publisher | null;
  logger: Logger;
  metrics: Metrics;
  clock?: () => Date;
  /** Scopes scanned at once (each scan also collects its targets concurrently). */
  scopeConcurrency?: number;
}

export interface NightlyScopeOutcome {
  scope: string;
  scanId: string | null;
  stored: string | null;
  regressions: number;
  unassessedTargets: number;
  posted: boolean;
  error?: string;
}

export interface NightlyOutcome {
  scopes: NightlyScopeOutcome[];
}

/** Every scope of the configuration (./scan-scopes.ts planScopes). */
export function planNightly(config: Config, collectors: CollectorsOf): PlannedScope[] {
  return planScopes(config, { kind: 'all' }, collectors);
}

/** The event: the schedule's `{"source":"compliance-bot.schedule"}`, or `{"scopes":[...]}` to scan some scopes only. */
export function parseNightlyEvent(event: unknown): { scopes: string[] | null } {
  if (event === null || event === undefined || typeof event !== 'object' || Array.isArray(event))
    return { scopes: null };
  const scopes = (event as { scopes?: unknown }).scopes;
  if (scopes === undefined) return { scopes: null };
  if (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string' || !/^[a-z0-9][a-z0-9._/-]{0,200}$/.test(s))) {
    throw new Error('event.scopes must be a list of scope names such as "cluster/prod" or "hosts/workers"');
  }
  return { scopes: scopes as string[] };
}

/** Keep this much of the Lambda's time for storing, posting and logging after the collectors are told to stop. */
const SAFETY_MARGIN_MS = 90_000;

/** Logs and metrics of each scope's scan, the same for every item of the run. */
export function scanHooks(log: Logger, metrics: Metrics): ScanScopesHooks {
  const scopeLog = (scope: string, scanId?: string) => log.child({ target: scope, ...(scanId ? { scanId } : {}) });
  return {
    reporter: (scope) => {
      const l = scopeLog(scope);
      return { progress: (m) => l.debug(m), warn: (m) => l.warn(m) };
    },
    scanned: (scope, { snapshot, diff }, durationMs) => {
      const unassessed = snapshot.targets.filter((t) => t.status !== 'assessed');
      metrics.scan({
        scope,
        results: snapshot.results,
        targets: snapshot.targets,
        regressions: diff.regressions.length,
        resolved: diff.resolved.length,
        durationMs,
      });
      const sl = scopeLog(scope, snapshot.scanId);
      sl.info('scan evaluated', {
        baseline: diff.baseline,
        targets: snapshot.targets.length,
        results: snapshot.results.length,
        regressions: diff.regressions.length,
        resolved: diff.resolved.length,
        unassessed: diff.unassessed.length,
        unassessedTargets: unassessed.length,
      });
      for (const t of unassessed) {
        sl.warn('target not fully assessed', { host: t.name, kind: t.kind, status: t.status, reason: t.reason });
      }
    },
    stored: (scope, scan, saved) =>
      scopeLog(scope, scan.snapshot.scanId).info('snapshot stored', { key: saved.ref.key, sha256: saved.sha256 }),
    failed: (scope, error, scanId) => scopeLog(scope).error('scope failed', { scanId, error }),
  };
}

export function createNightlyHandler(load: (log: Logger) => Promise<NightlyDeps>, baseLogger: Logger = createLogger()) {
  let coldStart = true;
  return async (event: unknown, context?: LambdaContextLike): Promise<NightlyOutcome> => {
    const log = baseLogger.child(lambdaFields(context, coldStart));
    coldStart = false;
    let only: string[] | null;
    let deps: NightlyDeps;
    try {
      only = parseNightlyEvent(event).scopes;
      deps = await load(log);
    } catch (err) {
      // A bad configuration or an unreadable secret: logged as one JSON line, then rethrown (the alarm fires).
      log.error('nightly scan could not start', { error: err });
      throw err;
    }

    const plan = planRun(deps.config, {}, only ?? undefined);
    if (only) {
      const known = planNightly(deps.config, () => []).map((p) => p.scope);
      const unknown = only.filter((s) => !known.includes(s));
      if (unknown.length > 0) {
        throw new Error(`unknown scope(s) ${unknown.join(', ')}; configured: ${known.join(', ')}`);
      }
    }
    if (plan.length === 0) {
      log.warn('nothing to scan: the configuration has no clusters and no host groups');
      return { scopes: [] };
    }

    const remaining = context?.getRemainingTimeInMillis?.();
    const budget = remaining !== undefined ? Math.max(remaining - SAFETY_MARGIN_MS, 10_000) : undefined;
    const clock = deps.clock ?? (() => new Date());
    log.info('nightly scan started', { scopes: [...new Set(plan.map((p) => p.scope))], budgetMs: budget ?? null });
    const scopes: NightlyScopeOutcome[] = await runInProcess(
      {
        config: deps.config,
        checks: deps.checks,
        collectors: deps.collectors,
        stores: deps.stores,
        publish: deps.publish,
        logger: log,
        clock: deps.clock,
        hooks: scanHooks(log, deps.metrics),
      },
      plan,
      { startedAt: clock().toISOString(), signal: budget !== undefined ? AbortSignal.timeout(budget) : undefined },
      deps.scopeConcurrency ?? 3,
    );
    const failed = scopes.filter((o) => o.error !== undefined);
    log.info('nightly scan finished', {
      scopes: scopes.length,
      failed: failed.length,
      regressions: scopes.reduce((n, o) => n + o.regressions, 0),
    });
    if (failed.length > 0) {
      // Thrown so the invocation counts as failed: the alarm fires and Lambda retries (a failed post is re-sent).
      throw new Error(
        `nightly scan: ${failed.length} of ${scopes.length} scope(s) failed: ${failed.map((o) => `${o.scope}: ${o.error}`).join('; ')}`,
      );
    }
    return { scopes };
  };
}

/** The AWS clients (and the secrets they cached) outlive the invocation: one set per container. */
let containerAws: RuntimeOptions['aws'];

/** The real dependencies of one invocation, from the environment. */
export async function nightlyDepsFromEnv(log: Logger, env: NodeJS.ProcessEnv = process.env): Promise<NightlyDeps> {
  const rt = buildRuntime(env, 'nightly-scan', { logger: log, aws: containerAws });
  containerAws = rt.aws;
  return {
    config: rt.config,
    checks: rt.checks,
    collectors: (c, selection) => collectorsFor(c, selection, rt.collectorDeps),
    stores: rt.stores,
    publish: channelPublisher(rt),
    logger: log,
    metrics: createMetrics(metricsOptionsFromEnv()),
  };
}
