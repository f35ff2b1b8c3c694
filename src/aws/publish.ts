/**
 * The nightly scan's Slack delivery: the Slack engineer's notifyScan (src/slack/notify.ts: render, post once per scan
 * with delivery markers, resume a half-posted report in its thread). Kept behind the nightly handler's injected
 * `publish`, so the handler's tests need no Slack; the bot token is read from its SecureString only when there is
 * something to post.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Config } from '../config/schema';
import type { ScanResponse } from '../scan/run-scan';
import { createWebClient } from '../slack/delivery';
import { notifyScan } from '../slack/notify';
import { markerStoreFor } from '../slack/runtime';
import type { Logger } from './logger';

export interface PublisherDeps {
  s3?: S3Client;
  /** The bot token, read at run time from its SecureString. */
  token: () => Promise<string>;
  /** A local Slack API stand-in (development, tests); default Slack. */
  slackApiUrl?: string;
  remediationOf: (checkId: string) => string | undefined;
}

export type Publish = (scan: ScanResponse, ctx: { config: Config; scope: string; log: Logger }) => Promise<void>;

/** null when no Slack channel is configured: the scans still run, are stored and are measured. */
export function slackPublisher(config: Config, deps: PublisherDeps): Publish | null {
  const slack = config.slack;
  if (!slack?.channel) return null;
  const markers = markerStoreFor(config, deps.s3);
  return async (scan, { log }) => {
    const web = createWebClient(await deps.token(), { slackApiUrl: deps.slackApiUrl, logger: log });
    const out = await notifyScan({ web, markers, slack, remediationOf: deps.remediationOf }, scan.snapshot, scan.diff);
    log.info('slack delivery', { ...out });
  };
}
