/**
 * The worker Lambda's wiring, invoked asynchronously (InvocationType 'Event') by the Slack handler: runs the job
 * (src/slack/worker.ts: scan, status, diff, who-can, waive) and answers through the request's response_url or in the
 * channel. A scan goes through the one scan loop (./scan-scopes.ts); its answer is kept beside the job's markers, so a
 * retried job re-sends it instead of scanning again.
 */
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { CollectorDeps } from '../collectors/deps';
import { errorMessage } from '../core/errors';
import type { KRbac } from '../core/facts/k8s';
import type { Fact } from '../core/model';
import { redactSecrets } from '../core/redact';
import { collectorsFor } from '../scan/targets';
import { createWebClient } from '../slack/delivery';
import type { ScanSelection } from '../slack/grammar';
import type { Publisher } from '../slack/publish';
import { runWorkerJob, type ScopeScan, type WorkerDeps, type WorkerOutcome } from '../slack/worker';
import { findCheck } from './checks';
import { checkOptions, slackSection } from './config';
import { summaryPostureFor } from './posture';
import { buildRuntime, channelPublisher, type Runtime } from './runtime';
import { planScopes, scanScopes } from './scan-scopes';

export type { WorkerOutcome };

export interface WorkerOverrides {
  ssm?: SSMClient;
  scan?: WorkerDeps['scan'];
  collectRbac?: WorkerDeps['collectRbac'];
  now?: () => number;
  /** AWS clients for the collectors (SSM, S3, EKS, secrets); default: created from the environment. */
  collectorDeps?: CollectorDeps;
}

/**
 * The scan of a selection: its scopes through the one scan loop, each posted to the alert channel (its regressions,
 * once per report) and then stored in the configured store, as the nightly scan does: the stored snapshot is the next
 * nightly scan's baseline, so a regression seen first on demand must reach the channel too.
 */
export function scanWith(rt: Runtime, post: Publisher | null = channelPublisher(rt)): WorkerDeps['scan'] {
  return async (selection: ScanSelection): Promise<ScopeScan[]> => {
    const outcomes = await scanScopes({
      scopes: planScopes(rt.config, selection, (c, one) => collectorsFor(c, one, rt.collectorDeps)),
      trigger: 'slack',
      checks: rt.checks,
      options: checkOptions(rt.config),
      waivers: await rt.stores.waivers.list(),
      stores: rt.stores,
      post: post ? (scan, scope) => post(scan, { config: rt.config, scope, log: rt.logger }) : null,
      hooks: {
        reporter: (scope) => ({ progress: () => {}, warn: (m) => rt.logger.warn(m, { scope }) }),
        failed: (scope, error, scanId) => rt.logger.error('scope failed', { scope, scanId, error }),
      },
    });
    return outcomes.map((o) =>
      o.scan && o.error === undefined
        ? { snapshot: o.scan.snapshot, diff: o.scan.diff }
        : { scope: o.scope, error: o.error ?? 'not scanned' },
    );
  };
}

/** RBAC facts of the configured clusters, freshly collected (who-can answers from the live RBAC, not a snapshot). */
export function rbacWith(rt: Runtime): NonNullable<WorkerDeps['collectRbac']> {
  return async (cluster?: string) => {
    const selection: ScanSelection = cluster ? { kind: 'cluster', name: cluster } : { kind: 'clusters' };
    const out: { cluster: string; rbac: Fact<KRbac> }[] = [];
    for (const c of collectorsFor(rt.config, selection, rt.collectorDeps)) {
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
          rbac: { ok: false, reason: redactSecrets(errorMessage(err)) },
        });
      }
    }
    return out;
  };
}

export async function buildWorker(
  env: NodeJS.ProcessEnv,
  overrides: WorkerOverrides = {},
): Promise<(event: unknown) => Promise<WorkerOutcome>> {
  const rt = buildRuntime(env, 'scan-worker', { ssm: overrides.ssm, collectorDeps: overrides.collectorDeps });
  const slack = slackSection(rt.config);
  const token = await rt.secrets.get(slack.botTokenParameter);
  const deps: WorkerDeps = {
    config: rt.config,
    web: createWebClient(token, { slackApiUrl: rt.slackApiUrl, logger: rt.logger }),
    markers: rt.markers,
    snapshots: rt.stores.snapshots,
    waivers: rt.stores.waivers,
    scan: overrides.scan ?? scanWith(rt),
    collectRbac: overrides.collectRbac ?? rbacWith(rt),
    rbacFacts: rt.stores.rbac,
    findCheck: (id) => findCheck(id),
    posture: summaryPostureFor(rt.config),
    logger: rt.logger,
    now: overrides.now ?? Date.now,
    ...(rt.responseUrlPrefixes ? { responseUrlPrefixes: rt.responseUrlPrefixes } : {}),
  };
  return (event: unknown): Promise<WorkerOutcome> => runWorkerJob(event, deps);
}
