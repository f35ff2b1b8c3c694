/**
 * Lambda wiring shared by handlers/slack.ts, handlers/scan-worker.ts and handlers/weekly-digest.ts: configuration,
 * secrets (SSM SecureStrings, cached), stores, markers and the Slack client, built once per container.
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
import { createLogger, type Logger } from '../aws/logger';
import { ParameterCache } from '../aws/parameters';
import { lazyClient, ssmSdk } from '../aws/sdk';
import { loadConfigFile, parseConfig } from '../config/load';
import type { Config } from '../config/schema';
import type { AnyCheck, CheckOptions } from '../core/model';
import { matchChecks } from '../core/select';
import { openStores, type Stores } from '../store/open';
import { s3ClientFromEnv } from '../store/s3-client';
import { LocalMarkerStore, type MarkerStore, S3MarkerStore } from './markers';

export class SetupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'SetupError';
  }
}

export function loadRuntimeConfig(env: NodeJS.ProcessEnv): Config {
  if (env.COMPLIANCE_BOT_CONFIG) return parseConfig(env.COMPLIANCE_BOT_CONFIG, 'COMPLIANCE_BOT_CONFIG');
  return loadConfigFile(env.COMPLIANCE_BOT_CONFIG_FILE);
}

export function requireEnv(env: NodeJS.ProcessEnv, name: string, pattern: RegExp): string {
  const v = env[name];
  if (!v || !pattern.test(v)) throw new SetupError(`environment variable ${name} is missing or malformed`);
  return v;
}

export function markerStoreFor(config: Config, s3?: S3Client): MarkerStore {
  if (config.store.type === 'local') return new LocalMarkerStore(config.store.dir);
  return new S3MarkerStore(s3 ?? s3ClientFromEnv(), config.store.bucket, `${config.store.prefix}markers/`);
}

export interface Runtime {
  config: Config;
  stores: Stores;
  markers: MarkerStore;
  secrets: ParameterCache;
  logger: Logger;
  slackApiUrl?: string;
  responseUrlPrefixes?: string[];
}

export function buildRuntime(
  env: NodeJS.ProcessEnv,
  name: string,
  clients: { ssm?: SSMClient; s3?: S3Client; clock?: () => Date } = {},
): Runtime {
  const logger = createLogger({ fn: name });
  const config = loadRuntimeConfig(env);
  const s3 = config.store.type === 's3' ? (clients.s3 ?? s3ClientFromEnv()) : undefined;
  const stores = openStores(config.store, {
    maxWaiverDays: config.waivers.maxDays,
    ...(clients.clock ? { clock: clients.clock } : {}),
    ...(s3 ? { s3 } : {}),
    onProblem: (p) => logger.warn('unreadable stored object skipped', { key: p.key, problem: p.problem }),
  });
  return {
    config,
    stores,
    markers: markerStoreFor(config, s3),
    secrets: new ParameterCache(clients.ssm ?? lazyClient<SSMClient>(() => new (ssmSdk().SSMClient)({}))),
    logger,
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

export function slackSection(config: Config): NonNullable<Config['slack']> {
  if (!config.slack) throw new SetupError('the configuration has no `slack` section');
  return config.slack;
}

export function checkOptions(config: Config): CheckOptions {
  return {
    excludedNamespaces: config.checks.excludedNamespaces,
    excludeSystemRbac: config.checks.excludeSystemRbac,
    certExpiryDays: config.checks.certExpiryDays,
  };
}

/** The configuration's `checks.include`/`exclude` globs over IDs and aliases. */
export function configuredChecks(all: readonly AnyCheck[], config: Config): AnyCheck[] {
  return matchChecks(all, config.checks.include, config.checks.exclude);
}
