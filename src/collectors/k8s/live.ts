/**
 * The live Kubernetes collector: lists every kind the facts need from an API server, page by page (limit/continue;
 * the list restarts on 410 Expired; 429 Retry-After is honoured within a bounded budget; a few lists at a time),
 * drops managedFields and Secret data at once, feeds KubeFactBuilder, and probes the server unauthenticated for
 * k8s.anonymousProbe. A forbidden list makes only the facts it feeds `{ok:false}` with the permission to grant.
 * A server that cannot be reached (TLS, DNS, refused, rejected credentials) makes the whole target unreachable.
 *
 * @kubernetes/client-node loads kubeconfigs (file, string, in-cluster) and applies their authentication (tokens,
 * client certificates, exec plugins); the requests themselves are plain HTTPS, so paging and retries are ours.
 */
import { Agent, request } from 'node:https';
import { mapLimit } from '../../async/pool';
import { type Sleep, sleep } from '../../async/sleep';
import { errorMessage } from '../../core/errors';
import type { AnonymousRequest, KTlsSecret } from '../../core/facts/k8s';
import type { Fact, TargetFacts, TargetInfo } from '../../core/model';
import { redactSecrets } from '../../core/redact';
import { probeTls, probeTlsEndpoints } from '../tls';
import { tlsSecretFact } from '../tls/secrets';
import type { CollectContext, TargetCollector } from '../types';
import { LISTS, type ListSpec } from './kinds';
import { IncompleteListError, ListPaging } from './paging';
import { KubeFactBuilder } from './reduce';

export { LISTS, type ListSpec } from './kinds';

/** Where and how to reach one API server. */
export interface KubeEndpoint {
  /** `https://host:port` (a path prefix is kept). */
  server: string;
  ca?: string | Buffer;
  cert?: string | Buffer;
  key?: string | Buffer;
  /** Only from a kubeconfig's insecure-skip-tls-verify. */
  rejectUnauthorized?: boolean;
  servername?: string;
  /** Authentication headers for the next request (called per request so tokens can be renewed). */
  authHeaders(): Promise<Record<string, string>>;
}

/** The paths the anonymous probe asks, in order (the last is a namespaced list). */
export const ANONYMOUS_PROBE_PATHS = ['/version', '/api', '/apis', '/api/v1/namespaces/default/pods?limit=1'];

export interface LiveOptions {
  /** Items per page (default 500). */
  pageSize?: number;
  /** Lists in flight at once (default 4). */
  concurrency?: number;
  /** Total time the collector may spend waiting on 429 Retry-After (default 60 s). */
  retryBudgetMs?: number;
  /** The longest single Retry-After honoured (default 30 s); longer asks are capped. */
  maxRetryAfterMs?: number;
  /** Restarts of one list after 410 Expired before giving up (default 3). */
  maxRestarts?: number;
  /** Pages one list may take before it is given up as endless (default 10,000). */
  maxPages?: number;
  /** Per-request timeout (default 30 s). */
  requestTimeoutMs?: number;
  /** Injected for tests: waits this long. */
  sleep?: Sleep;
  /** Run the unauthenticated probe (default true). */
  anonymousProbe?: boolean;
  /** TLS: probe the API server (default true), extra `host:port` endpoints, and kubernetes.io/tls Secrets (opt-in). */
  tls?: { probeApiServer?: boolean; endpoints?: readonly string[]; readSecrets?: boolean; timeoutMs?: number };
}

export const TLS_SECRETS_NOT_ENABLED =
  'not enabled: set clusters[].readTlsSecrets: true (it needs get and list on Secrets)';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/** A failure to reach the server at all (TLS, DNS, connection): the target is unreachable. */
export class KubeUnreachableError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'KubeUnreachableError';
  }
}

/** A non-2xx answer to a list. */
export class KubeApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'KubeApiError';
  }
}

const TLS_CODES: Record<string, string> = {
  UNABLE_TO_VERIFY_LEAF_SIGNATURE: 'the server certificate is not signed by the configured CA',
  UNABLE_TO_GET_ISSUER_CERT_LOCALLY: 'the server certificate is not signed by the configured CA',
  UNABLE_TO_GET_ISSUER_CERT: 'the server certificate is not signed by the configured CA',
  SELF_SIGNED_CERT_IN_CHAIN: 'the server certificate chain ends in a CA that is not the configured one',
  DEPTH_ZERO_SELF_SIGNED_CERT: 'the server certificate is self-signed and not the configured CA',
  CERT_HAS_EXPIRED: 'the server certificate has expired',
  CERT_NOT_YET_VALID: 'the server certificate is not yet valid',
  ERR_TLS_CERT_ALTNAME_INVALID: 'the server certificate does not name this host',
};

/** Explains a network or TLS error in words a person can act on. */
export function describeNetworkError(server: string, err: unknown): string {
  const e = err as { code?: string; message?: string };
  const code = e?.code ?? '';
  if (TLS_CODES[code])
    return `TLS error talking to ${server}: ${TLS_CODES[code]} (${code}); check the cluster's certificate-authority in the kubeconfig.`;
  if (code === 'ECONNREFUSED') return `connection refused by ${server}.`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `cannot resolve the host of ${server} (${code}).`;
  if (code === 'ETIMEDOUT' || code === 'ECONNRESET') return `network error talking to ${server} (${code}).`;
  return `cannot reach ${server}: ${e?.message ?? String(err)}${code ? ` (${code})` : ''}.`;
}

/** Plain HTTPS GETs against one API server, with its CA and credentials. */
export class KubeHttp {
  private readonly agent: Agent;
  private readonly anonAgent: Agent;
  private readonly base: URL;

  constructor(
    private readonly endpoint: KubeEndpoint,
    private readonly opts: { maxSockets: number; timeoutMs: number },
  ) {
    this.base = new URL(endpoint.server);
    if (this.base.protocol !== 'https:')
      throw new KubeUnreachableError(`the API server ${endpoint.server} is not https://.`);
    const tls = {
      ...(endpoint.ca ? { ca: endpoint.ca } : {}),
      ...(endpoint.rejectUnauthorized === false ? { rejectUnauthorized: false } : {}),
      ...(endpoint.servername ? { servername: endpoint.servername } : {}),
    };
    this.agent = new Agent({
      keepAlive: true,
      maxSockets: opts.maxSockets,
      ...tls,
      ...(endpoint.cert ? { cert: endpoint.cert } : {}),
      ...(endpoint.key ? { key: endpoint.key } : {}),
    });
    // The anonymous probe trusts the same CA but presents no client certificate and no token.
    this.anonAgent = new Agent({ keepAlive: false, ...tls });
  }

  get server(): string {
    return this.endpoint.server;
  }

  async get(
    pathAndQuery: string,
    anonymous = false,
    accept = 'application/json',
    signal?: AbortSignal,
  ): Promise<HttpAnswer> {
    const url = new URL(this.base.pathname.replace(/\/$/, '') + pathAndQuery, this.base);
    const headers: Record<string, string> = { accept };
    if (!anonymous) Object.assign(headers, await this.endpoint.authHeaders());
    return new Promise<HttpAnswer>((resolve, reject) => {
      const req = request(
        url,
        {
          method: 'GET',
          headers,
          agent: anonymous ? this.anonAgent : this.agent,
          timeout: this.opts.timeoutMs,
          // The end of the time budget abandons a request in flight instead of waiting for its answer.
          ...(signal ? { signal } : {}),
        },
        (res) => {
          const chunks: Buffer[] = [];
          res.on('data', (c: Buffer) => chunks.push(c));
          res.on('error', reject);
          res.on('end', () =>
            resolve({
              status: res.statusCode ?? 0,
              headers: res.headers,
              body: Buffer.concat(chunks).toString('utf8'),
            }),
          );
        },
      );
      req.on('timeout', () => req.destroy(Object.assign(new Error('request timed out'), { code: 'ETIMEDOUT' })));
      req.on('error', reject);
      req.end();
    });
  }

  close(): void {
    this.agent.destroy();
    this.anonAgent.destroy();
  }
}

const gr = (s: ListSpec) => (s.group ? `${s.plural}.${s.group}` : s.plural);

/**
 * The message of a Kubernetes Status answer. Any other body is not repeated: a proxy or gateway in front of the API
 * server may echo the request, Authorization header included.
 */
function statusMessage(body: string): string {
  try {
    const s = JSON.parse(body) as { message?: unknown };
    if (typeof s.message === 'string') return redactSecrets(s.message);
  } catch {
    // not a Status: fall through
  }
  return `the answer is not a Kubernetes Status (${Buffer.byteLength(body)} bytes)`;
}

/** Parses Retry-After (seconds or an HTTP date); default 1 s. */
export function retryAfterMs(value: string | string[] | undefined, now = Date.now()): number {
  const v = Array.isArray(value) ? value[0] : value;
  if (!v) return 1000;
  if (/^\d+$/.test(v.trim())) return Number(v.trim()) * 1000;
  const t = Date.parse(v);
  return Number.isNaN(t) ? 1000 : Math.max(0, t - now);
}

class RetryBudget {
  spentMs = 0;
  constructor(
    readonly totalMs: number,
    readonly maxOneMs: number,
  ) {}
}

/** Runs the lists against one server and reduces them into the builder. */
export class LiveLister {
  readonly restarts = new Map<string, number>();
  readonly pages = new Map<string, number>();
  readonly waits: number[] = [];
  private readonly budget: RetryBudget;
  private readonly sleep: Sleep;

  constructor(
    private readonly http: KubeHttp,
    private readonly builder: KubeFactBuilder,
    private readonly opts: Required<Pick<LiveOptions, 'pageSize' | 'maxRestarts'>> & LiveOptions,
  ) {
    this.budget = new RetryBudget(opts.retryBudgetMs ?? 60_000, opts.maxRetryAfterMs ?? 30_000);
    this.sleep = opts.sleep ?? sleep;
  }

  /** GET with 429 (and 503 with Retry-After) handled within the budget. */
  async getWithRetry(path: string, signal?: AbortSignal, accept?: string): Promise<HttpAnswer> {
    for (;;) {
      if (signal?.aborted) throw new KubeApiError('the time budget of the scan ran out', 0);
      let answer: HttpAnswer;
      try {
        answer = await this.http.get(path, false, accept, signal);
      } catch (err) {
        if (signal?.aborted) throw new KubeApiError('the time budget of the scan ran out', 0);
        throw err;
      }
      const retryable = answer.status === 429 || (answer.status === 503 && answer.headers['retry-after'] !== undefined);
      if (!retryable) return answer;
      const wait = Math.min(retryAfterMs(answer.headers['retry-after']), this.budget.maxOneMs);
      if (this.budget.spentMs + wait > this.budget.totalMs) {
        throw new KubeApiError(
          `throttled (HTTP ${answer.status}) beyond the retry budget of ${Math.round(this.budget.totalMs / 1000)} s`,
          answer.status,
        );
      }
      this.budget.spentMs += wait;
      this.waits.push(wait);
      await this.sleep(wait, signal);
    }
  }

  /** Lists one kind cluster-wide, page by page, into the builder. */
  list(spec: ListSpec, signal?: AbortSignal): Promise<number> {
    const secret = spec.kind === 'Secret';
    return this.readList(
      {
        key: spec.plural,
        path: `${spec.group ? `/apis/${spec.group}/${spec.version}` : `/api/${spec.version}`}/${spec.plural}`,
        // Secrets are listed as a Table of metadata (what `kubectl get secrets` asks for): name, type and
        // annotations cross the wire, the data never does. A server that ignores the Table request sends a plain
        // list, whose data is dropped below before anything keeps it.
        query: secret ? { includeObject: 'Metadata' } : {},
        ...(secret ? { accept: SECRET_TABLE_ACCEPT } : {}),
      },
      signal,
      (obj, meta) => {
        delete meta.managedFields;
        if (secret) {
          delete obj.data;
          delete obj.stringData;
          // The last-applied annotation can hold a Secret's data too.
          if (typeof meta.annotations === 'object' && meta.annotations !== null) {
            delete (meta.annotations as Record<string, unknown>)['kubectl.kubernetes.io/last-applied-configuration'];
          }
        }
        // List items carry no kind: the list says what they are.
        obj.kind = spec.kind;
        obj.apiVersion = spec.group ? `${spec.group}/${spec.version}` : spec.version;
        this.builder.add(obj);
      },
    );
  }

  /**
   * Reads one list page by page and hands each object to `onItem` once. An expired continue token (410) restarts the
   * list; objects already handed on are recognised by UID and not handed on again. Every page is checked by
   * ListPaging: a list that cannot be proven whole throws IncompleteListError.
   */
  async readList(
    list: { key: string; path: string; query: Record<string, string>; accept?: string; pageSize?: number },
    signal: AbortSignal | undefined,
    onItem: (obj: Record<string, unknown>, meta: Record<string, unknown>) => void,
  ): Promise<number> {
    const seen = new Set<string>();
    const paging = new ListPaging(this.opts.maxPages);
    let cont: string | undefined;
    let count = 0;
    for (;;) {
      const q = new URLSearchParams({ limit: String(list.pageSize ?? this.opts.pageSize), ...list.query });
      if (cont) q.set('continue', cont);
      const answer = await this.getWithRetry(`${list.path}?${q}`, signal, list.accept);
      if (answer.status === 410 && cont) {
        const n = (this.restarts.get(list.key) ?? 0) + 1;
        this.restarts.set(list.key, n);
        if (n > this.opts.maxRestarts) {
          throw new KubeApiError(`the list expired (410) ${n} times; gave up`, 410);
        }
        cont = undefined;
        paging.restart();
        continue;
      }
      if (answer.status !== 200) throw new KubeApiError(statusMessage(answer.body), answer.status);
      let body: { items?: unknown; metadata?: unknown };
      try {
        body = JSON.parse(answer.body);
      } catch {
        // The parser's message quotes the answer, which may hold Secret data.
        throw new KubeApiError('the API server answered with something that is not JSON', answer.status);
      }
      this.pages.set(list.key, (this.pages.get(list.key) ?? 0) + 1);
      const items = isTable(body) ? tableItems(body) : listItems(body);
      if (items === null) throw new KubeApiError(NOT_A_LIST, answer.status);
      const objects = items.filter((i): i is Record<string, unknown> => typeof i === 'object' && i !== null);
      const metas = objects.map((obj) => {
        if (typeof obj.metadata !== 'object' || obj.metadata === null) obj.metadata = {};
        return obj.metadata as Record<string, unknown>;
      });
      const ids = metas.map((m) => (typeof m.uid === 'string' ? m.uid : `${m.namespace ?? ''}/${m.name ?? ''}`));
      cont = paging.next(ids, body.metadata);
      objects.forEach((obj, i) => {
        if (seen.has(ids[i])) return;
        seen.add(ids[i]);
        onItem(obj, metas[i]);
        count++;
      });
      if (!cont) return count;
    }
  }

  /** Runs every list with bounded concurrency; a failed list fails only the facts it feeds. */
  async listAll(specs: readonly ListSpec[], concurrency: number, ctx: CollectContext): Promise<void> {
    await mapLimit(specs, concurrency, async (spec) => {
      try {
        const n = await this.list(spec, ctx.signal);
        ctx.reporter.progress(`${this.http.server}: ${n} ${gr(spec)}`);
      } catch (err) {
        const reason = listFailure(spec, err, this.http.server);
        ctx.reporter.warn(`${this.http.server}: ${reason}`);
        this.builder.unassessed(spec.kind, reason);
      }
    });
  }
}

const NOT_A_LIST = 'the answer is not a list (no items): nothing can be read from it';

/**
 * The items of a list answer, or null when the answer is not a list: a 200 that carries no `items` must not read as
 * "there are none". A Go server encodes an empty list as `items: []`, or `null` for a nil slice.
 */
function listItems(body: unknown): unknown[] | null {
  if (typeof body !== 'object' || body === null) return null;
  const { items, kind } = body as { items?: unknown; kind?: unknown };
  if (Array.isArray(items)) return items;
  if (items === null && typeof kind === 'string' && kind.endsWith('List')) return [];
  return null;
}

const SECRET_TABLE_ACCEPT = 'application/json;as=Table;v=v1;g=meta.k8s.io, application/json';

interface TableBody {
  kind: 'Table';
  columnDefinitions?: { name?: unknown }[];
  rows?: { cells?: unknown[]; object?: { metadata?: unknown } }[];
}

function isTable(body: unknown): body is TableBody {
  return typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'Table';
}

/** Secret rows of a Table (metadata objects and the Type column) as Secret objects without data. */
function tableItems(table: TableBody): Record<string, unknown>[] {
  const typeColumn = (table.columnDefinitions ?? []).findIndex((c) => c.name === 'Type');
  return (table.rows ?? []).map((row) => {
    const type = typeColumn >= 0 ? row.cells?.[typeColumn] : undefined;
    return {
      metadata: typeof row.object?.metadata === 'object' && row.object.metadata !== null ? row.object.metadata : {},
      ...(typeof type === 'string' ? { type } : {}),
    };
  });
}

function listFailure(spec: ListSpec, err: unknown, server: string): string {
  if (err instanceof IncompleteListError) return `list ${gr(spec)} failed: ${err.message}`;
  if (err instanceof KubeApiError) {
    if (err.status === 403) {
      return `forbidden: list ${gr(spec)} at cluster scope (grant list on ${gr(spec)} to the scanner)`;
    }
    if (err.status === 401) return `unauthorized: list ${gr(spec)} (the credentials were rejected)`;
    if (err.status === 404) return `list ${gr(spec)}: not served by this API server (404)`;
    return `list ${gr(spec)} failed${err.status ? ` (HTTP ${err.status})` : ''}: ${err.message}`;
  }
  return `list ${gr(spec)} failed: ${describeNetworkError(server, err)}`;
}

/** Text a server sent, made safe for a message: one line, no control characters, at most 200 characters. */
function serverText(text: string): string {
  const printable = Array.from(text, (c) => {
    const code = c.charCodeAt(0);
    return code < 0x20 || code === 0x7f ? ' ' : c;
  }).join('');
  return printable.replace(/\s+/g, ' ').trim().slice(0, 200);
}

/**
 * What one answer to an unauthenticated request proves. Only an explicit 401 or 403 is a refusal and only a 2xx
 * an admission; a throttled, failing or redirected request, or any other status, says nothing about anonymous
 * access and is `unknown` with the reason.
 */
export function anonymousOutcome(path: string, answer: HttpAnswer): AnonymousRequest {
  const { status } = answer;
  if (status === 401 || status === 403) return { path, status, outcome: 'refused' };
  if (status >= 200 && status < 300) return { path, status, outcome: 'allowed' };
  const header = (name: string) => {
    const v = answer.headers[name];
    return serverText(Array.isArray(v) ? (v[0] ?? '') : (v ?? ''));
  };
  const said = serverText(statusMessage(answer.body));
  let reason: string;
  if (status >= 300 && status < 400) {
    const to = header('location');
    reason = `redirected (HTTP ${status}${to ? ` to ${to}` : ''}) instead of refused with 401 or 403`;
  } else if (status === 429) {
    const after = header('retry-after');
    reason = `throttled (HTTP 429${after ? `, Retry-After ${after}` : ''})`;
  } else if (status >= 500) {
    reason = `server error (HTTP ${status})${said ? `: ${said}` : ''}`;
  } else {
    reason = `unexpected answer (HTTP ${status})${said ? `: ${said}` : ''}`;
  }
  return { path, status, outcome: 'unknown', reason };
}

/**
 * Unauthenticated requests to the server, one per probe path: what each answer proves, with the reason if nothing.
 * The end of the scan's time budget (`signal`) abandons the request in flight and skips the rest.
 */
export async function anonymousProbe(http: KubeHttp, signal?: AbortSignal): Promise<AnonymousRequest[]> {
  const out: AnonymousRequest[] = [];
  const outOfTime = (path: string): AnonymousRequest => ({
    path,
    status: null,
    outcome: 'unknown',
    reason: 'the time budget of the scan ran out',
  });
  for (const path of ANONYMOUS_PROBE_PATHS) {
    if (signal?.aborted) {
      out.push(outOfTime(path));
      continue;
    }
    try {
      out.push(anonymousOutcome(path, await http.get(path, true, undefined, signal)));
    } catch (err) {
      out.push(
        signal?.aborted
          ? outOfTime(path)
          : { path, status: null, outcome: 'unknown', reason: describeNetworkError(http.server, err) },
      );
    }
  }
  return out;
}

/**
 * A cluster target reached through its API server. `connect` gives the endpoint (kubeconfig, in-cluster, EKS);
 * throwing from it, a TLS or network failure, or rejected credentials make the target unreachable.
 */
export function kubeClusterCollector(
  name: string,
  connect: () => Promise<KubeEndpoint>,
  options: LiveOptions = {},
): TargetCollector {
  const target: TargetInfo = { name, kind: 'cluster' };
  return {
    target,
    async collect(ctx: CollectContext): Promise<TargetFacts> {
      const endpoint = await connect();
      const concurrency = options.concurrency ?? 4;
      const http = new KubeHttp(endpoint, { maxSockets: concurrency, timeoutMs: options.requestTimeoutMs ?? 30_000 });
      try {
        const builder = new KubeFactBuilder({ source: 'live' });
        const lister = new LiveLister(http, builder, {
          ...options,
          pageSize: options.pageSize ?? 500,
          maxRestarts: options.maxRestarts ?? 3,
        });
        let version: HttpAnswer;
        try {
          version = await lister.getWithRetry('/version', ctx.signal);
        } catch (err) {
          if (err instanceof KubeApiError) throw new KubeUnreachableError(`${endpoint.server}: ${err.message}.`);
          throw new KubeUnreachableError(describeNetworkError(endpoint.server, err), { cause: err });
        }
        if (version.status === 401) {
          throw new KubeUnreachableError(
            `${endpoint.server} rejected the credentials (HTTP 401): check the kubeconfig user or the token.`,
          );
        }
        if (version.status === 200) {
          try {
            const v = JSON.parse(version.body) as { gitVersion?: unknown; platform?: unknown };
            if (typeof v.gitVersion === 'string') {
              builder.setVersion({
                gitVersion: v.gitVersion,
                ...(typeof v.platform === 'string' ? { platform: v.platform } : {}),
              });
            } else builder.fail('k8s.version', '/version answered without gitVersion');
          } catch {
            builder.fail('k8s.version', '/version answered with something that is not JSON');
          }
        } else builder.fail('k8s.version', `/version answered HTTP ${version.status}: ${statusMessage(version.body)}`);

        await lister.listAll(LISTS, concurrency, ctx);
        const facts = builder.finish();
        if (options.anonymousProbe !== false) {
          // Kept whatever the answers: the check reads each request's outcome and says why it could not decide.
          facts['k8s.anonymousProbe'] = {
            ok: true,
            value: { endpoint: endpoint.server, requests: await anonymousProbe(http, ctx.signal) },
          };
        } else {
          facts['k8s.anonymousProbe'] = { ok: false, reason: 'anonymous probe disabled by configuration' };
        }
        await addTlsFacts(facts, endpoint, lister, options, ctx);
        return { target, facts };
      } finally {
        http.close();
      }
    },
  };
}

/**
 * The TLS facts of a live cluster: a probe of the API server itself (inspection handshakes only; the lists above went
 * over the verified connection), the configured extra endpoints, and, when enabled, the certificates of
 * kubernetes.io/tls Secrets (their public certificate is kept; tls.key is never read from the answer).
 */
async function addTlsFacts(
  facts: TargetFacts['facts'],
  endpoint: KubeEndpoint,
  lister: LiveLister,
  options: LiveOptions,
  ctx: CollectContext,
): Promise<void> {
  const tls = options.tls ?? {};
  const probeOpts = { timeoutMs: tls.timeoutMs, signal: ctx.signal };
  if (tls.probeApiServer !== false) {
    ctx.reporter.progress(`probing TLS of ${endpoint.server}`);
    facts['k8s.apiserverTls'] = await probeTls(endpoint.server, {
      ...probeOpts,
      ...(endpoint.ca ? { ca: endpoint.ca } : {}),
      ...(endpoint.servername ? { servername: endpoint.servername } : {}),
    });
  } else {
    facts['k8s.apiserverTls'] = { ok: false, reason: 'TLS probe disabled by configuration' };
  }
  facts['k8s.tlsEndpoints'] =
    tls.endpoints && tls.endpoints.length > 0
      ? await probeTlsEndpoints(tls.endpoints, probeOpts)
      : { ok: true, value: [] };
  facts['k8s.tlsSecrets'] = tls.readSecrets
    ? await listTlsSecrets(lister, ctx.signal)
    : { ok: false, reason: TLS_SECRETS_NOT_ENABLED };
}

async function listTlsSecrets(lister: LiveLister, signal?: AbortSignal): Promise<Fact<KTlsSecret[]>> {
  const out: KTlsSecret[] = [];
  try {
    await lister.readList(
      {
        key: 'secrets (kubernetes.io/tls)',
        path: '/api/v1/secrets',
        query: { fieldSelector: 'type=kubernetes.io/tls' },
        pageSize: 200,
      },
      signal,
      (item, meta) => {
        // A server that ignores the field selector sends every Secret: keep only TLS ones.
        if (item.type !== undefined && item.type !== 'kubernetes.io/tls') return;
        // Only tls.crt is handed on: the private key in the same answer is dropped here and never stored.
        const data = item.data as Record<string, unknown> | undefined;
        const crt = typeof data === 'object' && data !== null ? data['tls.crt'] : undefined;
        out.push(
          tlsSecretFact({
            namespace: typeof meta.namespace === 'string' ? meta.namespace : 'default',
            name: typeof meta.name === 'string' ? meta.name : '',
            data: crt === undefined ? {} : { 'tls.crt': crt },
          }),
        );
      },
    );
    return { ok: true, value: out };
  } catch (err) {
    return { ok: false, reason: tlsListFailure(err) };
  }
}

function tlsListFailure(err: unknown): string {
  if (err instanceof KubeApiError && err.status === 403) {
    return 'forbidden: list secrets at cluster scope (grant get and list on secrets to read TLS certificates)';
  }
  const status = err instanceof KubeApiError && err.status && err.status !== 200 ? ` (HTTP ${err.status})` : '';
  return `listing TLS Secrets failed${status}: ${errorMessage(err)}`;
}
