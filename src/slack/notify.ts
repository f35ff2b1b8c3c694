/**
 * Posting a scan's report to the channel, exactly once per scan: what the nightly handler, the worker and
 * `compliance-bot notify` call after `runScan()`.
 *
 * Dedup design: the report R to channel C is delivered under the marker key `posts/C-R`, R naming the report's
 * content (scope, baseline, regressions, resolutions: reportId) rather than the scan, so the scan that Lambda's retry
 * of a failed nightly invocation runs (a new scan ID, the same baseline and findings) continues the same delivery
 * instead of posting the same regressions again. `once()` skips it
 * when `posts/C-S/done` exists (a second asynchronous delivery, a re-run of notify) or when another delivery holds a
 * fresh claim (`posts/C-S/claim`, concurrent double delivery); each posted part is recorded (`posts/C-S/part-NNNN`
 * with its ts) so a delivery that failed half-way is retried from the first unposted part, in the same thread.
 * A failed post releases the claim and rethrows: Lambda retries the event, then sends it to the on-failure
 * destination. A post is never silently dropped. A part whose earlier attempt may have landed (a timeout, a 5xx, an
 * invocation that died before recording it: `posts/C-R/try-NNNN` without `part-NNNN`) is looked for in Slack by its
 * message metadata before it is posted again (postReport, src/slack/delivery.ts).
 */
import { createHash } from 'node:crypto';
import type { WebClient } from '@slack/web-api';
import type { Logger } from '../aws/logger';
import type { SlackConfig } from '../config/schema';
import type { Diff, Snapshot } from '../core/model';
import { renderScanReport, type SlackMessage } from '../report/slack-blocks';
import { type MarkerStore, once } from '../store/markers';
import { postReport } from './delivery';

export interface NotifyDeps {
  web: WebClient;
  markers: MarkerStore;
  slack: SlackConfig;
  remediationOf: (checkId: string) => string | undefined;
  /** Where delivery warnings go (defaults to the logger the Web API client was created with). */
  logger?: Logger;
}

export type NotifyOutcome =
  | {
      status: 'posted';
      channel: string;
      ts: string | null;
      messages: number;
      /** Parts found in Slack after an uncertain attempt (a timeout whose post landed): recorded, not posted again. */
      recovered?: number;
      /** Parts that could not be checked before being posted again (e.g. missing channels:history). */
      warnings?: string[];
    }
  | { status: 'nothing-to-post' }
  | { status: 'duplicate'; why: 'done' | 'in-progress' }
  | { status: 'no-channel' };

export function reportMessages(
  snapshot: Snapshot,
  diff: Diff,
  slack: Pick<SlackConfig, 'allClear' | 'minSeverity'> | undefined,
  remediationOf: (id: string) => string | undefined,
  forceAnswer = false,
): SlackMessage[] {
  return renderScanReport(snapshot, diff, {
    allClear: forceAnswer || (slack?.allClear ?? false),
    minSeverity: slack?.minSeverity ?? 'low',
    remediationOf,
  }).messages;
}

/**
 * What a report says, whichever scan found it: scope, baseline, regressions and resolutions. Two scans against the
 * same baseline that find the same changes give the same ID (a retried invocation re-scans with a new scan ID).
 */
export function reportId(snapshot: Snapshot, diff: Diff): string {
  const content = JSON.stringify([
    snapshot.scope,
    diff.baseline,
    diff.previousScanId,
    diff.regressions.map((r) => `${r.result.fingerprint}:${r.reason}:${r.result.severity}`).sort(),
    diff.resolved.map((r) => `${r.previous.fingerprint}:${r.reason}`).sort(),
  ]);
  return `r-${createHash('sha256').update(content).digest('hex').slice(0, 32)}`;
}

/** One post per report (see reportId) and channel. */
export function postKey(scanId: string, channel: string): string {
  return `posts/${`${channel}-${scanId}`.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}

/** Posts the regressions of one scan to the configured channel, once. */
export async function notifyScan(deps: NotifyDeps, snapshot: Snapshot, diff: Diff): Promise<NotifyOutcome> {
  const channel = deps.slack.channel;
  if (!channel) return { status: 'no-channel' };
  const messages = reportMessages(snapshot, diff, deps.slack, deps.remediationOf);
  if (messages.length === 0) return { status: 'nothing-to-post' };
  const key = postKey(reportId(snapshot, diff), channel);
  const out = await once(deps.markers, key, () =>
    postReport(deps.web, channel, messages, { markers: deps.markers, key }, deps.logger ? { logger: deps.logger } : {}),
  );
  if (!out.ran) return { status: 'duplicate', why: out.why };
  return {
    status: 'posted',
    channel,
    ts: out.value.ts,
    messages: messages.length,
    ...(out.value.recovered ? { recovered: out.value.recovered } : {}),
    ...(out.value.warnings.length ? { warnings: out.value.warnings } : {}),
  };
}
