/**
 * Sending built messages: the Web API client with a bounded retry budget, the threaded post of a report (each part
 * marked once posted, so a retried delivery continues where it stopped instead of posting twice), and answers
 * through `response_url` (at most 5 uses within 30 minutes, as Slack allows).
 */
import { LogLevel, type Logger as SlackLogger, WebClient } from '@slack/web-api';
import type { Logger } from '../aws/logger';
import type { SlackMessage } from '../report/slack-blocks';
import type { MarkerStore } from './markers';

/** At most 4 retries over about 45 s, each honouring a 429's Retry-After: bounded, well within a Lambda's time. */
export const RETRY_CONFIG = { retries: 4, factor: 2, minTimeout: 1_000, maxTimeout: 15_000, randomize: true };

export function createWebClient(
  token: string,
  opts: { slackApiUrl?: string; logger?: Logger; timeoutMs?: number } = {},
) {
  return new WebClient(token, {
    ...(opts.slackApiUrl ? { slackApiUrl: opts.slackApiUrl } : {}),
    retryConfig: RETRY_CONFIG,
    rejectRateLimitedCalls: false,
    timeout: opts.timeoutMs ?? 10_000,
    logLevel: LogLevel.WARN,
    ...(opts.logger ? { logger: slackLogger(opts.logger) } : {}),
  });
}

function slackLogger(log: Logger): SlackLogger {
  let level = LogLevel.WARN;
  const fmt = (m: unknown[]) => m.map((x) => (typeof x === 'string' ? x : JSON.stringify(x))).join(' ');
  return {
    debug: () => {},
    info: () => {},
    warn: (...m: unknown[]) => log.warn(fmt(m), { source: 'slack-web-api' }),
    error: (...m: unknown[]) => log.error(fmt(m), { source: 'slack-web-api' }),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}

export class DeliveryError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'DeliveryError';
  }
}

export interface PostedReport {
  channel: string;
  /** ts of the first message (the thread). */
  ts: string | null;
  posted: number;
  skipped: number;
}

/**
 * Posts a report: the first message in the channel, the others as replies in its thread. With `markers` and a `key`
 * (the scan ID), each posted part is recorded, and parts already recorded are skipped: a retry continues, never
 * repeats.
 */
export async function postReport(
  web: WebClient,
  channel: string,
  messages: readonly SlackMessage[],
  idem?: { markers: MarkerStore; key: string },
): Promise<PostedReport> {
  let threadTs: string | null = null;
  let posted = 0;
  let skipped = 0;
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    const partKey = idem ? `${idem.key}/part-${String(i).padStart(4, '0')}` : null;
    if (idem && partKey) {
      const prior = await idem.markers.get(partKey);
      if (prior !== null) {
        skipped++;
        if (i === 0) threadTs = (JSON.parse(prior) as { ts: string }).ts;
        continue;
      }
    }
    let ts: string | undefined;
    try {
      const out = await web.chat.postMessage({
        channel,
        text: m.text,
        // Our block types are a structural subset of Slack's.
        blocks: m.blocks as never,
        unfurl_links: false,
        unfurl_media: false,
        ...(i > 0 && threadTs ? { thread_ts: threadTs } : {}),
      });
      ts = out.ts;
    } catch (err) {
      throw new DeliveryError(`posting part ${i + 1} of ${messages.length} to ${channel} failed: ${errorText(err)}`, {
        cause: err,
      });
    }
    if (!ts) throw new DeliveryError(`posting part ${i + 1} of ${messages.length} to ${channel}: no ts returned`);
    if (i === 0) threadTs = ts;
    posted++;
    if (idem && partKey) await idem.markers.create(partKey, JSON.stringify({ ts }));
  }
  return { channel, ts: threadTs, posted, skipped };
}

export function errorText(err: unknown): string {
  if (err && typeof err === 'object' && 'data' in err) {
    const data = (err as { data?: { error?: string } }).data;
    if (data?.error) return data.error;
  }
  return err instanceof Error ? err.message : String(err);
}

export interface ResponseBody {
  text: string;
  blocks?: unknown[];
  response_type?: 'ephemeral' | 'in_channel';
  replace_original?: boolean;
  delete_original?: boolean;
}

/** Where response URLs may point: Slack's hooks host in production; the tests' local server by configuration. */
export const DEFAULT_RESPONSE_URL_PREFIXES = ['https://hooks.slack.com/'];

/**
 * Answers through one response_url: at most 5 uses within 30 minutes of the command (Slack's limit), each retried
 * on 429/5xx with a bounded budget. `remaining()` tells the caller when to fall back to chat.postMessage.
 */
export class ResponseUrl {
  private used = 0;
  constructor(
    readonly url: string,
    private readonly issuedAt: number,
    private readonly opts: {
      allowedPrefixes?: readonly string[];
      now?: () => number;
      fetch?: typeof fetch;
      retries?: number;
      /** Already used (the Slack handler's answers). */
      used?: number;
    } = {},
  ) {
    const prefixes = opts.allowedPrefixes ?? DEFAULT_RESPONSE_URL_PREFIXES;
    if (!prefixes.some((p) => url.startsWith(p))) {
      throw new DeliveryError(`response_url ${url.slice(0, 60)} is not a Slack URL`);
    }
    this.used = opts.used ?? 0;
  }

  static readonly MAX_USES = 5;
  static readonly WINDOW_MS = 30 * 60_000;

  remaining(): number {
    const now = (this.opts.now ?? Date.now)();
    if (now - this.issuedAt >= ResponseUrl.WINDOW_MS) return 0;
    return Math.max(0, ResponseUrl.MAX_USES - this.used);
  }

  async send(body: ResponseBody): Promise<void> {
    if (this.remaining() <= 0) throw new DeliveryError('response_url is used up or expired');
    const f = this.opts.fetch ?? fetch;
    const retries = this.opts.retries ?? 3;
    let lastError = '';
    for (let attempt = 0; attempt <= retries; attempt++) {
      this.used++;
      let res: Response;
      try {
        res = await f(this.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(body),
          signal: AbortSignal.timeout(10_000),
        });
      } catch (err) {
        lastError = errorText(err);
        this.used--; // nothing reached Slack
        await sleep(backoff(attempt));
        continue;
      }
      if (res.ok) return;
      lastError = `HTTP ${res.status}`;
      if (res.status !== 429 && res.status < 500) break;
      if (this.remaining() <= 0) break;
      const retryAfter = Number(res.headers.get('retry-after'));
      await sleep(Number.isFinite(retryAfter) && retryAfter > 0 ? Math.min(retryAfter, 30) * 1000 : backoff(attempt));
    }
    throw new DeliveryError(`answering through response_url failed: ${lastError}`);
  }
}

const backoff = (attempt: number) => Math.min(500 * 2 ** attempt, 8_000);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
