/**
 * A test Kubernetes API server: in-process HTTPS on 127.0.0.1 speaking the real list protocol, served from fixture
 * objects. For tests only.
 *
 * Usage:
 *   const pki = makeTestPki();                       // root -> intermediate -> leaf (127.0.0.1, localhost)
 *   const api = await startTestApiServer({ pki, objects: [...k8s objects with kind/apiVersion/metadata...] });
 *   // api.url ('https://127.0.0.1:PORT'), api.token (accepted bearer token), api.caPem, api.kubeconfig() (YAML)
 *   api.faults.forbid.add('rolebindings');           // 403 on that resource's lists
 *   api.faults.expireContinue.set('pods', 1);        // the next continued pods list answers 410 Expired
 *   api.faults.throttle.set('secrets', { times: 2, retryAfter: 1 });  // 429 with Retry-After
 *   api.faults.anonymous.set('/api', { status: 503 });  // what an unauthenticated GET of that path gets instead
 *   api.faults.anonymous.set('/apis', 'reset');         // ... or a connection reset, or 'hang' (never answers)
 *   api.faults.paging.set('pods', { drop: 1 });         // continued pods pages silently miss an item (see PagingFault)
 *   api.requests                                     // what was asked: method, path, query, authenticated
 *   api.maxInFlight                                  // with listDelayMs: the most list requests at once
 *   await api.close();
 *
 * Behaviour: bearer-token authentication (401 without or with a wrong token); anonymous requests get 401 unless
 * `anonymous` is set, then the paths it allows answer and the others 403 (anonymous auth on, RBAC denying).
 * Discovery: /version, /api, /apis, /api/v1, /apis/GROUP/VERSION. Lists: cluster-wide and per namespace, paged with
 * `limit` (capped by `maxLimit`) and opaque `continue` tokens; list items carry no kind/apiVersion (as the real
 * server's lists); Secrets asked `as=Table` answer a Table of metadata (as for `kubectl get secrets`); every object gets a `managedFields` entry so clients can prove they drop it.
 */
import type { IncomingMessage, ServerResponse } from 'node:http';
import { createServer, type Server } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { makeTestPki, type TestPki } from './pki';

export interface ResourceType {
  group: string;
  version: string;
  plural: string;
  kind: string;
  namespaced: boolean;
}

/** The kinds this server knows, by plural. */
export const RESOURCE_TYPES: ResourceType[] = [
  { group: '', version: 'v1', plural: 'namespaces', kind: 'Namespace', namespaced: false },
  { group: '', version: 'v1', plural: 'nodes', kind: 'Node', namespaced: false },
  { group: '', version: 'v1', plural: 'pods', kind: 'Pod', namespaced: true },
  { group: '', version: 'v1', plural: 'services', kind: 'Service', namespaced: true },
  { group: '', version: 'v1', plural: 'serviceaccounts', kind: 'ServiceAccount', namespaced: true },
  { group: '', version: 'v1', plural: 'secrets', kind: 'Secret', namespaced: true },
  { group: '', version: 'v1', plural: 'replicationcontrollers', kind: 'ReplicationController', namespaced: true },
  { group: 'apps', version: 'v1', plural: 'deployments', kind: 'Deployment', namespaced: true },
  { group: 'apps', version: 'v1', plural: 'statefulsets', kind: 'StatefulSet', namespaced: true },
  { group: 'apps', version: 'v1', plural: 'daemonsets', kind: 'DaemonSet', namespaced: true },
  { group: 'apps', version: 'v1', plural: 'replicasets', kind: 'ReplicaSet', namespaced: true },
  { group: 'batch', version: 'v1', plural: 'jobs', kind: 'Job', namespaced: true },
  { group: 'batch', version: 'v1', plural: 'cronjobs', kind: 'CronJob', namespaced: true },
  { group: 'networking.k8s.io', version: 'v1', plural: 'networkpolicies', kind: 'NetworkPolicy', namespaced: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'roles', kind: 'Role', namespaced: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'rolebindings', kind: 'RoleBinding', namespaced: true },
  { group: 'rbac.authorization.k8s.io', version: 'v1', plural: 'clusterroles', kind: 'ClusterRole', namespaced: false },
  {
    group: 'rbac.authorization.k8s.io',
    version: 'v1',
    plural: 'clusterrolebindings',
    kind: 'ClusterRoleBinding',
    namespaced: false,
  },
];

export interface TestApiServerOptions {
  objects: unknown[];
  /** Generated when absent. */
  pki?: TestPki;
  /** Accepted bearer tokens (default: one random token, `api.token`). */
  tokens?: string[];
  /** Anonymous requests: absent = 401 everywhere; otherwise these paths answer and the rest get 403. */
  anonymous?: { allow: (path: string) => boolean };
  version?: { gitVersion: string; platform?: string };
  /** The most items one page may hold, whatever `limit` asks (default 500). */
  maxLimit?: number;
  /** Hold each list answer this long, so overlapping requests can be counted (default 0). */
  listDelayMs?: number;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  authenticated: boolean;
}

/**
 * What an unauthenticated request to one path gets instead of its usual answer: an HTTP status (with headers and a
 * body), the connection reset (TCP RST), or no answer at all until the server closes.
 */
export type AnonymousFault = { status: number; headers?: Record<string, string>; body?: string } | 'reset' | 'hang';

/**
 * How one kind's paged list misbehaves. "Continued" pages are the answers to requests with a continue token; the
 * announced remainingItemCount stays the true one unless `announce` changes it.
 */
export interface PagingFault {
  /** Items each continued page silently leaves out (from its end). */
  drop?: number;
  /** Continued pages start with the previous page's last item instead of their own first. */
  repeat?: boolean;
  /**
   * 'loop': a continued page hands back the token it was asked with (the list never moves on); 'endless': a continued
   * page hands out a fresh token to the place it was asked for (the same items again, under new tokens).
   */
  continue?: 'loop' | 'endless';
  /** How many continued requests answer an empty page with a fresh token to the place they asked for. */
  emptyPages?: number;
  /** The remainingItemCount a page announces, from the true one (undefined: none); returning undefined omits it. */
  announce?: (page: { remaining: number | undefined; continued: boolean; last: boolean }) => number | undefined;
}

export interface Faults {
  /** Plurals whose lists answer 403. */
  forbid: Set<string>;
  /** Plural -> how many continued requests answer 410 Expired. */
  expireContinue: Map<string, number>;
  /** Plural -> how many requests answer 429, and the Retry-After seconds. */
  throttle: Map<string, { times: number; retryAfter: number }>;
  /** Path (without query) -> the answer unauthenticated requests to it get. Authenticated requests are not affected. */
  anonymous: Map<string, AnonymousFault>;
  /** Plural -> how its paged lists misbehave. */
  paging: Map<string, PagingFault>;
  /**
   * Called with each list page about to be sent (the fault suite's hook: reset the connection mid-page, answer
   * late, send invalid JSON). Return true when it answered (or destroyed the socket) itself.
   */
  page?: (page: { plural: string; continued: boolean; body: string; res: ServerResponse }) => boolean;
}

export interface TestApiServer {
  url: string;
  port: number;
  token: string;
  caPem: string;
  pki: TestPki;
  requests: RecordedRequest[];
  faults: Faults;
  /** The most list requests that were in flight at once. */
  readonly maxInFlight: number;
  /** A kubeconfig (YAML) for this server with the root CA inline and the token. */
  kubeconfig(opts?: { context?: string; caPem?: string; token?: string }): string;
  close(): Promise<void>;
}

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);

function status(
  res: ServerResponse,
  code: number,
  reason: string,
  message: string,
  headers: Record<string, string> = {},
) {
  res.writeHead(code, { 'content-type': 'application/json', ...headers });
  res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', message, reason, code }));
}

function json(res: ServerResponse, body: unknown) {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify(body));
}

/**
 * Resets the TCP connection under a TLS request (RST, not FIN): the TLS socket cannot send a reset itself, the raw
 * socket it wraps can.
 */
function resetConnection(req: IncomingMessage): void {
  const raw = (req.socket as unknown as { _parent?: Socket })._parent;
  if (raw && typeof raw.resetAndDestroy === 'function') raw.resetAndDestroy();
  else req.socket.destroy();
}

/** Starts the server on 127.0.0.1 (a free port). */
export async function startTestApiServer(opts: TestApiServerOptions): Promise<TestApiServer> {
  const pki = opts.pki ?? makeTestPki();
  const token = opts.tokens?.[0] ?? `test-${Math.random().toString(36).slice(2)}`;
  const tokens = new Set(opts.tokens ?? [token]);
  const maxLimit = opts.maxLimit ?? 500;
  const requests: RecordedRequest[] = [];
  const faults: Faults = {
    forbid: new Set(),
    expireContinue: new Map(),
    throttle: new Map(),
    anonymous: new Map(),
    paging: new Map(),
  };
  let nonce = 0;
  const version = opts.version ?? { gitVersion: 'v1.31.2', platform: 'linux/amd64' };

  // Objects by plural, sorted by namespace/name (the order the real server lists them in: by key in etcd).
  const byPlural = new Map<string, Obj[]>();
  let rv = 1000;
  for (const raw of opts.objects) {
    if (!isObj(raw) || typeof raw.kind !== 'string') throw new Error('fixture objects need a kind');
    const type = RESOURCE_TYPES.find((t) => t.kind === raw.kind);
    if (!type) throw new Error(`the test API server does not serve ${raw.kind}`);
    const obj = structuredClone(raw);
    delete obj.kind;
    delete obj.apiVersion;
    const meta = isObj(obj.metadata) ? obj.metadata : {};
    rv++;
    obj.metadata = {
      ...meta,
      uid: meta.uid ?? `uid-${type.plural}-${rv}`,
      resourceVersion: String(rv),
      managedFields: [
        { manager: 'kubectl', operation: 'Apply', apiVersion: `${type.group ? `${type.group}/` : ''}v1` },
      ],
    };
    const list = byPlural.get(type.plural) ?? [];
    list.push(obj);
    byPlural.set(type.plural, list);
  }
  const key = (o: Obj) => {
    const m = o.metadata as Obj;
    return `${m.namespace ?? ''}/${m.name}`;
  };
  for (const list of byPlural.values()) list.sort((a, b) => key(a).localeCompare(key(b)));

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const wantsTable = /as=Table/.test(String(req.headers.accept ?? ''));
    const url = new URL(req.url ?? '/', 'https://127.0.0.1');
    const query = Object.fromEntries(url.searchParams.entries());
    const auth = req.headers.authorization;
    const authenticated = typeof auth === 'string' && auth.startsWith('Bearer ') && tokens.has(auth.slice(7));
    requests.push({ method: req.method ?? 'GET', path: url.pathname, query, authenticated });
    const fault = auth === undefined ? faults.anonymous.get(url.pathname) : undefined;
    if (fault === 'reset') return resetConnection(req);
    if (fault === 'hang') return;
    if (fault) {
      res.writeHead(fault.status, { 'content-type': 'application/json', ...fault.headers });
      return res.end(fault.body ?? '');
    }
    if (!authenticated) {
      if (auth !== undefined || !opts.anonymous) return status(res, 401, 'Unauthorized', 'Unauthorized');
      if (!opts.anonymous.allow(url.pathname)) {
        return status(res, 403, 'Forbidden', `forbidden: User "system:anonymous" cannot get path "${url.pathname}"`);
      }
    }
    if (req.method !== 'GET') return status(res, 405, 'MethodNotAllowed', 'the test API server is read-only');
    if (!opts.listDelayMs || !url.searchParams.has('limit')) return route(url, res, wantsTable);
    inFlight++;
    maxInFlight = Math.max(maxInFlight, inFlight);
    setTimeout(() => {
      inFlight--;
      route(url, res, wantsTable);
    }, opts.listDelayMs);
  };
  let inFlight = 0;
  let maxInFlight = 0;

  const route = (url: URL, res: ServerResponse, wantsTable: boolean) => {
    const path = url.pathname.replace(/\/+$/, '') || '/';
    if (path === '/version') return json(res, { major: '1', minor: '31', ...version });
    if (path === '/healthz' || path === '/livez' || path === '/readyz') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('ok');
    }
    if (path === '/api') return json(res, { kind: 'APIVersions', versions: ['v1'], serverAddressByClientCIDRs: [] });
    if (path === '/apis') {
      const groups = [...new Set(RESOURCE_TYPES.filter((t) => t.group).map((t) => t.group))];
      return json(res, {
        kind: 'APIGroupList',
        apiVersion: 'v1',
        groups: groups.map((name) => ({
          name,
          versions: [{ groupVersion: `${name}/v1`, version: 'v1' }],
          preferredVersion: { groupVersion: `${name}/v1`, version: 'v1' },
        })),
      });
    }
    const m = /^\/(?:api\/(v1)|apis\/([a-z0-9.-]+)\/(v1))(?:\/namespaces\/([a-z0-9-]+))?(?:\/([a-z]+))?$/.exec(path);
    if (!m) return status(res, 404, 'NotFound', 'the server could not find the requested resource');
    const group = m[2] ?? '';
    const gv = group ? `${group}/v1` : 'v1';
    const namespace = m[4];
    const plural = m[5];
    if (!plural) {
      if (namespace) return status(res, 404, 'NotFound', 'the server could not find the requested resource');
      return json(res, {
        kind: 'APIResourceList',
        groupVersion: gv,
        resources: RESOURCE_TYPES.filter((t) => t.group === group).map((t) => ({
          name: t.plural,
          namespaced: t.namespaced,
          kind: t.kind,
          verbs: ['get', 'list', 'watch'],
        })),
      });
    }
    const type = RESOURCE_TYPES.find((t) => t.group === group && t.plural === plural);
    if (!type || (namespace && !type.namespaced)) {
      return status(res, 404, 'NotFound', 'the server could not find the requested resource');
    }
    const gr = group ? `${plural}.${group}` : plural;
    if (faults.forbid.has(plural)) {
      return status(
        res,
        403,
        'Forbidden',
        `${gr} is forbidden: User "scanner" cannot list resource "${plural}" in API group "${group}" ${
          namespace ? `in the namespace "${namespace}"` : 'at the cluster scope'
        }`,
      );
    }
    const throttle = faults.throttle.get(plural);
    if (throttle && throttle.times > 0) {
      throttle.times--;
      return status(res, 429, 'TooManyRequests', 'Too many requests, please try again later.', {
        'retry-after': String(throttle.retryAfter),
      });
    }
    const items = (byPlural.get(plural) ?? []).filter((o) => !namespace || (o.metadata as Obj).namespace === namespace);
    let offset = 0;
    const cont = url.searchParams.get('continue');
    if (cont) {
      const expire = faults.expireContinue.get(plural) ?? 0;
      if (expire > 0) {
        faults.expireContinue.set(plural, expire - 1);
        return status(
          res,
          410,
          'Expired',
          'The provided continue parameter is too old to display a consistent list result. You can start a new list without the continue parameter.',
        );
      }
      try {
        const t = JSON.parse(Buffer.from(cont, 'base64url').toString('utf8')) as { p: string; ns?: string; o: number };
        if (t.p !== plural || (t.ns ?? null) !== (namespace ?? null) || !Number.isInteger(t.o) || t.o < 0)
          throw new Error();
        offset = t.o;
      } catch {
        return status(res, 400, 'BadRequest', 'continue key is not valid');
      }
    }
    const askedLimit = Number(url.searchParams.get('limit') ?? '0');
    const limit = askedLimit > 0 ? Math.min(askedLimit, maxLimit) : maxLimit;
    const token = (o: number, fresh = false) =>
      Buffer.from(JSON.stringify({ p: plural, ns: namespace, o, ...(fresh ? { n: ++nonce } : {}) })).toString(
        'base64url',
      );
    const pf = cont ? faults.paging.get(plural) : undefined;
    let page = items.slice(offset, offset + limit);
    let next: string | undefined = offset + limit < items.length ? token(offset + limit) : undefined;
    let remaining = offset + limit < items.length ? items.length - offset - limit : undefined;
    if (pf?.emptyPages) {
      pf.emptyPages--;
      page = [];
      next = token(offset, true);
      remaining = items.length - offset;
    } else if (pf) {
      if (pf.repeat && offset > 0) page = [items[offset - 1], ...page.slice(1)];
      if (pf.drop) page = page.slice(0, Math.max(0, page.length - pf.drop));
      if (pf.continue) {
        // The server believes it moves on: it announces what is left after this page.
        next = pf.continue === 'loop' ? String(cont) : token(offset, true);
        remaining = Math.max(0, items.length - offset - limit);
      }
    }
    const metadata: Obj = { resourceVersion: String(rv) };
    const announce = faults.paging.get(plural)?.announce;
    const announced = announce
      ? announce({ remaining, continued: Boolean(cont), last: next === undefined })
      : remaining;
    if (next !== undefined) metadata.continue = next;
    if (announced !== undefined) metadata.remainingItemCount = announced;
    if (wantsTable && plural === 'secrets') {
      // What the real server answers `kubectl get secrets`: columns, and metadata-only objects with includeObject.
      return json(res, {
        kind: 'Table',
        apiVersion: 'meta.k8s.io/v1',
        metadata,
        columnDefinitions: ['Name', 'Type', 'Data', 'Age'].map((name) => ({ name, type: 'string', format: '' })),
        rows: page.map((o) => ({
          cells: [(o.metadata as Obj).name, o.type ?? 'Opaque', Object.keys(isObj(o.data) ? o.data : {}).length, '1d'],
          object: {
            kind: 'PartialObjectMetadata',
            apiVersion: 'meta.k8s.io/v1',
            metadata: url.searchParams.get('includeObject') === 'Metadata' ? o.metadata : {},
          },
        })),
      });
    }
    const list = { kind: `${type.kind}List`, apiVersion: gv, metadata, items: page };
    if (faults.page?.({ plural, continued: Boolean(cont), body: JSON.stringify(list), res })) return;
    return json(res, list);
  };

  const server: Server = createServer({ key: pki.keyPem, cert: pki.certChainPem }, handle);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  const url = `https://127.0.0.1:${port}`;
  return {
    url,
    port,
    token,
    caPem: pki.caPem,
    pki,
    requests,
    faults,
    get maxInFlight() {
      return maxInFlight;
    },
    kubeconfig: (k = {}) => {
      const ctx = k.context ?? 'test';
      const ca = Buffer.from(k.caPem ?? pki.caPem).toString('base64');
      return [
        'apiVersion: v1',
        'kind: Config',
        'clusters:',
        `- name: ${ctx}-cluster`,
        '  cluster:',
        `    server: ${url}`,
        `    certificate-authority-data: ${ca}`,
        'users:',
        `- name: ${ctx}-user`,
        '  user:',
        `    token: ${k.token ?? token}`,
        'contexts:',
        `- name: ${ctx}`,
        '  context:',
        `    cluster: ${ctx}-cluster`,
        `    user: ${ctx}-user`,
        `current-context: ${ctx}`,
        '',
      ].join('\n');
    },
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections();
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}
