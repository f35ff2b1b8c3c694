/** Shared by `compliance-bot notify` and `compliance-bot digest`: flags, configuration, stores, Slack client. */
import { existsSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { loadConfigFile } from '../../config/load';
import type { Config, StoreConfig } from '../../config/schema';
import { redactSecrets } from '../../core/redact';
import { createWebClient } from '../../slack/delivery';
import type { MarkerStore } from '../../slack/markers';
import { markerStoreFor } from '../../slack/runtime';
import { openStores, parseStoreSpec, type Stores } from '../../store/open';

export interface SlackCliIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  /** Default: process.env (SLACK_BOT_TOKEN, SLACK_API_URL, AWS_ENDPOINT_URL_S3). */
  env?: NodeJS.ProcessEnv;
}

export class CliUsage extends Error {}

export const SLACK_ID = /^[A-Z0-9]{2,20}$/;

export function loadConfig(io: SlackCliIo, path: string | undefined): { config: Config; baseDir: string } {
  const file = resolve(io.cwd, path ?? 'compliance-bot.config.yaml');
  if (path === undefined && !existsSync(file)) return { config: loadConfigFile(undefined), baseDir: io.cwd };
  return { config: loadConfigFile(file), baseDir: dirname(file) };
}

export function storesFor(
  io: SlackCliIo,
  spec: string | undefined,
  config: Config,
  baseDir: string,
): { stores: Stores; markers: MarkerStore; storeConfig: StoreConfig } {
  let storeConfig: StoreConfig = spec !== undefined ? parseStoreSpec(spec) : config.store;
  if (storeConfig.type === 'local') {
    storeConfig = { ...storeConfig, dir: resolve(spec !== undefined ? io.cwd : baseDir, storeConfig.dir) };
  }
  const stores = openStores(storeConfig, {
    maxWaiverDays: config.waivers.maxDays,
    onProblem: (p) => io.stderr(`compliance-bot: skipped ${p.key}: ${p.problem}\n`),
  });
  return { stores, markers: markerStoreFor({ ...config, store: storeConfig }), storeConfig };
}

export function slackClient(io: SlackCliIo) {
  const env = io.env ?? process.env;
  const token = env.SLACK_BOT_TOKEN;
  if (!token) throw new CliUsage('SLACK_BOT_TOKEN is not set (or use --dry-run to print the messages)');
  return createWebClient(token, { ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {}) });
}

/** Runs a command body, mapping errors to exit codes: 2 usage/configuration/store, 3 delivery or unexpected. */
export async function guard(name: string, io: SlackCliIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    const e = err as Error & { code?: string };
    const usage =
      err instanceof CliUsage ||
      e?.name === 'ConfigError' ||
      e?.name === 'StoreError' ||
      String(e?.code ?? '').startsWith('ERR_PARSE_ARGS');
    if (usage) {
      io.stderr(`compliance-bot ${name}: ${redactSecrets(e.message)}\n`);
      return 2;
    }
    io.stderr(`compliance-bot ${name}: ${redactSecrets(e instanceof Error ? e.message : String(err))}\n`);
    return 3;
  }
}
