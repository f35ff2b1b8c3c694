/**
 * Sending built messages: the Web API client with a bounded retry budget, the threaded post of a report (each part
 * marked once posted, so a retried delivery continues where it stopped instead of posting twice), and answers
 * through `response_url` (at most 5 uses within 30 minutes, as Slack allows).
 *
 * chat.postMessage has no idempotency key: a post that Slack made but answered after our timeout (or with a 5xx)
 * must not simply be sent again. So the client never retries chat.postMessage on a timeout, a network error or a
 * 5xx by itself (429 with Retry-After stays the client's: Slack posted nothing). Each part carries message metadata
 * (`compliance_bot_report`, { reportId, part }); before re-sending a part whose earlier attempt is uncertain (this
 * delivery's attempt failed uncertainly, or an earlier delivery left a `try` marker without a recorded post), the
 * channel (conversations.history) or the thread (conversations.replies) is searched since that attempt for a
 * message carrying that metadata. Found: recorded as posted, not sent again. The lookup failing (missing
 * channels:history / groups:history scope, not in the channel) falls back to posting, with a warning.
 */
import { randomUUID } from 'node:crypto';
import { LogLevel, type RetryOptions, type Logger as SlackLogger, WebClient } from '@slack/web-api';
import { type Backoff, backoffMs } from '../async/backoff';
import { sleep } from '../async/sleep';
import type { Logger } from '../aws/logger';
import { errorMessage } from '../core/errors';
import { redactSecrets } from '../core/redact';
import type { SlackMessage } from '../report/slack-blocks';
import type { MarkerStore } from '../store/markers';

/** At most 4 retries over about 45 s, each honouring a 429's Retry-After: bounded, well within a Lambda's time. */
export const RETRY_CONFIG = { retries: 4, factor: 2, minTimeout: 1_000, maxTimeout: 15_000, randomize: true };

/** Waits before an uncertain chat.postMessage is looked for and tried again: 1 s, 2 s, 4 s… at most 8 s. */
const UNCERTAIN_POST_BACKOFF: Backoff = { baseMs: 1_000, maxMs: 8_000, jitter: false };

/** Waits before a response_url answer is tried again (without a Retry-After): 0.5 s doubled, at most 8 s. */
const RESPONSE_URL_BACKOFF: Backoff = { baseMs: 500, maxMs: 8_000, jitter: false };

/** The metadata event type of every report part the bot posts. */
export const REPORT_EVENT_TYPE = 'compliance_bot_report';

/** Thrown by the client's fetch for a chat.postMessage whose outcome is unknown: Slack may have posted it. */
export class UncertainPostError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'UncertainPostError';
  }
}

/**
 * The client's retry policy with a stop for uncertain posts: @slack/web-api 8 hands `retryConfig` to p-retry as is,
 * and p-retry ends the retries when `onFailedAttempt` throws. (Guarded by delivery.test.ts: were the hook ignored,
 * the client would resend the timed-out post and "posts exactly one message…" would see two.)
 */
const POST_AWARE_RETRY: RetryOptions & { onFailedAttempt: (err: Error) => void } = {
  ...RETRY_CONFIG,
  onFailedAttempt: (err: Error) => {
    // A chat.postMessage that timed out or got a 5xx may have been posted: postReport's checked path retries it.
    if ((err as { original?: unknown }).original instanceof UncertainPostError) throw err;
  },
};

const loggers = new WeakMap<WebClient, Logger>();

export function createWebClient(
  token: string,
  opts: { slackApiUrl?: string; logger?: Logger; timeoutMs?: number } = {},
) {
  // fetch rejects such a header value with an error that quotes it, token included: refuse it here, in words.
  if ([...token.trim()].some((ch) => ch.charCodeAt(0) < 0x20 || ch.charCodeAt(0) === 0x7f)) {
    throw new DeliveryError(
      'the Slack bot token contains a line break or control character: store the token alone (check the SSM parameter)',
    );
  }
  const web = new WebClient(token.trim(), {
    ...(opts.slackApiUrl ? { slackApiUrl: opts.slackApiUrl } : {}),
    retryConfig: POST_AWARE_RETRY,
    rejectRateLimitedCalls: false,
    timeout: opts.timeoutMs ?? 10_000,
    fetch: postAwareFetch,
    logLevel: LogLevel.WARN,
    ...(opts.logger ? { logger: slackLogger(opts.logger) } : {}),
  });
  if (opts.logger) loggers.set(web, opts.logger);
  return web;
}

/** fetch for the Web API client: a chat.postMessage that fails after it may have reached Slack is marked uncertain. */
const postAwareFetch: typeof fetch = async (input, init) => {
  const url = typeof input === 'string' ? input : input instanceof URL ? input.href : input.url;
  if (!/\/chat\.postMessage(\?|$)/.test(url)) return fetch(input, init);
  let res: Response;
  try {
    res = await fetch(input, init);
  } catch (err) {
    throw new UncertainPostError(`chat.postMessage: ${errorMessage(err)}`, {
      cause: err,
    });
  }
  if (res.status >= 500) {
    await res.body?.cancel().catch(() => {});
    throw new UncertainPostError(`chat.postMessage: HTTP ${res.status}`);
  }
  return res;
};

function safeJson(x: unknown): string {
  try {
    return JSON.stringify(x) ?? String(x);
  } catch {
    return String(x);
  }
}

function slackLogger(log: Logger): SlackLogger {
  let level = LogLevel.WARN;
  const fmt = (m: unknown[]) =>
    redactSecrets(m.map((x) => (typeof x === 'string' ? x : x instanceof Error ? x.message : safeJson(x))).join(' '));
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
  /** Parts whose uncertain earlier attempt was found in Slack (recorded, not posted again). */
  recovered: number;
  /** Why a part could not be checked before it was posted again (it may appear twice). */
  warnings: string[];
}

export interface PostReportOptions {
  /** Attempts per part when an attempt's outcome is uncertain (timeout, network error, 5xx). Default 4. */
  attempts?: number;
  /** Wait before the n-th re-attempt (0-based). Default 1 s, 2 s, 4 s. */
  backoffMs?: (n: number) => number;
  /** Look this far before an attempt's start (clock skew between us and Slack). Default 300 s. */
  skewMs?: number;
  /** Pages of history read per lookup (200 messages each). Default 10. */
  maxPages?: number;
  now?: () => number;
  logger?: Logger;
}

/** Whether a failed chat.postMessage may have posted the message. */
export function isUncertain(err: unknown): boolean {
  if (err instanceof UncertainPostError) return true;
  if (!err || typeof err !== 'object') return false;
  const e = err as { code?: string; original?: unknown; statusCode?: number };
  if (e.original instanceof UncertainPostError) return true;
  // A client not built by createWebClient: its request error (timeout, network) or 5xx.
  if (e.code === 'slack_webapi_request_error') return true;
  if (e.code === 'slack_webapi_http_error' && (e.statusCode ?? 0) >= 500) return true;
  return false;
}

/**
 * Posts a report: the first message in the channel, the others as replies in its thread. With `markers` and a `key`
 * (the scan ID), each posted part is recorded, and parts already recorded are skipped: a retry continues, never
 * repeats. A part whose attempt is uncertain is looked for in Slack (by its metadata) before it is sent again.
 */
export async function postReport(
  web: WebClient,
  channel: string,
  messages: readonly SlackMessage[],
  idem?: { markers: MarkerStore; key: string },
  opts: PostReportOptions = {},
): Promise<PostedReport> {
  const now = opts.now ?? Date.now;
  const attempts = Math.max(1, opts.attempts ?? 4);
  const waitMs = opts.backoffMs ?? ((n: number) => backoffMs(n, UNCERTAIN_POST_BACKOFF));
  const log = opts.logger ?? loggers.get(web);
  const reportId = idem?.key ?? `adhoc-${randomUUID()}`;
  const out: PostedReport = { channel, ts: null, posted: 0, skipped: 0, recovered: 0, warnings: [] };
  for (let i = 0; i < messages.length; i++) {
    const m = messages[i];
    const partKey = idem ? `${idem.key}/part-${String(i).padStart(4, '0')}` : null;
    const tryKey = idem ? `${idem.key}/try-${String(i).padStart(4, '0')}` : null;
    if (idem && partKey) {
      const prior = await idem.markers.get(partKey);
      if (prior !== null) {
        out.skipped++;
        if (i === 0) out.ts = (JSON.parse(prior) as { ts: string }).ts;
        continue;
      }
    }
    const threadTs = i > 0 ? out.ts : null;
    // An earlier delivery's attempt at this part without a recorded post: it may have landed.
    let uncertainSince: number | null = null;
    if (idem && tryKey) {
      const attempt = JSON.stringify({ at: new Date(now()).toISOString() });
      if (!(await idem.markers.create(tryKey, attempt))) {
        // Unreadable or missing time: look from the start of the channel (bounded by maxPages).
        uncertainSince = attemptTime(await idem.markers.get(tryKey)) ?? 0;
      }
    }
    const where = `part ${i + 1} of ${messages.length} to ${channel}`;
    let ts: string | undefined;
    let found = false;
    for (let attempt = 0; ; attempt++) {
      if (uncertainSince !== null) {
        const lookup = await findPart(web, channel, threadTs, reportId, i, uncertainSince, opts);
        if (lookup.ok && lookup.ts) {
          ts = lookup.ts;
          found = true;
          out.recovered++;
          log?.info('report part found in Slack after an uncertain attempt: not posted again', {
            channel,
            part: i + 1,
            ts,
          });
          break;
        }
        if (!lookup.ok) {
          const warning = `could not check whether ${where} was already posted (${lookup.reason}); posting it again may show it twice. Grant the Slack app channels:history and groups:history.`;
          out.warnings.push(warning);
          if (log) log.warn(warning, { channel, part: i + 1 });
          else process.emitWarning(warning, { code: 'COMPLIANCE_BOT_SLACK_UNCHECKED' });
        }
      }
      const started = now();
      try {
        const res = await web.chat.postMessage({
          channel,
          text: m.text,
          // Our block types are a structural subset of Slack's.
          blocks: m.blocks as never,
          unfurl_links: false,
          unfurl_media: false,
          metadata: { event_type: REPORT_EVENT_TYPE, event_payload: { reportId, part: i } },
          ...(threadTs ? { thread_ts: threadTs } : {}),
        });
        ts = res.ts;
        break;
      } catch (err) {
        if (isUncertain(err) && attempt + 1 < attempts) {
          uncertainSince ??= started;
          log?.warn(`posting ${where}: ${errorText(err)}; checking Slack before trying again`, { channel });
          await sleep(waitMs(attempt));
          continue;
        }
        // Refused outright (ok: false): nothing landed, the next delivery need not look for it.
        if (idem && tryKey && !isUncertain(err)) await idem.markers.remove(tryKey).catch(() => {});
        throw new DeliveryError(`posting ${where} failed: ${errorText(err)}`, { cause: err });
      }
    }
    if (!ts) throw new DeliveryError(`posting ${where}: no ts returned`);
    if (i === 0) out.ts = ts;
    if (!found) out.posted++;
    if (idem && partKey) await idem.markers.create(partKey, JSON.stringify({ ts }));
  }
  return out;
}

function attemptTime(body: string | null): number | null {
  if (!body) return null;
  try {
    const at = Date.parse(String((JSON.parse(body) as { at?: unknown }).at ?? ''));
    return Number.isFinite(at) ? at : null;
  } catch {
    return null;
  }
}

type Lookup = { ok: true; ts: string | null } | { ok: false; reason: string };

interface HistoryMessage {
  ts?: string;
  metadata?: { event_type?: string; event_payload?: Record<string, unknown> };
}

/**
 * Looks for the part's message (by its metadata) in the channel, or in the thread for a reply, posted since `since`
 * (minus the clock-skew margin). Reads at most `maxPages` pages; an error is a reason, never a throw.
 */
export async function findPart(
  web: WebClient,
  channel: string,
  threadTs: string | null,
  reportId: string,
  part: number,
  since: number,
  opts: Pick<PostReportOptions, 'skewMs' | 'maxPages'> = {},
): Promise<Lookup> {
  const oldest = Math.max(0, (since - (opts.skewMs ?? 300_000)) / 1000).toFixed(6);
  const maxPages = opts.maxPages ?? 10;
  let cursor: string | undefined;
  try {
    for (let page = 0; page < maxPages; page++) {
      const args = {
        channel,
        oldest,
        inclusive: true,
        limit: 200,
        include_all_metadata: true,
        ...(cursor ? { cursor } : {}),
      };
      const res = threadTs
        ? await web.conversations.replies({ ...args, ts: threadTs })
        : await web.conversations.history(args);
      for (const msg of (res.messages ?? []) as HistoryMessage[]) {
        const md = msg.metadata;
        if (
          md?.event_type === REPORT_EVENT_TYPE &&
          md.event_payload?.reportId === reportId &&
          Number(md.event_payload?.part) === part &&
          msg.ts
        ) {
          return { ok: true, ts: msg.ts };
        }
      }
      cursor = res.response_metadata?.next_cursor || undefined;
      if (!cursor) return { ok: true, ts: null };
    }
    return { ok: false, reason: `not found in the last ${maxPages} pages of history` };
  } catch (err) {
    return { ok: false, reason: `${threadTs ? 'conversations.replies' : 'conversations.history'}: ${errorText(err)}` };
  }
}

export function errorText(err: unknown): string {
  if (err && typeof err === 'object' && 'data' in err) {
    const data = (err as { data?: { error?: string } }).data;
    if (data?.error) return redactSecrets(data.error);
  }
  // A request error may carry the request it failed on (its Authorization header): only the masked message is kept.
  return redactSecrets(errorMessage(err));
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
        await sleep(backoffMs(attempt, RESPONSE_URL_BACKOFF));
        continue;
      }
      if (res.ok) return;
      lastError = `HTTP ${res.status}`;
      if (res.status !== 429 && res.status < 500) break;
      if (this.remaining() <= 0) break;
      const retryAfter = Number(res.headers.get('retry-after'));
      await sleep(
        Number.isFinite(retryAfter) && retryAfter > 0
          ? Math.min(retryAfter, 30) * 1000
          : backoffMs(attempt, RESPONSE_URL_BACKOFF),
      );
    }
    throw new DeliveryError(`answering through response_url failed: ${lastError}`);
  }
}
