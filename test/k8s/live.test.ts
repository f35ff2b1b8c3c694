/**
 * The live collector against the test API server over real TLS (127.0.0.1 only): paging, 410 restart, 429 backoff,
 * 403 on one kind, wrong CA, rejected credentials, anonymous probe.
 */
import clusterAdmin from '../../checks/k8s/rbac/cluster-admin';
import { endpointFromKubeConfig, loadKubeConfig } from '../../src/collectors/k8s/kubeconfig';
import { KubeUnreachableError, kubeClusterCollector, type LiveOptions } from '../../src/collectors/k8s/live';
import { silentReporter } from '../../src/collectors/types';
import { evaluateCheck } from '../../src/core/engine';
import type { KRbac, KSecretMeta } from '../../src/core/facts/k8s';
import type { FactSet } from '../../src/core/model';
import { makeTestPki, type TestPki } from '../k8s-server/pki';
import { startTestApiServer, type TestApiServer } from '../k8s-server/server';
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
          { path: '/version', status: 401 },
          { path: '/api', status: 401 },
          { path: '/apis', status: 401 },
          { path: '/api/v1/namespaces/default/pods?limit=1', status: 401 },
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
