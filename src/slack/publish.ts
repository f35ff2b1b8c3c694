/**
 * The Slack delivery of a scheduled scan: notifyScan (src/slack/notify.ts: render, post once per report with delivery
 * markers, resume a half-posted report in its thread). The bot token is read from its SecureString only when there is
 * something to post.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { Logger } from '../aws/logger';
import type { Config } from '../config/schema';
import type { ScanResponse } from '../scan/run-scan';
import type { MarkerStore } from '../store/markers';
import { markerStoreFor } from '../store/markers';
import { createWebClient } from './delivery';
import { notifyScan } from './notify';

export interface PublisherDeps {
  /** The delivery markers; default: those of the configured store. */
  markers?: MarkerStore;
  s3?: S3Client;
  /** The bot token, read at run time from its SecureString. */
  token: () => Promise<string>;
  /** A local Slack API stand-in (development, tests); default Slack. */
  slackApiUrl?: string;
  remediationOf: (checkId: string) => string | undefined;
}

/** Posts one scope's scan (regressions, unassessed targets) to Slack; throws when the delivery failed. */
export type Publisher = (scan: ScanResponse, ctx: { config: Config; scope: string; log: Logger }) => Promise<void>;

/** null when no Slack channel is configured: the scans still run, are stored and are measured. */
export function slackPublisher(config: Config, deps: PublisherDeps): Publisher | null {
  const slack = config.slack;
  if (!slack?.channel) return null;
  const markers = deps.markers ?? markerStoreFor(config, deps.s3);
  return async (scan, { log }) => {
    const web = createWebClient(await deps.token(), { slackApiUrl: deps.slackApiUrl, logger: log });
    const out = await notifyScan({ web, markers, slack, remediationOf: deps.remediationOf }, scan.snapshot, scan.diff);
    log.info('slack delivery', { ...out });
  };
}
