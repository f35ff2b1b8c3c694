/**
 * The wiring of a deployed function, built once per container by each handler: the configuration (./config.ts), the
 * configured checks, the stores and delivery markers, secrets (SSM SecureStrings and Secrets Manager, cached), and the
 * AWS clients and collector dependencies. Every SDK client is created on its first use (src/aws/sdk.ts), so building
 * a runtime loads no SDK module: the Slack function acknowledges before anything it does not need is loaded.
 *
 * Environment (set by serverless.yml):
 * - COMPLIANCE_BOT_CONFIG: the configuration (YAML or JSON text), or COMPLIANCE_BOT_CONFIG_FILE: its path;
 * - SCAN_WORKER_FUNCTION: the worker's function name (Slack handler);
 * - SLACK_BOT_ID, SLACK_BOT_USER_ID: the bot's IDs (so Bolt never calls auth.test);
 * - SLACK_API_URL (optional): another Slack API base (tests: the local server);
 * - SLACK_RESPONSE_URL_PREFIXES (optional, comma-separated): where response_url may point (default hooks.slack.com).
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { SSMClient } from '@aws-sdk/client-ssm';
import { type AwsClients, collectorDepsFrom, createAwsClients } from '../aws/clients';
import { createLogger, type Logger } from '../aws/logger';
import { ParameterCache } from '../aws/parameters';
import type { CollectorDeps } from '../collectors/deps';
import type { Config } from '../config/schema';
import type { AnyCheck } from '../core/model';
import { type Publisher, slackPublisher } from '../slack/publish';
import type { MarkerStore } from '../store/markers';
import { markerStoreFor } from '../store/markers';
import { openStores, type Stores } from '../store/open';
import { allChecks, configuredChecks, remediationOf } from './checks';
import { loadConfig } from './config';
import { summaryPostureFor } from './posture';

export interface Runtime {
  config: Config;
  /** The checks the configuration selects. */
  checks: AnyCheck[];
  stores: Stores;
  markers: MarkerStore;
  secrets: ParameterCache;
  logger: Logger;
  aws: AwsClients;
  /** What collectorsFor() needs here: the AWS clients (relative paths make no sense in Lambda: no baseDir). */
  collectorDeps: CollectorDeps;
  slackApiUrl?: string;
  responseUrlPrefixes?: string[];
}

/** Stand-ins for tests and local runs; anything not given is built from the environment. */
export interface RuntimeOptions {
  ssm?: SSMClient;
  s3?: S3Client;
  aws?: AwsClients;
  collectorDeps?: CollectorDeps;
  logger?: Logger;
  clock?: () => Date;
}

export function buildRuntime(env: NodeJS.ProcessEnv, name: string, opts: RuntimeOptions = {}): Runtime {
  const logger = opts.logger ?? createLogger({ fn: name });
  const config = loadConfig(env);
  const aws = opts.aws ?? createAwsClients(env);
  const s3 = config.store.type === 's3' ? (opts.s3 ?? aws.s3) : undefined;
  const stores = openStores(config.store, {
    maxWaiverDays: config.waivers.maxDays,
    ...(opts.clock ? { clock: opts.clock } : {}),
    ...(s3 ? { s3 } : {}),
    onProblem: (p) => logger.warn('unreadable stored object skipped', { key: p.key, problem: p.problem }),
    posture: summaryPostureFor(config),
  });
  return {
    config,
    checks: configuredChecks(allChecks, config),
    stores,
    markers: markerStoreFor(config, s3),
    secrets: opts.ssm ? new ParameterCache(opts.ssm) : aws.parameters,
    logger,
    aws,
    collectorDeps: opts.collectorDeps ?? collectorDepsFrom(aws),
    ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {}),
    ...(env.SLACK_RESPONSE_URL_PREFIXES
      ? {
          responseUrlPrefixes: env.SLACK_RESPONSE_URL_PREFIXES.split(',')
            .map((s) => s.trim())
            .filter(Boolean),
        }
      : {}),
  };
}

/**
 * A handler's wiring, built on the first invocation and reused by warm ones; a failed build (SSM throttled, a
 * configuration being fixed) is built again on the next invocation.
 */
export function perContainer<T>(build: () => Promise<T>): { get(): Promise<T>; reset(): void } {
  let ready: Promise<T> | null = null;
  return {
    async get() {
      ready ??= build();
      try {
        return await ready;
      } catch (err) {
        ready = null;
        throw err;
      }
    },
    reset() {
      ready = null;
    },
  };
}

/**
 * The alert channel's delivery of a scan's regressions, for every entry point that stores into the shared snapshot
 * series: a scan stored without posting would become the baseline of the next nightly scan, and the regression it
 * found would never reach the channel. null when no channel is configured.
 */
export function channelPublisher(rt: Runtime): Publisher | null {
  return slackPublisher(rt.config, {
    markers: rt.markers,
    token: () => rt.secrets.get(rt.config.slack?.botTokenParameter ?? '/compliance-bot/slack/bot-token'),
    ...(rt.slackApiUrl ? { slackApiUrl: rt.slackApiUrl } : {}),
    remediationOf,
  });
}
