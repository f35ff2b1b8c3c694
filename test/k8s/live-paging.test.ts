/**
 * Paged lists the live collector cannot prove complete, against the test API server over TLS: a page that silently
 * misses items, counts (remainingItemCount) that do not add up, items sent twice, a continue token that loops, a list
 * that never ends. Each fails the facts the list feeds (and the TLS Secrets fact), never reads as "no objects".
 */
import clusterAdmin from '../../checks/k8s/rbac/cluster-admin';
import { endpointFromKubeConfig, loadKubeConfig } from '../../src/collectors/k8s/kubeconfig';
import { kubeClusterCollector, type LiveOptions } from '../../src/collectors/k8s/live';
import { silentReporter } from '../../src/collectors/types';
import { evaluateCheck } from '../../src/core/engine';
import type { FactSet } from '../../src/core/model';
import { makeTestPki, type TestPki } from '../k8s-server/pki';
import { type PagingFault, startTestApiServer, type TestApiServer } from '../k8s-server/server';
import { FIXTURE_OBJECTS } from './fixture-cluster';

let pki: TestPki;
beforeAll(() => {
  pki = makeTestPki();
});

let api: TestApiServer;
beforeEach(async () => {
  api = await startTestApiServer({ pki, objects: FIXTURE_OBJECTS, maxLimit: 3 });
});
afterEach(async () => {
  await api.close();
});

async function collect(opts: LiveOptions = {}): Promise<FactSet> {
  const kubeconfig = api.kubeconfig();
  const collector = kubeClusterCollector(
    'test',
    async () => endpointFromKubeConfig(loadKubeConfig({ yaml: kubeconfig })),
    { pageSize: 2, sleep: async () => {}, anonymousProbe: false, tls: { probeApiServer: false }, ...opts },
  );
  return (await collector.collect({ reporter: silentReporter })).facts;
}

const CRB = 'list clusterrolebindings.rbac.authorization.k8s.io failed';
const podRequests = () => api.requests.filter((r) => r.path === '/api/v1/pods');

describe('Function: kubeClusterCollector (lists proven complete by remainingItemCount)', () => {
  it('fails RBAC, not resolves it, when a page silently misses a binding the server announced', async () => {
    // 3 ClusterRoleBindings at 2 a page: the first page announces 1 more, the last page arrives empty.
    api.faults.paging.set('clusterrolebindings', { drop: 1 });
    const facts = await collect();
    expect(facts['k8s.rbac']).toEqual({
      ok: false,
      reason: `${CRB}: the first page announced 3 items, 2 arrived`,
    });
    const results = evaluateCheck(
      clusterAdmin,
      { target: { name: 'test', kind: 'cluster' }, facts },
      { now: new Date('2026-06-01T00:00:00Z') },
    );
    expect(results.map((r) => r.status)).toEqual(['unknown']);
    expect(results[0].message).toContain('2 arrived');
    expect(facts['k8s.workloads']?.ok).toBe(true);
  });

  it('fails a list whose middle page misses an item: the next page announces a remainder that does not add up', async () => {
    // 5 pods at 2 a page: the second page brings 1 item yet announces 1 more, where 2 are left of the 5.
    api.faults.paging.set('pods', { drop: 1 });
    const facts = await collect();
    expect(facts['k8s.workloads']).toEqual({
      ok: false,
      reason:
        'list pods failed: the first page announced 5 items; after 3 arrived, a page announced 1 more where 2 were left',
    });
  });

  it.each<[string, PagingFault['announce'], string]>([
    [
      'announces more than it sends',
      ({ remaining, continued }) => (continued || remaining === undefined ? remaining : remaining + 1),
      'the first page announced 6 items; after 4 arrived, a page announced 1 more where 2 were left',
    ],
    [
      'sends more than it announced',
      ({ remaining, continued }) => (continued || remaining === undefined ? remaining : remaining - 1),
      'the first page announced 4 items; after 4 arrived, a page announced 1 more where 0 were left',
    ],
    [
      'ends on a page that announces more to come',
      ({ remaining, last }) => (last ? 2 : remaining),
      'the last page announced 2 more items but gave no continue token (5 announced, 5 arrived)',
    ],
  ])('fails a list whose server %s', async (_n, announce, reason) => {
    api.faults.paging.set('pods', { announce });
    const facts = await collect();
    expect(facts['k8s.workloads']).toEqual({ ok: false, reason: `list pods failed: ${reason}` });
    expect(facts['k8s.rbac']?.ok).toBe(true);
  });

  it('counts an item sent twice once: the count is met only by distinct objects', async () => {
    // Each continued page repeats the previous page's last pod in place of its own first: 5 arrive, 3 distinct.
    api.faults.paging.set('pods', { repeat: true });
    const facts = await collect();
    expect(facts['k8s.workloads']).toEqual({
      ok: false,
      reason: 'list pods failed: the first page announced 5 items, 5 arrived but 2 of them twice (3 distinct)',
    });
  });

  it('restarts the count with the list after 410 Expired, and completes', async () => {
    api.faults.expireContinue.set('pods', 1);
    const facts = await collect();
    expect(facts['k8s.workloads']?.ok).toBe(true);
    expect(podRequests()).toHaveLength(5);
  });

  it('reads every page when the server announces no count (completeness then rests on the continue tokens)', async () => {
    api.faults.paging.set('pods', { announce: () => undefined });
    const facts = await collect();
    expect(facts['k8s.workloads']?.ok).toBe(true);
    expect(podRequests()).toHaveLength(3);
  });

  it('tolerates an empty page with a continue token, and fails the list when they keep coming', async () => {
    api.faults.paging.set('pods', { emptyPages: 1 });
    expect((await collect())['k8s.workloads']?.ok).toBe(true);
    api.faults.paging.set('pods', { emptyPages: 10 });
    api.requests.length = 0;
    const facts = await collect();
    expect(facts['k8s.workloads']).toEqual({
      ok: false,
      reason: 'list pods failed: 3 pages in a row held no items but a continue token',
    });
    expect(podRequests()).toHaveLength(4);
  });
});

describe('Function: kubeClusterCollector (continue tokens that never end)', () => {
  it('fails a list whose continue token loops back, after one repeat, without a count to rely on', async () => {
    api.faults.paging.set('pods', { continue: 'loop', announce: () => undefined });
    const facts = await collect();
    expect(facts['k8s.workloads']).toEqual({
      ok: false,
      reason: 'list pods failed: page 2 handed back a continue token already followed (the list loops)',
    });
    expect(podRequests()).toHaveLength(2);
  });

  it('fails a list that hands out fresh tokens to the same items once more arrive than announced', async () => {
    api.faults.paging.set('pods', { continue: 'endless' });
    const facts = await collect();
    expect(facts['k8s.workloads']).toEqual({
      ok: false,
      reason: 'list pods failed: the first page announced 5 items, 6 arrived',
    });
  });

  it('fails a list that never ends and announces no count, at the page bound', async () => {
    api.faults.paging.set('pods', { continue: 'endless', announce: () => undefined });
    const facts = await collect({ maxPages: 20 });
    expect(facts['k8s.workloads']).toEqual({
      ok: false,
      reason: 'list pods failed: the list did not end after 20 pages',
    });
    expect(podRequests()).toHaveLength(20);
  });
});

describe('Function: kubeClusterCollector (the TLS Secrets list)', () => {
  const tlsSecret = (name: string) => ({
    apiVersion: 'v1',
    kind: 'Secret',
    type: 'kubernetes.io/tls',
    metadata: { name, namespace: 'shop' },
    data: { 'tls.crt': Buffer.from(pki.certChainPem).toString('base64') },
  });
  beforeEach(async () => {
    await api.close();
    // One Secret a page, whatever the collector asks.
    api = await startTestApiServer({
      pki,
      objects: [{ apiVersion: 'v1', kind: 'Namespace', metadata: { name: 'shop' } }, ...['a', 'b', 'c'].map(tlsSecret)],
      maxLimit: 1,
    });
  });
  const tlsFacts = async (opts: LiveOptions = {}) =>
    (await collect({ tls: { probeApiServer: false, readSecrets: true }, ...opts }))['k8s.tlsSecrets'];

  it('reads every TLS Secret across pages', async () => {
    const fact = await tlsFacts();
    expect(fact?.ok && fact.value.map((s) => s.name)).toEqual(['a', 'b', 'c']);
  });

  it('restarts after 410 Expired and keeps each Secret once', async () => {
    // The Secrets metadata list runs first and gives up at its 4th 410 (3 restarts allowed); the TLS Secrets list
    // then gets the 5th.
    api.faults.expireContinue.set('secrets', 5);
    const facts = await collect({ tls: { probeApiServer: false, readSecrets: true } });
    expect(facts['k8s.secrets']).toEqual({ ok: false, reason: expect.stringContaining('expired (410) 4 times') });
    const fact = facts['k8s.tlsSecrets'];
    expect(fact?.ok && fact.value.map((s) => s.name)).toEqual(['a', 'b', 'c']);
    expect(api.faults.expireContinue.get('secrets')).toBe(0);
  });

  it('is unknown, not "these certificates only", when a page silently misses a Secret', async () => {
    api.faults.paging.set('secrets', { drop: 1 });
    expect(await tlsFacts()).toEqual({
      ok: false,
      reason:
        'listing TLS Secrets failed: the first page announced 3 items; after 1 arrived, a page announced 1 more where 2 were left',
    });
  });

  it('is unknown when its continue token loops back', async () => {
    api.faults.paging.set('secrets', { continue: 'loop' });
    expect(await tlsFacts()).toEqual({
      ok: false,
      reason: 'listing TLS Secrets failed: page 2 handed back a continue token already followed (the list loops)',
    });
  });

  it('is unknown when it never ends, at the page bound', async () => {
    api.faults.paging.set('secrets', { continue: 'endless', announce: () => undefined });
    expect(await tlsFacts({ maxPages: 10 })).toEqual({
      ok: false,
      reason: 'listing TLS Secrets failed: the list did not end after 10 pages',
    });
  });
});
