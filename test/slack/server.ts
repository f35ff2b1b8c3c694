/**
 * A local Slack API over real HTTP (127.0.0.1) that records every call: the Web API methods the bot uses
 * (`/api/<method>`), `response_url` endpoints (`/response/<id>`) and the upload URLs of `files.uploadV2`.
 * Faults (HTTP 429 with Retry-After, 500, `ok: false`) can be queued per method.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RecordedCall {
  /** Web API method (`chat.postMessage`), `response_url`, or `upload`. */
  method: string;
  path: string;
  headers: Record<string, string | string[] | undefined>;
  /** Parsed body: form fields (JSON-looking values parsed) or JSON; `upload` calls keep raw bytes in `raw`. */
  body: Record<string, unknown>;
  raw: Buffer;
  at: number;
}

export interface Fault {
  status: number;
  retryAfter?: number;
  body?: unknown;
}

export class LocalSlackServer {
  readonly calls: RecordedCall[] = [];
  /** Members returned by `usergroups.users.list`, per group ID. */
  readonly userGroups = new Map<string, string[]>();
  /** Account flags returned by `users.info` (any other user is a full member). */
  readonly users = new Map<string, { is_restricted?: boolean; is_ultra_restricted?: boolean }>();
  private readonly faults = new Map<string, Fault[]>();
  private server: Server | null = null;
  /** Messages posted with chat.postMessage (answered by conversations.history and conversations.replies). */
  readonly messages: {
    channel: string;
    ts: string;
    thread_ts?: string;
    text: unknown;
    metadata?: unknown;
    blocks?: unknown;
  }[] = [];
  /** The seconds part of the ts of posted messages (fixed by default; `() => Math.floor(Date.now() / 1000)` for real time). */
  tsSeconds: () => number = () => 1700000000;
  private tsCounter = 0;
  private fileCounter = 0;
  port = 0;

  get apiUrl(): string {
    return `http://127.0.0.1:${this.port}/api/`;
  }

  /** A fresh response_url on this server. */
  responseUrl(id = String(Date.now())): string {
    return `http://127.0.0.1:${this.port}/response/${id}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err) => {
        res.statusCode = 500;
        res.end(String(err));
      });
    });
    await new Promise<void>((resolve) => this.server!.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server!.close(() => resolve()));
    this.server = null;
  }

  /** The next call of `method` answers with this fault (queued, one per call). */
  fail(method: string, fault: Fault): void {
    const q = this.faults.get(method) ?? [];
    q.push(fault);
    this.faults.set(method, q);
  }

  callsOf(method: string): RecordedCall[] {
    return this.calls.filter((c) => c.method === method);
  }

  reset(): void {
    this.calls.length = 0;
    this.messages.length = 0;
    this.faults.clear();
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks);
    const url = new URL(req.url ?? '/', `http://127.0.0.1:${this.port}`);
    const path = url.pathname;
    let method: string;
    if (path.startsWith('/api/')) method = path.slice(5);
    else if (path.startsWith('/response/')) method = 'response_url';
    else if (path.startsWith('/upload/')) method = 'upload';
    else method = 'unknown';
    const body = method === 'upload' ? {} : parseBody(req.headers['content-type'], raw);
    this.calls.push({ method, path, headers: req.headers, body, raw, at: Date.now() });

    const fault = this.faults.get(method)?.shift();
    if (fault) {
      res.statusCode = fault.status;
      if (fault.retryAfter !== undefined) res.setHeader('Retry-After', String(fault.retryAfter));
      res.setHeader('Content-Type', 'application/json');
      res.end(
        JSON.stringify(fault.body ?? { ok: false, error: fault.status === 429 ? 'ratelimited' : 'internal_error' }),
      );
      return;
    }
    const json = (status: number, data: unknown) => {
      res.statusCode = status;
      res.setHeader('Content-Type', 'application/json');
      res.end(JSON.stringify(data));
    };
    switch (method) {
      case 'response_url':
        res.statusCode = 200;
        res.end('ok');
        return;
      case 'upload':
        res.statusCode = 200;
        res.end(`OK - ${raw.length}`);
        return;
      case 'auth.test':
        return json(200, { ok: true, user_id: 'UBOT', bot_id: 'BBOT', team_id: 'T1' });
      case 'chat.postMessage': {
        const ts = `${this.tsSeconds()}.${String(++this.tsCounter).padStart(6, '0')}`;
        this.messages.push({
          channel: String(body.channel),
          ts,
          ...(body.thread_ts ? { thread_ts: String(body.thread_ts) } : {}),
          text: body.text,
          ...(body.metadata ? { metadata: body.metadata } : {}),
          ...(body.blocks ? { blocks: body.blocks } : {}),
        });
        return json(200, { ok: true, channel: body.channel, ts, message: { text: body.text, ts } });
      }
      case 'conversations.history':
      case 'conversations.replies': {
        // Newest first in the channel (top-level messages); the parent then its replies in a thread; `limit` and a
        // numeric offset as cursor; metadata only with include_all_metadata.
        const oldest = Number(body.oldest ?? 0);
        const inThread = method === 'conversations.replies';
        let list = this.messages.filter(
          (m) =>
            m.channel === body.channel &&
            (inThread ? m.ts === body.ts || m.thread_ts === body.ts : m.thread_ts === undefined) &&
            Number(m.ts) >= oldest,
        );
        if (!inThread) list = list.slice().reverse();
        const start = Number(body.cursor ?? 0);
        const limit = Number(body.limit ?? 100);
        const page = list.slice(start, start + limit);
        const withMeta = body.include_all_metadata === true || body.include_all_metadata === 'true';
        const next = start + limit < list.length ? String(start + limit) : '';
        return json(200, {
          ok: true,
          messages: page.map((m) => ({
            type: 'message',
            ts: m.ts,
            text: m.text,
            ...(m.thread_ts ? { thread_ts: m.thread_ts } : {}),
            ...(withMeta && m.metadata ? { metadata: m.metadata } : {}),
          })),
          has_more: next !== '',
          response_metadata: { next_cursor: next },
        });
      }
      case 'chat.postEphemeral':
        return json(200, { ok: true, message_ts: `1700000000.${String(++this.tsCounter).padStart(6, '0')}` });
      case 'views.open':
        return json(200, { ok: true, view: { id: 'V1' } });
      case 'users.info': {
        const id = String(body.user);
        return json(200, {
          ok: true,
          user: { id, is_restricted: false, is_ultra_restricted: false, ...(this.users.get(id) ?? {}) },
        });
      }
      case 'usergroups.users.list':
        return json(200, { ok: true, users: this.userGroups.get(String(body.usergroup)) ?? [] });
      case 'files.getUploadURLExternal': {
        const id = `F${++this.fileCounter}`;
        return json(200, { ok: true, upload_url: `http://127.0.0.1:${this.port}/upload/${id}`, file_id: id });
      }
      case 'files.completeUploadExternal': {
        const files = (body.files as { id: string; title?: string }[] | undefined) ?? [];
        return json(200, { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) });
      }
      default:
        return json(200, { ok: false, error: 'unknown_method' });
    }
  }
}

function parseBody(contentType: string | undefined, raw: Buffer): Record<string, unknown> {
  const text = raw.toString('utf8');
  if (text === '') return {};
  if (contentType?.includes('application/json')) {
    try {
      return JSON.parse(text) as Record<string, unknown>;
    } catch {
      return { _unparsed: text };
    }
  }
  const out: Record<string, unknown> = {};
  for (const [k, v] of new URLSearchParams(text)) {
    out[k] = /^[[{]/.test(v) ? tryJson(v) : v;
  }
  return out;
}

function tryJson(v: string): unknown {
  try {
    return JSON.parse(v);
  } catch {
    return v;
  }
}
