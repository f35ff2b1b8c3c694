/**
 * The nightly scan (EventBridge Scheduler, or `serverless invoke local`): one scan per scope, a scope being a cluster
 * (`<scope>/cluster-<name>`) or the host groups (`<scope>/hosts`), each compared with its own last snapshot. Per scope: collect
 * and evaluate (runScan), post the regressions to Slack, then store the snapshot. Posting before storing means a
 * failed post is retried (Lambda retries the invocation, and the retry diffs against the same baseline) instead of
 * being lost; posts are idempotent per scan ID (delivery markers), so nothing is posted twice by one scan.
 *
 * Thin on purpose: everything it uses is passed in (createNightlyHandler), and `handler` wires the real clients, once
 * per container.
 */
import { checks as allChecks } from '../checks/index';
import { collectorDepsFrom, createAwsClients } from '../src/aws/clients';
import { loadDeployedConfig } from '../src/aws/deployed-config';
import { createLogger, type Logger, lambdaFields } from '../src/aws/logger';
import { createMetrics, type Metrics, metricsOptionsFromEnv } from '../src/aws/metrics';
import { slackPublisher } from '../src/aws/publish';
import type { Config } from '../src/config/schema';
import type { AnyCheck, CheckOptions } from '../src/core/model';
import { redactSecrets } from '../src/core/redact';
import { runScan, type ScanResponse } from '../src/scan/run-scan';
import { scopedSelections } from '../src/scan/scopes';
import { type AnyCollector, collectorsFor, type TargetSelection } from '../src/scan/targets';
import { configuredChecks } from '../src/slack/runtime';
import { openStores, type Stores } from '../src/store/open';
import { rbacFactsOf } from '../src/store/rbac-facts';

export interface LambdaContextLike {
  awsRequestId?: string;
  functionName?: string;
  getRemainingTimeInMillis?: () => number;
}

/** Posts one scope's scan (regressions, unassessed targets) to Slack; throws when the delivery failed. */
export type Publisher = (scan: ScanResponse, ctx: { config: Config; scope: string; log: Logger }) => Promise<void>;

export interface NightlyDeps {
  config: Config;
  checks: readonly AnyCheck[];
  collectors: (config: Config, selection: TargetSelection) => AnyCollector[];
  stores: Stores;
  /** null: Slack is not configured (no channel); the scans still run and are stored. */
  publish: Publisher | null;
  logger: Logger;
  metrics: Metrics;
  clock?: () => Date;
  /** Scopes scanned at once (each scan also collects its targets concurrently). */
  scopeConcurrency?: number;
}

export interface ScopeOutcome {
  scope: string;
  scanId: string | null;
  stored: string | null;
  regressions: number;
  unassessedTargets: number;
  posted: boolean;
  error?: string;
}

export interface NightlyOutcome {
  scopes: ScopeOutcome[];
}

export interface PlannedScope {
  scope: string;
  collectors: AnyCollector[];
}

/**
 * One scope per cluster and per host group (src/scan/scopes.ts), named as the Slack worker and the CLI name them, so
 * `/compliance scan cluster prod`, `compliance-bot scan` and the nightly scan extend the same snapshot series.
 */
export function planNightly(config: Config, collectors: NightlyDeps['collectors']): PlannedScope[] {
  return scopedSelections(config, { kind: 'all' }).map(({ scope, selection }) => ({
    scope,
    collectors: collectors(config, selection),
  }));
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
    const clock = deps.clock ?? (() => new Date());

    let plan = planNightly(deps.config, deps.collectors);
    if (only) {
      const unknown = only.filter((s) => !plan.some((p) => p.scope === s));
      if (unknown.length > 0) {
        throw new Error(`unknown scope(s) ${unknown.join(', ')}; configured: ${plan.map((p) => p.scope).join(', ')}`);
      }
      plan = plan.filter((p) => only.includes(p.scope));
    }
    if (plan.length === 0) {
      log.warn('nothing to scan: the configuration has no clusters and no host groups');
      return { scopes: [] };
    }
    // A configured target that no collector serves would give an empty snapshot that looks clean: refuse instead.
    const unserved = plan.filter((p) => p.collectors.length === 0).map((p) => p.scope);
    if (unserved.length > 0) {
      throw new Error(
        `no collector serves ${unserved.join(', ')}: the configuration names a target that no collector in this bundle serves`,
      );
    }

    const remaining = context?.getRemainingTimeInMillis?.();
    const budget = remaining !== undefined ? Math.max(remaining - SAFETY_MARGIN_MS, 10_000) : undefined;
    const signal = budget !== undefined ? AbortSignal.timeout(budget) : undefined;
    const waivers = await deps.stores.waivers.list();
    const options: CheckOptions = {
      excludedNamespaces: deps.config.checks.excludedNamespaces,
      excludeSystemRbac: deps.config.checks.excludeSystemRbac,
      certExpiryDays: deps.config.checks.certExpiryDays,
    };
    log.info('nightly scan started', { scopes: plan.map((p) => p.scope), budgetMs: budget ?? null });

    const outcomes = await mapLimit(plan, deps.scopeConcurrency ?? 3, async ({ scope, collectors }) => {
      const slog = log.child({ target: scope });
      const started = clock().getTime();
      const outcome: ScopeOutcome = {
        scope,
        scanId: null,
        stored: null,
        regressions: 0,
        unassessedTargets: 0,
        posted: false,
      };
      try {
        const scan = await runScan({
          scope,
          trigger: 'schedule',
          collectors,
          checks: deps.checks,
          store: deps.stores.snapshots,
          save: false,
          waivers,
          options,
          signal,
          clock,
          reporter: {
            progress: (m) => slog.debug(m),
            warn: (m) => slog.warn(m),
          },
        });
        const { snapshot, diff } = scan;
        const sl = slog.child({ scanId: snapshot.scanId });
        outcome.scanId = snapshot.scanId;
        outcome.regressions = diff.regressions.length;
        outcome.unassessedTargets = snapshot.targets.filter((t) => t.status !== 'assessed').length;
        deps.metrics.scan({
          scope,
          results: snapshot.results,
          targets: snapshot.targets,
          regressions: diff.regressions.length,
          resolved: diff.resolved.length,
          durationMs: clock().getTime() - started,
        });
        sl.info('scan evaluated', {
          baseline: diff.baseline,
          targets: snapshot.targets.length,
          results: snapshot.results.length,
          regressions: diff.regressions.length,
          resolved: diff.resolved.length,
          unassessed: diff.unassessed.length,
          unassessedTargets: outcome.unassessedTargets,
        });
        for (const t of snapshot.targets.filter((x) => x.status !== 'assessed')) {
          sl.warn('target not fully assessed', { host: t.name, kind: t.kind, status: t.status, reason: t.reason });
        }
        if (deps.publish) {
          await deps.publish(scan, { config: deps.config, scope, log: sl });
          outcome.posted = true;
        }
        const saved = await deps.stores.snapshots.save(snapshot);
        outcome.stored = saved.ref.key;
        sl.info('snapshot stored', { key: saved.ref.key, sha256: saved.sha256 });
        // Beside the snapshot, for `who-can`; not stored is logged only (who-can then collects afresh).
        for (const facts of rbacFactsOf(snapshot, scan.facts)) {
          await deps.stores.rbac
            .save(facts)
            .catch((err) => sl.warn('RBAC facts not stored', { target: facts.target, error: err }));
        }
      } catch (err) {
        outcome.error = redactSecrets(err instanceof Error ? err.message : String(err));
        slog.error('scope failed', { scanId: outcome.scanId, error: err });
      }
      return outcome;
    });

    const failed = outcomes.filter((o) => o.error !== undefined);
    log.info('nightly scan finished', {
      scopes: outcomes.length,
      failed: failed.length,
      regressions: outcomes.reduce((n, o) => n + o.regressions, 0),
    });
    if (failed.length > 0) {
      // Thrown so the invocation counts as failed: the alarm fires and Lambda retries (a failed post is re-sent).
      throw new Error(
        `nightly scan: ${failed.length} of ${outcomes.length} scope(s) failed: ${failed.map((o) => `${o.scope}: ${o.error}`).join('; ')}`,
      );
    }
    return { scopes: outcomes };
  };
}

async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  const out: R[] = new Array(items.length);
  let next = 0;
  await Promise.all(
    Array.from({ length: Math.max(1, Math.min(limit, items.length)) }, async () => {
      while (next < items.length) {
        const i = next++;
        out[i] = await fn(items[i]);
      }
    }),
  );
  return out;
}

/** SDK clients, created once per container and reused by warm invocations. */
let clients: ReturnType<typeof createAwsClients> | null = null;

/** The real dependencies; the SDK clients (and the secrets they cached) outlive the invocation. */
async function productionDeps(log: Logger): Promise<NightlyDeps> {
  clients ??= createAwsClients();
  const aws = clients;
  const config = loadDeployedConfig(process.env);
  const checks = configuredChecks(allChecks, config);
  const collectorDeps = collectorDepsFrom(aws);
  const stores = openStores(config.store, {
    maxWaiverDays: config.waivers.maxDays,
    s3: aws.s3,
    onProblem: (p) => log.warn('skipped a stored object', { key: p.key, problem: p.problem }),
  });
  return {
    config,
    checks,
    collectors: (c, selection) => collectorsFor(c, selection, collectorDeps),
    stores,
    publish: slackPublisher(config, {
      s3: aws.s3,
      token: () => aws.parameters.get(config.slack?.botTokenParameter ?? '/compliance-bot/slack/bot-token'),
      slackApiUrl: process.env.SLACK_API_URL,
      remediationOf: (id) => allChecks.find((c) => c.id === id)?.remediation,
    }),
    logger: log,
    metrics: createMetrics(metricsOptionsFromEnv()),
  };
}

export const handler = createNightlyHandler(productionDeps);
