/**
 * The live collector against the test API server over real TLS (127.0.0.1 only): paging, 410 restart, 429 backoff,
 * 403 on one kind, wrong CA, rejected credentials, anonymous probe.
 */
import anonymousAuthDisabled from '../../checks/k8s/authn/anonymous-auth-disabled';
import clusterAdmin from '../../checks/k8s/rbac/cluster-admin';
import { endpointFromKubeConfig, loadKubeConfig } from '../../src/collectors/k8s/kubeconfig';
import {
  ANONYMOUS_PROBE_PATHS,
  anonymousProbe,
  KubeHttp,
  KubeUnreachableError,
  kubeClusterCollector,
  type LiveOptions,
} from '../../src/collectors/k8s/live';
import { silentReporter } from '../../src/collectors/types';
import { evaluateCheck } from '../../src/core/engine';
import type { KRbac, KSecretMeta } from '../../src/core/facts/k8s';
import type { FactSet, Result } from '../../src/core/model';
import { makeTestPki, type TestPki } from '../k8s-server/pki';
import { type AnonymousFault, startTestApiServer, type TestApiServer } from '../k8s-server/server';
import { FIXTURE_OBJECTS } from './fixture-cluster';

let pki: TestPki;
let otherPki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
  otherPki = makeTestPki({ rootCn: 'some other CA' });
});

let api: TestApiServer;
beforeEach(async () => {
  api = await startTestApiServer({ pki, objects: FIXTURE_OBJECTS, maxLimit: 3 });
});
afterEach(async () => {
  await api.close();
});

async function collect(opts: LiveOptions & { kubeconfig?: string } = {}): Promise<FactSet> {
  const kubeconfig = opts.kubeconfig ?? api.kubeconfig();
  const collector = kubeClusterCollector(
    'test',
    async () => endpointFromKubeConfig(loadKubeConfig({ yaml: kubeconfig })),
    { pageSize: 2, sleep: async () => {}, ...opts },
  );
  return (await collector.collect({ reporter: silentReporter })).facts;
}

const listRequests = (plural: string) => api.requests.filter((r) => r.authenticated && r.path === `/api/v1/${plural}`);

describe('Function: kubeClusterCollector', () => {
  it('collects every fact over TLS with a bearer token, paging each list', async () => {
    const facts = await collect();
    expect(facts['k8s.version']).toEqual({ ok: true, value: { gitVersion: 'v1.31.2', platform: 'linux/amd64' } });
    const rbac = facts['k8s.rbac'];
    if (!rbac?.ok) throw new Error('rbac not collected');
    expect(rbac.value.bindings.map((b) => b.name).sort()).toEqual([
      'alice-admin',
      'cluster-admin',
      'deployer',
      'ghost',
      'system:discovery',
      'web-view',
    ]);
    // 5 pods at 2 per page: 3 pages, the later ones with the server's continue token.
    const pods = listRequests('pods');
    expect(pods).toHaveLength(3);
    expect(pods[0].query.continue).toBeUndefined();
    expect(pods[1].query.continue).toBeDefined();
    expect(pods.every((r) => r.authenticated && r.query.limit === '2')).toBe(true);
    const workloads = facts['k8s.workloads'];
    expect(workloads?.ok && workloads.value.find((w) => w.name === 'web')?.replicas).toBe(4);
    const cp = facts['k8s.controlPlane'];
    expect(cp?.ok && cp.value.components['kube-apiserver']?.[0].flags['authorization-mode']).toBe('Node,RBAC');
  });

  it('drops managedFields and never keeps Secret data', async () => {
    const facts = await collect();
    const text = JSON.stringify(facts);
    expect(text).not.toContain('managedFields');
    expect(text).not.toContain('c2VjcmV0LXRva2VuLXZhbHVl');
    expect(text).not.toContain('aHVudGVyMg==');
    const secrets = facts['k8s.secrets'] as { ok: true; value: KSecretMeta[] };
    expect(secrets.value.map((s) => `${s.namespace}/${s.name}:${s.type}`).sort()).toEqual([
      'ci/deployer-token:kubernetes.io/service-account-token',
      'web/db-password:Opaque',
    ]);
  });

  it('asks for Secrets as a Table of metadata, so their data never crosses the wire', async () => {
    await collect();
    const secrets = api.requests.filter((r) => r.path === '/api/v1/secrets');
    expect(secrets.length).toBeGreaterThan(0);
    expect(secrets.every((r) => r.query.includeObject === 'Metadata')).toBe(true);
  });

  it('restarts a list whose continue token expired (410) and counts no object twice', async () => {
    const baseline = await collect();
    api.requests.length = 0;
    api.faults.expireContinue.set('pods', 1);
    const facts = await collect();
    const pods = listRequests('pods');
    // first page, 410 on the continued page, then the full list again: 1 + 1 + 3 requests.
    expect(pods.filter((r) => r.query.continue === undefined)).toHaveLength(2);
    expect(pods).toHaveLength(5);
    expect(facts['k8s.workloads']).toEqual(baseline['k8s.workloads']);
    expect(facts['k8s.controlPlane']).toEqual(baseline['k8s.controlPlane']);
  });

  it('gives up on a list that keeps expiring and fails only the facts it feeds', async () => {
    api.faults.expireContinue.set('pods', 100);
    const facts = await collect({ maxRestarts: 2 });
    expect(facts['k8s.workloads']).toEqual({ ok: false, reason: expect.stringContaining('expired (410) 3 times') });
    expect(facts['k8s.rbac']?.ok).toBe(true);
  });

  it('waits as long as Retry-After says on 429, then completes the list', async () => {
    api.faults.throttle.set('secrets', { times: 2, retryAfter: 3 });
    const waits: number[] = [];
    const facts = await collect({ sleep: async (ms) => void waits.push(ms) });
    expect(waits).toEqual([3000, 3000]);
    expect(facts['k8s.secrets']?.ok).toBe(true);
    expect(listRequests('secrets').length).toBe(3);
  });

  it('stops retrying 429 when the retry budget is spent and names the throttling', async () => {
    api.faults.throttle.set('secrets', { times: 50, retryAfter: 10 });
    const waits: number[] = [];
    const facts = await collect({ sleep: async (ms) => void waits.push(ms), retryBudgetMs: 25_000 });
    expect(waits).toEqual([10_000, 10_000]);
    expect(facts['k8s.secrets']).toEqual({ ok: false, reason: expect.stringContaining('throttled (HTTP 429)') });
    expect(facts['k8s.namespaces']?.ok).toBe(true);
  });

  it('makes the checks that need a forbidden kind unknown, naming the permission, and runs the rest', async () => {
    api.faults.forbid.add('rolebindings');
    const facts = await collect();
    expect(facts['k8s.rbac']).toEqual({
      ok: false,
      reason:
        'forbidden: list rolebindings.rbac.authorization.k8s.io at cluster scope (grant list on rolebindings.rbac.authorization.k8s.io to the scanner)',
    });
    expect(facts['k8s.secrets']?.ok).toBe(true);
    const results = evaluateCheck(
      clusterAdmin,
      { target: { name: 'test', kind: 'cluster' }, facts },
      // A scan time: this check does not read it, and no test reads the machine's clock.
      { now: new Date('2026-11-30T02:00:00Z') },
    );
    expect(results).toHaveLength(1);
    expect(results[0].status).toBe('unknown');
    expect(results[0].message).toContain('forbidden: list rolebindings.rbac.authorization.k8s.io');
  });

  it('never repeats an error body that is not a Kubernetes Status (a proxy echoing the request headers)', async () => {
    api.faults.page = ({ plural, res }) => {
      if (plural !== 'pods') return false;
      res.writeHead(400, { 'content-type': 'text/plain' });
      res.end(`Bad request. Your request headers:\nx-auth-echo ${api.token}\n`);
      return true;
    };
    const facts = await collect();
    expect(facts['k8s.workloads']).toEqual({
      ok: false,
      reason: expect.stringMatching(/^list pods failed \(HTTP 400\): the answer is not a Kubernetes Status/),
    });
    expect(JSON.stringify(facts)).not.toContain(api.token);
  });

  it('never repeats a cut-short TLS Secrets answer (it holds tls.key)', async () => {
    api.faults.page = ({ plural, body, res }) => {
      if (plural !== 'secrets' || body.includes('"Table"')) return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{"kind":"SecretList","items":[{"type":"kubernetes.io/tls","data":{"tls.key":"UFJJVkFURS1LRVktREFUQQ');
      return true;
    };
    const facts = await collect({ tls: { readSecrets: true, probeApiServer: false } });
    expect(facts['k8s.tlsSecrets']).toEqual({
      ok: false,
      reason: 'listing TLS Secrets failed: the API server answered with something that is not JSON',
    });
  });

  it('makes a kind unknown, not empty, when its list is answered 200 with something that is not a list', async () => {
    api.faults.page = ({ plural, res }) => {
      if (plural !== 'networkpolicies') return false;
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Success' }));
      return true;
    };
    const facts = await collect();
    expect(facts['k8s.networkPolicies']).toEqual({
      ok: false,
      reason: expect.stringMatching(/^list networkpolicies\.networking\.k8s\.io failed \(HTTP 200\): .*not a list/),
    });
    expect(facts['k8s.namespaces']?.ok).toBe(true);
  });

  it.each<[string, number, RegExp]>([
    [
      '404 (the kind is not served)',
      404,
      /^list networkpolicies\.networking\.k8s\.io: not served by this API server \(404\)/,
    ],
    ['500', 500, /^list networkpolicies\.networking\.k8s\.io failed \(HTTP 500\)/],
    ['a redirect', 302, /^list networkpolicies\.networking\.k8s\.io failed \(HTTP 302\)/],
  ])('makes a kind unknown with the status when its list answers %s', async (_n, status, reason) => {
    api.faults.page = ({ plural, res }) => {
      if (plural !== 'networkpolicies') return false;
      res.writeHead(status, { 'content-type': 'application/json', location: 'https://elsewhere.example.test/' });
      res.end(JSON.stringify({ kind: 'Status', apiVersion: 'v1', metadata: {}, status: 'Failure', code: status }));
      return true;
    };
    const facts = await collect();
    expect(facts['k8s.networkPolicies']).toEqual({ ok: false, reason: expect.stringMatching(reason) });
  });

  it('fails with a clear TLS error when the kubeconfig trusts another CA', async () => {
    const kubeconfig = api.kubeconfig({ caPem: otherPki.caPem });
    const err = await collect({ kubeconfig }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeUnreachableError);
    expect((err as Error).message).toMatch(/^TLS error talking to https:\/\/127\.0\.0\.1:\d+: .*configured CA/);
  });

  it('makes the target unreachable when the server rejects the token (401)', async () => {
    const err = await collect({ kubeconfig: api.kubeconfig({ token: 'wrong' }) }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(KubeUnreachableError);
    expect((err as Error).message).toContain('rejected the credentials (HTTP 401)');
  });

  it('probes the server unauthenticated with the same CA and records each status', async () => {
    const facts = await collect();
    expect(facts['k8s.anonymousProbe']).toEqual({
      ok: true,
      value: {
        endpoint: api.url,
        requests: [
          { path: '/version', status: 401, outcome: 'refused' },
          { path: '/api', status: 401, outcome: 'refused' },
          { path: '/apis', status: 401, outcome: 'refused' },
          { path: '/api/v1/namespaces/default/pods?limit=1', status: 401, outcome: 'refused' },
        ],
      },
    });
    expect(api.requests.filter((r) => !r.authenticated).map((r) => r.path)).toEqual([
      '/version',
      '/api',
      '/apis',
      '/api/v1/namespaces/default/pods',
    ]);
  });

  it('records anonymous answers when the server lets anonymous requests in', async () => {
    await api.close();
    api = await startTestApiServer({
      pki,
      objects: FIXTURE_OBJECTS,
      anonymous: { allow: (p) => p !== '/api/v1/namespaces/default/pods' },
    });
    const facts = await collect();
    const probe = facts['k8s.anonymousProbe'];
    expect(probe?.ok && probe.value.requests.map((r) => r.status)).toEqual([200, 200, 200, 403]);
    expect(probe?.ok && probe.value.requests.map((r) => r.outcome)).toEqual([
      'allowed',
      'allowed',
      'allowed',
      'refused',
    ]);
    expect(apiserverProbeResult(facts)).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('/api (200)'),
    });
  });

  it('keeps aggregated ClusterRoles and their labels for the RBAC engine', async () => {
    const facts = await collect();
    const rbac = (facts['k8s.rbac'] as { ok: true; value: KRbac }).value;
    const view = rbac.roles.find((r) => r.name === 'view');
    expect(view?.aggregationRule?.clusterRoleSelectors).toEqual([
      { matchLabels: { 'rbac.example.com/aggregate-to-view': 'true' } },
    ]);
  });
});

/** The anonymous-auth check's result for the probe (resource `kube-apiserver`; the flag results name the node). */
function apiserverProbeResult(facts: FactSet): Result | undefined {
  const results = evaluateCheck(
    anonymousAuthDisabled,
    { target: { name: 'test', kind: 'cluster' }, facts },
    { now: new Date('2026-06-01T00:00:00Z') },
  );
  return results.find((r) => r.resource.name === 'kube-apiserver');
}

const NAMESPACED = '/api/v1/namespaces/default/pods';

describe('Function: anonymousProbe (answers that prove nothing)', () => {
  it.each<[string, AnonymousFault, RegExp]>([
    [
      '429 Too Many Requests',
      { status: 429, headers: { 'retry-after': '5' } },
      /throttled \(HTTP 429, Retry-After 5\)/,
    ],
    [
      '500 Internal Server Error',
      { status: 500, body: '{"kind":"Status","message":"etcd unavailable"}' },
      /HTTP 500.*etcd unavailable/,
    ],
    ['503 Service Unavailable', { status: 503 }, /HTTP 503/],
    [
      'a redirect',
      { status: 302, headers: { location: 'https://login.example.test/' } },
      /redirect.*HTTP 302.*login\.example\.test/,
    ],
    ['404 Not Found', { status: 404 }, /unexpected answer \(HTTP 404\)/],
    ['a connection reset', 'reset', /ECONNRESET|socket hang up/],
  ])(
    'records %s to the namespaced list as unknown with the reason, and the check is unknown',
    async (_n, fault, reason) => {
      api.faults.anonymous.set(NAMESPACED, fault);
      const facts = await collect();
      const probe = facts['k8s.anonymousProbe'];
      if (!probe?.ok) throw new Error('probe fact missing');
      const last = probe.value.requests[3];
      expect(last).toMatchObject({
        path: `${NAMESPACED}?limit=1`,
        outcome: 'unknown',
        reason: expect.stringMatching(reason),
      });
      expect(probe.value.requests.slice(0, 3).map((r) => r.outcome)).toEqual(['refused', 'refused', 'refused']);
      const result = apiserverProbeResult(facts);
      expect(result?.status).toBe('unknown');
      expect(result?.message).toContain(NAMESPACED);
      expect(result?.message).toMatch(reason);
    },
  );

  it('still fails the check when one path is answered 2xx while another gave no evidence', async () => {
    await api.close();
    api = await startTestApiServer({ pki, objects: FIXTURE_OBJECTS, anonymous: { allow: () => true } });
    api.faults.anonymous.set('/apis', { status: 503 });
    const facts = await collect();
    expect(apiserverProbeResult(facts)).toMatchObject({ status: 'fail', severity: 'critical' });
  });

  it('is unknown, not refused, when the server never answers within the request timeout', async () => {
    api.faults.anonymous.set('/api', 'hang');
    const endpoint = await endpointFromKubeConfig(loadKubeConfig({ yaml: api.kubeconfig() }));
    const http = new KubeHttp(endpoint, { maxSockets: 1, timeoutMs: 300 });
    try {
      const requests = await anonymousProbe(http);
      expect(requests.map((r) => [r.path, r.outcome])).toEqual([
        ['/version', 'refused'],
        ['/api', 'unknown'],
        ['/apis', 'refused'],
        [`${NAMESPACED}?limit=1`, 'refused'],
      ]);
      expect(requests[1].status).toBeNull();
      expect(requests[1].reason).toMatch(/ETIMEDOUT|timed out/);
    } finally {
      http.close();
    }
  });

  it('records every request as unknown when the time budget has run out, without waiting for answers', async () => {
    api.faults.anonymous.set('/version', 'hang');
    const endpoint = await endpointFromKubeConfig(loadKubeConfig({ yaml: api.kubeconfig() }));
    const http = new KubeHttp(endpoint, { maxSockets: 1, timeoutMs: 60_000 });
    const budget = new AbortController();
    budget.abort();
    try {
      const requests = await anonymousProbe(http, budget.signal);
      expect(requests.map((r) => [r.outcome, r.reason])).toEqual(
        ANONYMOUS_PROBE_PATHS.map(() => ['unknown', 'the time budget of the scan ran out']),
      );
    } finally {
      http.close();
    }
  });

  it('is unknown when every request failed: nothing was refused', async () => {
    for (const p of ['/version', '/api', '/apis', NAMESPACED]) api.faults.anonymous.set(p, 'reset');
    const facts = await collect();
    const result = apiserverProbeResult(facts);
    expect(result?.status).toBe('unknown');
    expect(result?.message).toMatch(/ECONNRESET|socket hang up/);
  });
});

describe('Function: eksEndpoint through the test API server', () => {
  it('authenticates with the in-process IAM token and the CA from DescribeCluster', async () => {
    const { eksEndpoint, eksToken } = await import('../../src/collectors/k8s/eks-token');
    const creds = { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: 'secret', sessionToken: 'session' };
    const now = new Date('2026-06-01T00:00:00Z');
    const token = await eksToken('prod', 'eu-west-1', creds, now);
    const eksApi = await startTestApiServer({ pki, objects: FIXTURE_OBJECTS, tokens: [token] });
    try {
      const collector = kubeClusterCollector(
        'prod',
        () =>
          eksEndpoint('prod', 'eu-west-1', {
            describeCluster: async () => ({ endpoint: eksApi.url, caData: Buffer.from(pki.caPem).toString('base64') }),
            credentials: async () => creds,
            now: () => now,
          }),
        { pageSize: 50 },
      );
      const facts = (await collector.collect({ reporter: silentReporter })).facts;
      expect(facts['k8s.rbac']?.ok).toBe(true);
      expect(eksApi.requests.filter((r) => r.query.limit === '50').every((r) => r.authenticated)).toBe(true);
    } finally {
      await eksApi.close();
    }
  });
});

describe('Function: kubeClusterCollector concurrency', () => {
  it('never has more lists in flight than its concurrency, and does run them in parallel', async () => {
    const slow = await startTestApiServer({ pki, objects: FIXTURE_OBJECTS, listDelayMs: 20 });
    try {
      const collector = kubeClusterCollector(
        'slow',
        async () => endpointFromKubeConfig(loadKubeConfig({ yaml: slow.kubeconfig() })),
        { concurrency: 3, anonymousProbe: false },
      );
      await collector.collect({ reporter: silentReporter });
      expect(slow.maxInFlight).toBe(3);
    } finally {
      await slow.close();
    }
  });
});
