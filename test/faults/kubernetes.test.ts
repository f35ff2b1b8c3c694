/**
 * Kubernetes faults through the real pipeline: runScan() with the live collector (kubeClusterCollector) against the
 * test API server over HTTPS, every cluster check, and a real local store. A clean first scan sets the baseline;
 * the second scan runs with the fault (429 storms, 410 mid-list, 403 on some kinds, a connection reset mid-page, a
 * server slower than the timeout, a page of invalid JSON, and the time budget running out mid-collection).
 */
import { rmSync } from 'node:fs';
import { checks } from '../../checks';
import { endpointFromKubeConfig, loadKubeConfig } from '../../src/collectors/k8s/kubeconfig';
import { kubeClusterCollector, type LiveOptions } from '../../src/collectors/k8s/live';
import type { Snapshot } from '../../src/core/model';
import { runScan, type ScanResponse } from '../../src/scan/run-scan';
import { openStores, type Stores } from '../../src/store/open';
import { FIXTURE_OBJECTS } from '../k8s/fixture-cluster';
import { makeTestPki, type TestPki } from '../k8s-server/pki';
import { startTestApiServer, type TestApiServer } from '../k8s-server/server';
import { expectTargetsAccounted, falseResolutions, openFingerprints, tempDir } from './support/invariants';
import { CLEAN, record } from './support/ledger';

const clusterChecks = checks.filter((c) => c.targetKind === 'cluster');
const SCOPE = 'faults/cluster-prod';
let pki: TestPki;
let api: TestApiServer;
let dir: string;
let stores: Stores;
const waits: number[] = [];

beforeAll(() => {
  pki = makeTestPki();
});
beforeEach(async () => {
  api = await startTestApiServer({ pki, objects: FIXTURE_OBJECTS, maxLimit: 3 });
  dir = tempDir();
  stores = openStores({ type: 'local', dir });
  waits.length = 0;
});
afterEach(async () => {
  await api.close();
  rmSync(dir, { recursive: true, force: true });
});

async function scan(opts: LiveOptions = {}, signal?: AbortSignal): Promise<ScanResponse> {
  const collector = kubeClusterCollector(
    'prod',
    async () => endpointFromKubeConfig(loadKubeConfig({ yaml: api.kubeconfig() })),
    {
      pageSize: 2,
      sleep: async (ms) => {
        waits.push(ms);
      },
      ...opts,
    },
  );
  return runScan({
    scope: SCOPE,
    trigger: 'test',
    collectors: [collector],
    checks: clusterChecks,
    store: stores.snapshots,
    signal,
  });
}

/** Baseline, then the faulted scan; checks the invariants and returns the second scan. */
async function faulted(arm: () => void, opts: LiveOptions = {}, signal?: () => AbortSignal) {
  const first = await scan();
  // A clean scan: nothing failed but what the configuration leaves off (for example reading TLS Secrets).
  expect(problemsOf(first.snapshot).filter((p) => !/not enabled|disabled by configuration/.test(p))).toEqual([]);
  const openBefore = openFingerprints(first.snapshot);
  expect(openBefore.size).toBeGreaterThan(0);
  arm();
  const started = Date.now();
  const second = await scan(opts, signal?.());
  const tookMs = Date.now() - started;
  const { snapshot, diff } = second;
  expectTargetsAccounted(snapshot, ['prod']);
  const bad = falseResolutions(snapshot, diff);
  expect(bad).toEqual([]);
  expect(diff.resolved).toEqual([]);
  expect(diff.regressions).toEqual([]);
  const openAfter = openFingerprints(snapshot);
  expect([...openBefore].filter((fp) => !openAfter.has(fp))).toEqual([]);
  const stored = await stores.snapshots.list(SCOPE);
  expect(stored).toHaveLength(2);
  return { first: first.snapshot, snapshot, diff, lost: 2 - stored.length, falseResolved: bad.length, tookMs };
}

const reasonOf = (s: Snapshot) => s.targets[0].reason ?? '';
/** The fact failures a scan reports for the cluster (`fact: reason`). */
const problemsOf = (s: Snapshot) => (s.targets[0].reason ? s.targets[0].reason.split('; ') : []);
/** What failed in the faulted scan and not in the clean one. */
const newProblems = (r: { first: Snapshot; snapshot: Snapshot }) => {
  const before = new Set(problemsOf(r.first));
  return problemsOf(r.snapshot).filter((p) => !before.has(p));
};

describe('Scenario: Kubernetes API faults through runScan', () => {
  it('honours a 429 storm with Retry-After on five kinds and assesses everything', async () => {
    const r = await faulted(() => {
      for (const p of ['pods', 'secrets', 'roles', 'clusterroles', 'namespaces'])
        api.faults.throttle.set(p, { times: 3, retryAfter: 2 });
    });
    expect(newProblems(r)).toEqual([]);
    expect(waits.filter((w) => w === 2000)).toHaveLength(15);
    expect(r.diff.unassessed).toEqual([]);
    expect(r.diff.unchanged.length).toBe(r.first.results.filter((x) => x.status === 'fail').length);
    record({
      area: 'Kubernetes',
      scenario: '429 storm with Retry-After: 2 (15 throttled lists)',
      outcome: 'waited as asked, assessed; diff unchanged',
      ...CLEAN,
      snapshotsLost: r.lost,
      falseResolved: r.falseResolved,
    });
  });

  it('gives up on a 429 storm beyond the retry budget: the throttled facts are unknown, with the reason', async () => {
    const r = await faulted(() => api.faults.throttle.set('clusterroles', { times: 1000, retryAfter: 5 }), {
      retryBudgetMs: 20_000,
    });
    expect(r.snapshot.targets[0].status).toBe('partial');
    expect(reasonOf(r.snapshot)).toContain('beyond the retry budget of 20 s');
    expect(r.diff.unassessed.length).toBeGreaterThan(0);
    record({
      area: 'Kubernetes',
      scenario: '429 storm longer than the retry budget',
      outcome: 'RBAC facts unknown (beyond the retry budget); RBAC findings carried',
      ...CLEAN,
      snapshotsLost: r.lost,
      falseResolved: r.falseResolved,
    });
  });

  it('restarts a paged list after 410 Expired mid-list without counting objects twice', async () => {
    const r = await faulted(() => {
      api.faults.expireContinue.set('pods', 1);
      api.faults.expireContinue.set('clusterroles', 2);
    });
    expect(newProblems(r)).toEqual([]);
    expect(r.snapshot.results.map((x) => `${x.fingerprint}:${x.status}`).sort()).toEqual(
      r.first.results.map((x) => `${x.fingerprint}:${x.status}`).sort(),
    );
    record({
      area: 'Kubernetes',
      scenario: '410 Expired in the middle of paged lists',
      outcome: 'lists restarted; identical results, no duplicates',
      ...CLEAN,
      snapshotsLost: r.lost,
      falseResolved: r.falseResolved,
    });
  });

  it('makes only the facts of forbidden kinds unknown (403), naming the permission to grant', async () => {
    const r = await faulted(() => {
      api.faults.forbid.add('rolebindings');
      api.faults.forbid.add('networkpolicies');
    });
    expect(r.snapshot.targets[0].status).toBe('partial');
    expect(reasonOf(r.snapshot)).toContain('grant list on rolebindings.rbac.authorization.k8s.io to the scanner');
    expect(reasonOf(r.snapshot)).toContain('networkpolicies.networking.k8s.io');
    expect(r.diff.unassessed.some((u) => u.previous.checkId.startsWith('k8s.rbac.'))).toBe(true);
    // Checks over facts that were listed are still assessed.
    expect(r.snapshot.results.some((x) => x.checkId.startsWith('k8s.authn.') && x.status !== 'unknown')).toBe(true);
    record({
      area: 'Kubernetes',
      scenario: '403 on RoleBindings and NetworkPolicies',
      outcome: 'partial: RBAC and netpol facts unknown with the permission to grant; others assessed',
      ...CLEAN,
      snapshotsLost: r.lost,
      falseResolved: r.falseResolved,
    });
  });

  it('treats a connection reset in the middle of a page as unknown for the facts that list feeds', async () => {
    let resets = 0;
    const r = await faulted(() => {
      api.faults.page = ({ plural, continued, body, res }) => {
        if (plural !== 'clusterroles' || !continued) return false;
        resets++;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write(body.slice(0, Math.floor(body.length / 2)));
        setTimeout(() => res.socket?.destroy(), 20);
        return true;
      };
    });
    expect(resets).toBeGreaterThan(0);
    expect(r.snapshot.targets[0].status).toBe('partial');
    expect(reasonOf(r.snapshot)).toMatch(/list clusterroles\.rbac\.authorization\.k8s\.io failed/);
    record({
      area: 'Kubernetes',
      scenario: 'connection reset in the middle of a ClusterRoles page',
      outcome: 'RBAC facts unknown (network error); RBAC findings carried',
      ...CLEAN,
      snapshotsLost: r.lost,
      falseResolved: r.falseResolved,
    });
  });

  it('treats a server slower than the request timeout as unknown for that list', async () => {
    const timers: NodeJS.Timeout[] = [];
    const r = await faulted(
      () => {
        api.faults.page = ({ plural, body, res }) => {
          if (plural !== 'secrets' && plural !== 'roles') return false;
          timers.push(
            setTimeout(() => {
              if (!res.destroyed) res.end(body);
            }, 3_000),
          );
          return true;
        };
      },
      { requestTimeoutMs: 400 },
    );
    for (const t of timers) clearTimeout(t);
    expect(r.snapshot.targets[0].status).toBe('partial');
    expect(reasonOf(r.snapshot)).toContain('ETIMEDOUT');
    expect(r.tookMs).toBeLessThan(2_500);
    record({
      area: 'Kubernetes',
      scenario: 'server slower than the request timeout (Secrets, Roles)',
      outcome: 'those facts unknown (ETIMEDOUT) within the timeout; findings carried',
      ...CLEAN,
      snapshotsLost: r.lost,
      falseResolved: r.falseResolved,
    });
  });

  it('treats a page of invalid JSON as unknown for the facts that list feeds', async () => {
    const r = await faulted(() => {
      api.faults.page = ({ plural, continued, body, res }) => {
        if (plural !== 'pods' || !continued) return false;
        res.writeHead(200, { 'content-type': 'application/json' });
        res.end(`${body.slice(0, 40)}\u0000{{not json`);
        return true;
      };
    });
    expect(r.snapshot.targets[0].status).toBe('partial');
    expect(reasonOf(r.snapshot)).toContain('not JSON');
    record({
      area: 'Kubernetes',
      scenario: 'a page of invalid JSON in the Pods list',
      outcome: 'workload and control-plane facts unknown (not JSON); findings carried',
      ...CLEAN,
      snapshotsLost: r.lost,
      falseResolved: r.falseResolved,
    });
  });
});

describe('Scenario: the time budget runs out in the middle of Kubernetes collection', () => {
  it('returns what was listed, with the rest unknown, soon after the budget ends', async () => {
    const timers: NodeJS.Timeout[] = [];
    const r = await faulted(
      () => {
        api.faults.page = ({ plural, body, res }) => {
          if (['namespaces', 'nodes', 'pods', 'services'].includes(plural)) return false;
          timers.push(
            setTimeout(() => {
              if (!res.destroyed) res.end(body);
            }, 400),
          );
          return true;
        };
      },
      { concurrency: 2 },
      () => AbortSignal.timeout(600),
    );
    for (const t of timers) clearTimeout(t);
    expect(r.snapshot.targets[0].status).toBe('partial');
    expect(reasonOf(r.snapshot)).toContain('time budget of the scan ran out');
    // What was listed before the end is assessed.
    expect(r.snapshot.results.some((x) => x.status !== 'unknown')).toBe(true);
    expect(r.tookMs).toBeLessThan(3_000);
    record({
      area: 'Time',
      scenario: 'time budget ends mid-collection (Kubernetes, slow pages)',
      outcome: 'listed facts assessed, the rest unknown (time budget ran out); findings carried',
      ...CLEAN,
      snapshotsLost: r.lost,
      falseResolved: r.falseResolved,
    });
  });

  it('does not wait for a request in flight when the budget ends (the server holds its answer for 8 s)', async () => {
    const timers: NodeJS.Timeout[] = [];
    const r = await faulted(
      () => {
        api.faults.page = ({ plural, body, res }) => {
          if (plural !== 'clusterroles') return false;
          timers.push(
            setTimeout(() => {
              if (!res.destroyed) res.end(body);
            }, 8_000),
          );
          return true;
        };
      },
      {},
      () => AbortSignal.timeout(700),
    );
    for (const t of timers) clearTimeout(t);
    expect(reasonOf(r.snapshot)).toMatch(/clusterroles.*(time budget|aborted)/);
    expect(r.tookMs).toBeLessThan(3_000);
    record({
      area: 'Time',
      scenario: 'time budget ends while a Kubernetes request is in flight (8 s answer)',
      outcome: 'the request is abandoned at the budget; that list unknown; findings carried',
      ...CLEAN,
      snapshotsLost: r.lost,
      falseResolved: r.falseResolved,
    });
  });
});
