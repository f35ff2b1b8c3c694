/**
 * Kubernetes faults through the real pipeline (support/k8s-scenario.ts): runScan() with the live collector against
 * the test API server over HTTPS, every cluster check and a real local store. A clean baseline scan is stored, a
 * fault-free reference scan tells the oracle the truth, then the faulted scan runs (429 storms, 410 mid-list, 403 on
 * some kinds, a connection reset mid-page, a server that never answers, a page of invalid JSON, the time budget
 * running out mid-collection). False resolutions and lost snapshots are counted, never assumed.
 *
 * No real time decides an outcome: the collector's sleeps are recorded, a slow server holds its answer until the
 * scan is over, and the end of the time budget is an AbortSignal the scenario fires at a known point of collection.
 */
import type { ServerResponse } from 'node:http';
import { LiveLister } from '../../src/collectors/k8s/live';
import { FIXTURE_OBJECTS } from '../k8s/fixture-cluster';
import { makeTestPki, type TestPki } from '../k8s-server/pki';
import { expectTargetsAccounted, openFingerprints } from './support/invariants';
import { CLUSTER, factsOfLists, KubeWorld, type Measured, newProblems, reasonOf, SCOPE } from './support/k8s-scenario';
import { record } from './support/ledger';

let pki: TestPki;
let w: KubeWorld;

beforeAll(() => {
  pki = makeTestPki();
});
beforeEach(async () => {
  w = new KubeWorld();
  await w.start(pki);
});
afterEach(async () => {
  jest.restoreAllMocks();
  await w.stop();
});

/** The promises of a fault that only hides data: nothing resolved or lost, every open finding still open. */
async function expectSound(r: Measured) {
  expectTargetsAccounted(r.snapshot, [CLUSTER]);
  expect(r.falseResolved).toEqual([]);
  expect(r.lostFindings).toEqual([]);
  expect(r.diff.regressions).toEqual([]);
  const openAfter = openFingerprints(r.snapshot);
  expect([...openFingerprints(r.first)].filter((fp) => !openAfter.has(fp))).toEqual([]);
  expect(await w.stores.snapshots.list(SCOPE)).toHaveLength(2);
  expect(r.snapshotsLost).toBe(0);
}

const counted = (r: Measured) => ({ snapshotsLost: r.snapshotsLost, falseResolved: r.falseResolved.length });

/** Holds the answers of these lists (never sent while the scan runs); `onHold` sees how many are held. */
function holdLists(match: (plural: string) => boolean, onHold: (held: number) => void = () => {}) {
  w.api.faults.page = ({ plural, res }) => {
    if (!match(plural)) return false;
    w.held.push(res);
    onHold(w.held.length);
    return true;
  };
}
const answered = (held: readonly ServerResponse[]) => held.filter((res) => res.writableEnded).length;

/** The Secret a fixed cluster no longer has: its finding (legacy token Secret) is truly resolved. */
const withoutDeployerToken = () =>
  FIXTURE_OBJECTS.filter(
    (o) =>
      !(
        (o as { kind?: string }).kind === 'Secret' &&
        (o as { metadata: { name: string } }).metadata.name === 'deployer-token'
      ),
  );

describe('Scenario: Kubernetes API faults through runScan', () => {
  it('honours a 429 storm with Retry-After on five kinds and assesses everything', async () => {
    const r = await w.faulted({
      arm: () => {
        for (const p of ['pods', 'secrets', 'roles', 'clusterroles', 'namespaces'])
          w.api.faults.throttle.set(p, { times: 3, retryAfter: 2 });
      },
      hide: [],
    });
    await expectSound(r);
    expect(newProblems(r)).toEqual([]);
    expect(w.waits.filter((x) => x === 2000)).toHaveLength(15);
    expect(r.diff.unassessed).toEqual([]);
    expect(r.diff.unchanged.length).toBe(r.first.results.filter((x) => x.status === 'fail').length);
    record({
      area: 'Kubernetes',
      scenario: '429 storm with Retry-After: 2 (15 throttled lists)',
      outcome: 'waited as asked, assessed; diff unchanged',
      ...counted(r),
    });
  });

  it('gives up on a 429 storm beyond the retry budget: the throttled facts are unknown, with the reason', async () => {
    const r = await w.faulted({
      arm: () => w.api.faults.throttle.set('clusterroles', { times: 1000, retryAfter: 5 }),
      hide: [{ target: CLUSTER, facts: factsOfLists('clusterroles') }],
      opts: { retryBudgetMs: 20_000 },
    });
    await expectSound(r);
    expect(r.snapshot.targets[0].status).toBe('partial');
    expect(reasonOf(r.snapshot)).toContain('beyond the retry budget of 20 s');
    expect(r.diff.unassessed.length).toBeGreaterThan(0);
    record({
      area: 'Kubernetes',
      scenario: '429 storm longer than the retry budget',
      outcome: 'RBAC facts unknown (beyond the retry budget); RBAC findings carried',
      ...counted(r),
    });
  });

  it('restarts a paged list after 410 Expired mid-list without counting objects twice', async () => {
    const r = await w.faulted({
      arm: () => {
        w.api.faults.expireContinue.set('pods', 1);
        w.api.faults.expireContinue.set('clusterroles', 2);
      },
      hide: [],
    });
    await expectSound(r);
    expect(newProblems(r)).toEqual([]);
    expect(r.snapshot.results.map((x) => `${x.fingerprint}:${x.status}`).sort()).toEqual(
      r.first.results.map((x) => `${x.fingerprint}:${x.status}`).sort(),
    );
    record({
      area: 'Kubernetes',
      scenario: '410 Expired in the middle of paged lists',
      outcome: 'lists restarted; identical results, no duplicates',
      ...counted(r),
    });
  });

  it('makes only the facts of forbidden kinds unknown (403), naming the permission to grant', async () => {
    const r = await w.faulted({
      arm: () => {
        w.api.faults.forbid.add('rolebindings');
        w.api.faults.forbid.add('networkpolicies');
      },
      hide: [{ target: CLUSTER, facts: factsOfLists('rolebindings', 'networkpolicies') }],
    });
    await expectSound(r);
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
      ...counted(r),
    });
  });

  it('treats a connection reset in the middle of a page as unknown for the facts that list feeds', async () => {
    let resets = 0;
    const r = await w.faulted({
      arm: () => {
        w.api.faults.page = ({ plural, continued, body, res }) => {
          if (plural !== 'clusterroles' || !continued) return false;
          resets++;
          res.writeHead(200, { 'content-type': 'application/json' });
          // Half the page reaches the client, then the connection dies.
          res.write(body.slice(0, Math.floor(body.length / 2)), () => res.socket?.destroy());
          return true;
        };
      },
      hide: [{ target: CLUSTER, facts: factsOfLists('clusterroles') }],
    });
    await expectSound(r);
    expect(resets).toBeGreaterThan(0);
    expect(r.snapshot.targets[0].status).toBe('partial');
    expect(reasonOf(r.snapshot)).toMatch(/list clusterroles\.rbac\.authorization\.k8s\.io failed/);
    record({
      area: 'Kubernetes',
      scenario: 'connection reset in the middle of a ClusterRoles page',
      outcome: 'RBAC facts unknown (network error); RBAC findings carried',
      ...counted(r),
    });
  });

  it('treats a server that never answers within the request timeout as unknown for that list', async () => {
    const r = await w.faulted({
      arm: () => holdLists((p) => p === 'secrets' || p === 'roles'),
      hide: [{ target: CLUSTER, facts: factsOfLists('secrets', 'roles') }],
      opts: { requestTimeoutMs: 400 },
    });
    await expectSound(r);
    expect(r.snapshot.targets[0].status).toBe('partial');
    expect(reasonOf(r.snapshot)).toContain('ETIMEDOUT');
    // The scan ended without the answers it asked for: it gave up on them instead of waiting.
    expect(w.held.length).toBeGreaterThan(0);
    expect(answered(w.held)).toBe(0);
    record({
      area: 'Kubernetes',
      scenario: 'server that never answers (Secrets, Roles), request timeout',
      outcome: 'those facts unknown (ETIMEDOUT) without waiting for the answer; findings carried',
      ...counted(r),
    });
  });

  it('treats a page of invalid JSON as unknown for the facts that list feeds', async () => {
    const r = await w.faulted({
      arm: () => {
        w.api.faults.page = ({ plural, continued, body, res }) => {
          if (plural !== 'pods' || !continued) return false;
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(`${body.slice(0, 40)}\u0000{{not json`);
          return true;
        };
      },
      hide: [{ target: CLUSTER, facts: factsOfLists('pods') }],
    });
    await expectSound(r);
    expect(r.snapshot.targets[0].status).toBe('partial');
    expect(reasonOf(r.snapshot)).toContain('not JSON');
    record({
      area: 'Kubernetes',
      scenario: 'a page of invalid JSON in the Pods list',
      outcome: 'workload and control-plane facts unknown (not JSON); findings carried',
      ...counted(r),
    });
  });
});

describe('Scenario: an RBAC kind forbidden while every other list succeeds', () => {
  const FORBIDDEN = 'clusterroles';
  const plan = () => ({
    arm: () => w.api.faults.forbid.add(FORBIDDEN),
    hide: [{ target: CLUSTER, facts: factsOfLists(FORBIDDEN) }],
    // The cluster is also truly fixed somewhere the scanner can see: that finding must resolve.
    change: () => w.replaceObjects(withoutDeployerToken()),
  });

  it('keeps the RBAC findings open (unknown, carried) and resolves only what was truly fixed', async () => {
    const r = await w.faulted(plan());
    expectTargetsAccounted(r.snapshot, [CLUSTER]);
    expect(r.falseResolved).toEqual([]);
    expect(r.lostFindings).toEqual([]);
    expect(r.snapshotsLost).toBe(0);
    expect(r.diff.resolved.map((x) => `${x.previous.checkId} ${x.previous.resource.name}`)).toEqual([
      'k8s.authn.legacy-sa-token-secrets deployer-token',
    ]);
    expect(reasonOf(r.snapshot)).toContain('grant list on clusterroles.rbac.authorization.k8s.io to the scanner');
    expect(r.diff.unassessed.filter((u) => u.previous.checkId.startsWith('k8s.rbac.')).length).toBeGreaterThan(0);
    record({
      area: 'Kubernetes',
      scenario: '403 on ClusterRoles only; a Secret truly removed meanwhile',
      outcome: 'RBAC findings carried (unknown, permission named); the removed Secret resolved, as the oracle expects',
      ...counted(r),
    });
  });

  it('protection removed: a lister that swallows the 403 makes the oracle count false resolutions', async () => {
    const list = LiveLister.prototype.list;
    jest.spyOn(LiveLister.prototype, 'list').mockImplementation(async function (this: LiveLister, spec, signal) {
      try {
        return await list.call(this, spec, signal);
      } catch (err) {
        if ((err as { status?: number }).status === 403) return 0; // the incompleteness signal, dropped
        throw err;
      }
    });
    const r = await w.faulted(plan());
    expect(r.falseResolved.length).toBeGreaterThan(0);
    expect(r.falseResolved.every((x) => /k8s\.rbac\./.test(x))).toBe(true);
  });
});

describe('Scenario: the time budget runs out in the middle of Kubernetes collection', () => {
  it('returns what was listed, with the rest unknown, without waiting for the lists in flight', async () => {
    const budget = new AbortController();
    const r = await w.faulted({
      // Two lists at a time, taken in order: when both workers wait on a held list, every earlier list is done.
      arm: () =>
        holdLists(
          (p) => !['namespaces', 'nodes', 'pods', 'services'].includes(p),
          (held) => {
            if (held === 2) budget.abort();
          },
        ),
      hide: [
        {
          target: CLUSTER,
          facts: factsOfLists(
            ...['serviceaccounts', 'secrets', 'replicationcontrollers', 'deployments', 'statefulsets', 'daemonsets'],
            ...['replicasets', 'jobs', 'cronjobs', 'networkpolicies', 'roles', 'rolebindings', 'clusterroles'],
            'clusterrolebindings',
          ),
        },
      ],
      opts: { concurrency: 2 },
      signal: () => budget.signal,
    });
    await expectSound(r);
    expect(r.snapshot.targets[0].status).toBe('partial');
    expect(reasonOf(r.snapshot)).toContain('time budget of the scan ran out');
    // What was listed before the end is assessed.
    expect(r.snapshot.results.some((x) => x.status !== 'unknown')).toBe(true);
    expect(answered(w.held)).toBe(0);
    record({
      area: 'Time',
      scenario: 'time budget ends mid-collection (Kubernetes, two lists held)',
      outcome: 'listed facts assessed, the rest unknown (time budget ran out); findings carried',
      ...counted(r),
    });
  });

  it('abandons a request in flight when the budget ends (the server never answers it)', async () => {
    const budget = new AbortController();
    const r = await w.faulted({
      arm: () =>
        holdLists(
          (p) => p === 'clusterroles',
          () => budget.abort(),
        ),
      hide: [{ target: CLUSTER, facts: factsOfLists('clusterroles') }],
      signal: () => budget.signal,
    });
    await expectSound(r);
    // Roles were in flight too: the RBAC fact names the first list the budget cut.
    expect(reasonOf(r.snapshot)).toMatch(
      /k8s\.rbac: list [a-z]+\.rbac\.authorization\.k8s\.io failed: the time budget/,
    );
    expect(w.held).toHaveLength(1);
    expect(answered(w.held)).toBe(0);
    record({
      area: 'Time',
      scenario: 'time budget ends while a Kubernetes request is in flight (never answered)',
      outcome: 'the request is abandoned at the budget; that list unknown; findings carried',
      ...counted(r),
    });
  });
});
