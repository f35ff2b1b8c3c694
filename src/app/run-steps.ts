/**
 * The nightly run's state machine tasks (docs/deploy.md, "The nightly run"), all served by the nightly function so
 * the state machine's role invokes one function: the event's `step` says which task.
 *
 * - `plan`: the plan of the run (./plan.ts); an SSM group selected by tag is listed once and sharded by its size,
 *   each shard handed its own nodes by reference (./members.ts). The items are written to the run's store; the
 *   state gets their short IDs and the plan's reference (./run-state.ts: a state holds at most 256 KB);
 * - `scan`: one item, loaded by its ID from the stored plan (./run.ts scanItem); throws when the scope failed, so the
 *   Map's Retry and Catch act. Its outcome (a scope's summary, a shard's part reference) goes to the run's store,
 *   and the state gets `{ id, ok: true }`;
 * - `finish`: the fan-in (./run.ts finishRun) over the stored plan and each item's outcome, a Catch's error among
 *   them; the scopes' summaries go to the run's store;
 * - `summary`: one log line and the run's metrics, and one Slack line naming the failed scopes, each once per run;
 *   then the run's lease is given back.
 *
 * The plan takes the run's lease first (src/store/run-lease.ts): while another execution holds it, the plan fails with
 * "another nightly run (ID) is in progress since T" and changes nothing; the same execution (a retry, a redrive)
 * keeps it; one that has outlived the state machine's timeout (`leaseSeconds` in the plan's input) is taken over.
 */
import type { SSMClient } from '@aws-sdk/client-ssm';
import pLimit from 'p-limit';
import { createLogger, type Logger, lambdaFields } from '../aws/logger';
import { createMetrics, emfDocument, type MetricsOptions, metricsOptionsFromEnv } from '../aws/metrics';
import { errorMessage } from '../core/errors';
import { redactSecrets } from '../core/redact';
import { collectorsFor } from '../scan/targets';
import { type MarkerStore, once } from '../store/markers';
import { releaseLease, takeLease } from '../store/run-lease';
import { type RunObjectRef, RunObjects } from '../store/run-parts';
import type { ItemOutcome, ScopeSummary } from './fan-in';
import { type GroupMembers, handMembers, sizeGroups } from './members';
import type { LambdaContextLike } from './nightly';
import { scanHooks } from './nightly';
import { type PlanItem, type PlanOptions, planRun } from './plan';
import { finishRun, objectsTag, type RunContext, type RunDeps, runTag, scanItem } from './run';
import { itemOf, loadPlan, loadSummaries, readOutcome, storeOutcome, storePlan, storeSummaries } from './run-state';
import { buildRuntime, channelPublisher, type RuntimeOptions } from './runtime';

export interface RunStepDeps extends RunDeps {
  /** Where the run's lease lives (beside the delivery markers): one execution at a time. */
  markers: MarkerStore;
  /** Lists an SSM group's members by tag, once per run (./members.ts); absent: shards list their group themselves. */
  groupMembers?: GroupMembers;
  /** The run's objects in the store: each task is its own invocation, so shards and the fan-in meet there. */
  runObjects: RunObjects;
  plan?: Omit<PlanOptions, 'groupSizes'>;
  /** Milliseconds left in this invocation (the Lambda context's); a scan stops collecting before. */
  remainingMs?: () => number;
  /** The scan's deadline: a signal that aborts after `ms` (default AbortSignal.timeout). */
  timeout?: (ms: number) => AbortSignal;
  /** Sends one line to the alert channel, at most once per key. null: Slack is not configured. */
  notify: ((text: string, key: string) => Promise<void>) | null;
  metrics: MetricsOptions;
  writeMetric?: (line: string) => void;
  now?: () => number;
}

export type RunStepEvent =
  | { step: 'plan'; runId: string; startedAt: string; input?: { scopes?: unknown }; leaseSeconds?: unknown }
  | { step: 'scan'; runId: string; startedAt: string; id: string; plan: RunObjectRef }
  | { step: 'finish'; runId: string; startedAt: string; plan: RunObjectRef; outcomes: unknown }
  | { step: 'summary'; runId: string; summary: RunObjectRef };

/** What the plan hands the state machine: the Map iterates `items`, the items' short IDs. */
export interface PlanOutput {
  runId: string;
  startedAt: string;
  plan: RunObjectRef;
  items: string[];
}

/** A scan's outcome in the state: its detail is in the run's store (./run-state.ts). */
export interface ScanOutput {
  id: string;
  ok: true;
}

export function isRunStepEvent(event: unknown): event is RunStepEvent {
  return typeof event === 'object' && event !== null && typeof (event as { step?: unknown }).step === 'string';
}

/** How long a lease lasts when the definition does not say: the state machine's timeout (infra/state-machine.js). */
export const DEFAULT_LEASE_SECONDS = 12 * 3600;

function leaseMs(raw: unknown): number {
  if (raw === undefined) return DEFAULT_LEASE_SECONDS * 1000;
  if (typeof raw !== 'number' || !Number.isInteger(raw) || raw < 60 || raw > 7 * 86_400) {
    throw new Error('leaseSeconds must be a whole number of seconds from 60 to 604800 (7 days)');
  }
  return raw * 1000;
}

/** Keep this much of the invocation for posting and storing after the collectors are told to stop. */
const SAFETY_MARGIN_MS = 90_000;

/** The message of a Catch's error: the Lambda error's own message when the cause is one, else the cause as given. */
export function catchReason(cause: unknown): string {
  if (typeof cause !== 'string') return 'the scan failed without a reason';
  try {
    const parsed = JSON.parse(cause) as { errorMessage?: unknown; errorType?: unknown };
    if (typeof parsed.errorMessage === 'string') {
      return typeof parsed.errorType === 'string' && parsed.errorType !== 'Error'
        ? `${parsed.errorType}: ${parsed.errorMessage}`
        : parsed.errorMessage;
    }
  } catch {
    // Not JSON: a Step Functions error such as States.Timeout gives its cause as text.
  }
  return cause;
}

/** The longest error message a scan hands to the Catch: the state holds one per failed item. */
export const MAX_STATE_ERROR_CHARS = 300;

/**
 * A scan's error as it leaves the function: its message (secrets redacted) cut to MAX_STATE_ERROR_CHARS, and no stack
 * trace, which Lambda would otherwise put in the Catch's cause (the log has the whole error).
 */
export function stateError(err: unknown): Error {
  const message = redactSecrets(errorMessage(err));
  const e = new Error(
    message.length > MAX_STATE_ERROR_CHARS ? `${message.slice(0, MAX_STATE_ERROR_CHARS - 1)}…` : message,
  );
  e.name = err instanceof Error && err.name ? err.name.slice(0, 80) : 'Error';
  e.stack = e.name;
  return e;
}

/**
 * Every item of the plan with its outcome: a Map outcome naming no item of the plan, or one item twice, is refused;
 * the Catch's error is the item's; an item that succeeded, or that has no Map outcome, has the outcome stored under
 * its ID. An item with neither is failed with the reason: the fan-in never takes it for assessed.
 */
async function gatherOutcomes(
  objects: RunObjects,
  tag: string,
  plan: readonly PlanItem[],
  raw: unknown,
): Promise<ItemOutcome[]> {
  if (!Array.isArray(raw)) throw new Error('the Map outcomes must be a list');
  const byItem = new Map<PlanItem, { ok?: unknown; error?: unknown }>();
  for (const r of raw as { id?: unknown; ok?: unknown; error?: unknown }[]) {
    const item = itemOf(plan, r?.id);
    if (byItem.has(item)) throw new Error(`two outcomes for ${item.id}`);
    byItem.set(item, r);
  }
  const limit = pLimit(16);
  return Promise.all(
    plan.map((item) =>
      limit(async (): Promise<ItemOutcome> => {
        const r = byItem.get(item);
        if (r && r.ok !== true) return { id: item.id, ok: false, error: catchReason(r.error) };
        const stored = await readOutcome(objects, tag, item);
        if (stored.found) return stored.outcome;
        const said = r ? 'the scan reported success, but' : 'the Map gave no outcome, and';
        return { id: item.id, ok: false, error: `${said} ${stored.reason}` };
      }),
    ),
  );
}

function runOf(e: { runId: string; startedAt: string }, signal?: AbortSignal): RunContext {
  if (typeof e.runId !== 'string' || e.runId === '') throw new Error('a run step needs the execution ID as runId');
  if (Number.isNaN(Date.parse(e.startedAt))) throw new Error('a run step needs the execution start as startedAt');
  return { runId: e.runId, startedAt: e.startedAt, ...(signal ? { signal } : {}) };
}

/**
 * The plan of a run: each planned SSM group sized by one lookup of its members (or, without one, by the node count of
 * its last snapshot), and each shard of a listed group handed its own nodes by reference.
 */
async function planItems(deps: RunStepDeps, run: RunContext, scopes: string[] | undefined, log: Logger) {
  const planned = planRun(deps.config, {}, scopes).filter((p) => p.target.kind === 'hostGroup');
  const scopeOf = new Map(planned.map((p) => [p.target.name, p.scope]));
  const groups = deps.config.hostGroups.filter((g) => scopeOf.has(g.name));
  const lastSize = async (g: { name: string }) => {
    const latest = await deps.stores.snapshots.latest(scopeOf.get(g.name)!);
    return latest?.snapshot.targets.length;
  };
  const { sizes, members } = await sizeGroups(groups, deps.groupMembers, lastSize, log);
  const items = planRun(deps.config, { ...deps.plan, groupSizes: sizes }, scopes);
  return handMembers(items, members, deps.runObjects, objectsTag(run));
}

export async function runStep(deps: RunStepDeps, event: RunStepEvent, log: Logger): Promise<unknown> {
  switch (event.step) {
    case 'plan': {
      const run = runOf(event);
      const scopes = event.input?.scopes;
      if (scopes !== undefined && (!Array.isArray(scopes) || scopes.some((s) => typeof s !== 'string'))) {
        throw new Error('input.scopes must be a list of scope names');
      }
      const ttl = leaseMs(event.leaseSeconds);
      // Before anything is listed or written: a refused execution changes nothing.
      const lease = await takeLease(deps.markers, run.runId!, (deps.now ?? Date.now)(), ttl);
      try {
        const items = await planItems(deps, run, scopes as string[] | undefined, log);
        if (scopes && items.length === 0) throw new Error(`none of the scopes ${scopes.join(', ')} is configured`);
        const { plan, ids } = await storePlan(deps.runObjects, objectsTag(run), items);
        log.info('nightly run planned', {
          items: items.length,
          scopes: new Set(items.map((i) => i.scope)).size,
          lease,
          plan: plan.key,
        });
        return { runId: run.runId!, startedAt: run.startedAt, plan, items: ids } satisfies PlanOutput;
      } catch (err) {
        // A run that never got past its plan does not hold the next one back.
        await releaseLease(deps.markers, run.runId!).catch(() => false);
        throw err;
      }
    }
    case 'scan': {
      const left = deps.remainingMs?.();
      const timeout = deps.timeout ?? ((ms: number) => AbortSignal.timeout(ms));
      const signal = left !== undefined ? timeout(Math.max(left - SAFETY_MARGIN_MS, 10_000)) : undefined;
      const run = runOf(event, signal);
      const tag = objectsTag(run);
      const item = itemOf(await loadPlan(deps.runObjects, event.plan, tag), event.id);
      await storeOutcome(deps.runObjects, tag, await scanItem(deps, item, run));
      return { id: event.id, ok: true } satisfies ScanOutput;
    }
    case 'finish': {
      const run = runOf(event);
      const tag = objectsTag(run);
      const plan = await loadPlan(deps.runObjects, event.plan, tag);
      const outcomes = await gatherOutcomes(deps.runObjects, tag, plan, event.outcomes);
      const scopes = await finishRun(deps, plan, outcomes, run);
      const summary = await storeSummaries(deps.runObjects, tag, scopes);
      const failed = scopes.filter((s) => s.error !== undefined).length;
      return { runId: run.runId, summary, scopes: scopes.length, failed };
    }
    case 'summary': {
      if (typeof event.runId !== 'string' || event.runId === '')
        throw new Error('a run step needs the execution ID as runId');
      const scopes = await loadSummaries(deps.runObjects, event.summary, runTag(event.runId));
      return summarize(deps, { runId: event.runId, scopes }, log);
    }
    default:
      throw new Error(`unknown run step ${(event as { step: string }).step}`);
  }
}

async function summarize(deps: RunStepDeps, event: { runId: string; scopes: ScopeSummary[] }, log: Logger) {
  const out = await summarizeRun(deps, event, log);
  // The last task: the next execution may start. A redriven summary finds the lease already given back.
  await releaseLease(deps.markers, event.runId);
  return out;
}

async function summarizeRun(deps: RunStepDeps, event: { runId: string; scopes: ScopeSummary[] }, log: Logger) {
  const failed = event.scopes.filter((s) => s.error !== undefined);
  const regressions = event.scopes.reduce((n, s) => n + s.regressions, 0);
  log.info('nightly run finished', { scopes: event.scopes.length, failed: failed.length, regressions });
  for (const s of failed) log.error('scope not assessed', { target: s.scope, reason: s.error });
  const doc = emfDocument(
    deps.metrics.namespace,
    [['Stage']],
    { Stage: deps.metrics.stage },
    [
      { name: 'RunScopes', unit: 'Count', value: event.scopes.length },
      { name: 'FailedScopes', unit: 'Count', value: failed.length },
    ],
    (deps.now ?? Date.now)(),
  );
  // Once per run: a summary whose answer Lambda lost runs again, and the run counts once.
  await once(
    deps.markers,
    `runs/${runTag(event.runId)}/metrics`,
    async () => (deps.writeMetric ?? ((l: string) => process.stdout.write(`${l}\n`)))(JSON.stringify(doc)),
    deps.now ? { now: deps.now } : {},
  );
  if (failed.length > 0 && deps.notify) {
    const names = failed.map((s) => s.scope);
    const shown = names.slice(0, 10).join(', ') + (names.length > 10 ? ` and ${names.length - 10} more` : '');
    await deps.notify(
      `:warning: Nightly scan: ${failed.length} of ${event.scopes.length} scope(s) could not be assessed: ${shown}. Their findings are carried forward, not resolved.`,
      `runs/${runTag(event.runId)}/failed-scopes`,
    );
  }
  return { scopes: event.scopes.length, failed: failed.length, regressions };
}

/** The state machine's entry: one task per invocation; errors are logged and rethrown for the Retry and Catch. */
export function createRunStepHandler(
  load: (log: Logger, context?: LambdaContextLike) => Promise<RunStepDeps>,
  baseLogger: Logger = createLogger(),
) {
  let coldStart = true;
  return async (event: RunStepEvent, context?: LambdaContextLike): Promise<unknown> => {
    const log = baseLogger.child({ ...lambdaFields(context, coldStart), step: event.step });
    coldStart = false;
    try {
      return await runStep(await load(log, context), event, log);
    } catch (err) {
      log.error('run step failed', { error: err });
      // A scan's error lands in the state (the Catch's cause): bounded.
      throw event.step === 'scan' ? stateError(err) : err;
    }
  };
}

let containerAws: RuntimeOptions['aws'];

/** One listing of an SSM group by its tags, within the invocation's time. */
function groupLookup(ssm: SSMClient, log: Logger, context?: LambdaContextLike): GroupMembers {
  return (group) => {
    // Loaded on use: the SSM SDK is not needed by a run without SSM groups (cold start, src/aws/sdk.ts).
    const { listGroupMembers } =
      require('../collectors/host/ssm/members') as typeof import('../collectors/host/ssm/members');
    if (!group.ssm?.tags) return Promise.reject(new Error(`host group ${group.name} is not selected by tag`));
    return listGroupMembers(ssm, group.ssm.tags, {
      ...(context?.getRemainingTimeInMillis ? { remainingMs: () => context.getRemainingTimeInMillis!() } : {}),
      warn: (m) => log.warn(m, { target: group.name }),
    });
  };
}

/** The real dependencies of one task, from the environment. */
export async function runStepDepsFromEnv(
  log: Logger,
  context?: LambdaContextLike,
  env: NodeJS.ProcessEnv = process.env,
): Promise<RunStepDeps> {
  const rt = buildRuntime(env, 'nightly-run', { logger: log, aws: containerAws });
  containerAws = rt.aws;
  const metrics = metricsOptionsFromEnv(env);
  const slack = rt.config.slack;
  return {
    config: rt.config,
    checks: rt.checks,
    collectors: (c, selection) =>
      collectorsFor(c, selection, { ...rt.collectorDeps, remainingMs: context?.getRemainingTimeInMillis }),
    stores: rt.stores,
    runObjects: new RunObjects(rt.markers),
    markers: rt.markers,
    publish: channelPublisher(rt),
    logger: log,
    hooks: scanHooks(log, createMetrics(metrics)),
    ...(context?.getRemainingTimeInMillis ? { remainingMs: () => context.getRemainingTimeInMillis!() } : {}),
    ...(rt.collectorDeps.ssm ? { groupMembers: groupLookup(rt.collectorDeps.ssm, log, context) } : {}),
    metrics,
    notify: slack?.channel
      ? async (text, key) => {
          // Loaded only when a scope failed: the Web API client is not needed on a clean night.
          const { createWebClient } = require('../slack/delivery') as typeof import('../slack/delivery');
          const token = await rt.secrets.get(slack.botTokenParameter);
          const web = createWebClient(token, {
            logger: log,
            ...(rt.slackApiUrl ? { slackApiUrl: rt.slackApiUrl } : {}),
          });
          await once(rt.markers, key, async () => {
            await web.chat.postMessage({ channel: slack.channel!, text });
          });
        }
      : null,
  };
}
