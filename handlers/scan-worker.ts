/**
 * The worker Lambda, invoked asynchronously (InvocationType 'Event') by the Slack handler: runs the job (scan,
 * status, diff, who-can, waive) and answers through the request's response_url or in the channel. Errors are
 * rethrown so Lambda retries the event and then sends it to the on-failure destination; a job already done is
 * skipped (Lambda may deliver an event twice).
 */
import type { SSMClient } from '@aws-sdk/client-ssm';
import { checks, findCheck } from '../checks';
import { collectorDepsFrom, createAwsClients } from '../src/aws/clients';
import type { KRbac } from '../src/core/facts/k8s';
import type { Diff, Fact, Snapshot } from '../src/core/model';
import { redactSecrets } from '../src/core/redact';
import { runScan } from '../src/scan/run-scan';
import { scopedSelections } from '../src/scan/scopes';
import { type CollectorDeps, collectorsFor } from '../src/scan/targets';
import { createWebClient } from '../src/slack/delivery';
import type { ScanSelection } from '../src/slack/grammar';
import { buildRuntime, checkOptions, configuredChecks, type Runtime, slackSection } from '../src/slack/runtime';
import { runWorkerJob, type WorkerDeps, type WorkerOutcome } from '../src/slack/worker';
import { rbacFactsOf } from '../src/store/rbac-facts';

export interface WorkerOverrides {
  ssm?: SSMClient;
  scan?: WorkerDeps['scan'];
  collectRbac?: WorkerDeps['collectRbac'];
  now?: () => number;
  /** AWS clients for the collectors (SSM, S3, EKS, secrets); default: created from the environment. */
  collectorDeps?: CollectorDeps;
}

/** The scan of a selection through the one pipeline, runScan(), saved in the configured store. */
export function scanWith(rt: Runtime, collectorDeps: CollectorDeps): WorkerDeps['scan'] {
  return async (selection: ScanSelection): Promise<{ snapshot: Snapshot; diff: Diff }[]> => {
    // One runScan per target scope (src/scan/scopes.ts): the same snapshot series as the nightly scan and the CLI.
    const out: { snapshot: Snapshot; diff: Diff }[] = [];
    const waivers = await rt.stores.waivers.list();
    for (const { scope, selection: one } of scopedSelections(rt.config, selection)) {
      const collectors = collectorsFor(rt.config, one, collectorDeps);
      if (collectors.length === 0) continue;
      const res = await runScan({
        scope,
        trigger: 'slack',
        collectors,
        checks: configuredChecks(checks, rt.config),
        store: rt.stores.snapshots,
        waivers,
        options: checkOptions(rt.config),
        reporter: { progress: () => {}, warn: (m) => rt.logger.warn(m) },
      });
      out.push({ snapshot: res.snapshot, diff: res.diff });
      await storeRbacFacts(rt, res);
    }
    return out;
  };
}

/**
 * The scan's RBAC facts beside its snapshot, for `who-can`. A failure is logged, not thrown: the snapshot is stored,
 * and `who-can` falls back to a fresh collection when no recent facts are there.
 */
export async function storeRbacFacts(
  rt: Pick<Runtime, 'stores' | 'logger'>,
  scan: { snapshot: Snapshot; facts: Parameters<typeof rbacFactsOf>[1] },
): Promise<void> {
  for (const facts of rbacFactsOf(scan.snapshot, scan.facts)) {
    try {
      await rt.stores.rbac.save(facts);
    } catch (err) {
      rt.logger.warn('RBAC facts not stored', { scope: facts.scope, target: facts.target, error: err });
    }
  }
}

/** RBAC facts of the configured clusters, freshly collected (who-can answers from the live RBAC, not a snapshot). */
export function rbacWith(rt: Runtime, collectorDeps: CollectorDeps): NonNullable<WorkerDeps['collectRbac']> {
  return async (cluster?: string) => {
    const selection: ScanSelection = cluster ? { kind: 'cluster', name: cluster } : { kind: 'clusters' };
    const out: { cluster: string; rbac: Fact<KRbac> }[] = [];
    for (const c of collectorsFor(rt.config, selection, collectorDeps)) {
      if (!('target' in c) || c.target.kind !== 'cluster') continue;
      try {
        const tf = await c.collect({ reporter: { progress: () => {}, warn: (m) => rt.logger.warn(m) } });
        out.push({
          cluster: c.target.name,
          rbac: tf.facts['k8s.rbac'] ?? { ok: false, reason: 'RBAC was not collected' },
        });
      } catch (err) {
        out.push({
          cluster: c.target.name,
          rbac: { ok: false, reason: redactSecrets(err instanceof Error ? err.message : String(err)) },
        });
      }
    }
    return out;
  };
}

export async function buildWorker(env: NodeJS.ProcessEnv, overrides: WorkerOverrides = {}) {
  const rt = buildRuntime(env, 'scan-worker', { ssm: overrides.ssm });
  const slack = slackSection(rt.config);
  const token = await rt.secrets.get(slack.botTokenParameter);
  // Built lazily: a test or a job that needs no collector never creates AWS clients.
  let collectorDeps = overrides.collectorDeps;
  const lazyDeps = (): CollectorDeps => {
    collectorDeps ??= collectorDepsFrom(createAwsClients(env));
    return collectorDeps;
  };
  const deps: WorkerDeps = {
    config: rt.config,
    web: createWebClient(token, { slackApiUrl: rt.slackApiUrl, logger: rt.logger }),
    markers: rt.markers,
    snapshots: rt.stores.snapshots,
    waivers: rt.stores.waivers,
    scan: overrides.scan ?? ((selection) => scanWith(rt, lazyDeps())(selection)),
    collectRbac: overrides.collectRbac ?? ((cluster) => rbacWith(rt, lazyDeps())(cluster)),
    rbacFacts: rt.stores.rbac,
    findCheck: (id) => findCheck(id),
    logger: rt.logger,
    now: overrides.now ?? Date.now,
    ...(rt.responseUrlPrefixes ? { responseUrlPrefixes: rt.responseUrlPrefixes } : {}),
  };
  return (event: unknown): Promise<WorkerOutcome> => runWorkerJob(event, deps);
}

let ready: Promise<(event: unknown) => Promise<WorkerOutcome>> | null = null;

export async function handler(event: unknown): Promise<WorkerOutcome> {
  ready ??= buildWorker(process.env);
  try {
    return await (await ready)(event);
  } catch (err) {
    ready = null;
    throw err;
  }
}
