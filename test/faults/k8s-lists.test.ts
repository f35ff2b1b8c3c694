/**
 * Silent incompleteness in Kubernetes lists (docs/reliability.md): a page of a paged list answered with fewer items than
 * the server said remain, and no error; and a `continue` token that leads back to itself. Each must leave the
 * findings of the lists concerned open (unknown, carried) with a reason, and resolve nothing the oracle does not
 * support; "protection removed" drops the collector's incompleteness signal and shows the oracle counting it.
 */
import { LiveLister } from '../../src/collectors/k8s/live';
import { makeTestPki, type TestPki } from '../k8s-server/pki';
import { expectTargetsAccounted } from './support/invariants';
import { CLUSTER, factsOfLists, KubeWorld, type Measured, reasonOf } from './support/k8s-scenario';
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

const BINDINGS = ['rolebindings', 'clusterrolebindings'];
const counted = (r: Measured) => ({ snapshotsLost: r.snapshotsLost, falseResolved: r.falseResolved.length });

/** Every continued page of the binding lists answers with no items (the token still leads on), and no error. */
function dropPages() {
  let dropped = 0;
  w.api.faults.page = ({ plural, continued, body, res }) => {
    if (!continued || !BINDINGS.includes(plural)) return false;
    const list = JSON.parse(body) as { items: unknown[] };
    dropped += list.items.length;
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...list, items: [] }));
    return true;
  };
  return () => dropped;
}

/**
 * The binding lists' continue tokens lead back to the first page: every continued request answers the first page
 * again with the same token, so the later items never come. After 100 repeats the server ends the list as if
 * nothing were left, so a collector without the protection stops too, holding only the first page.
 */
function loopContinue() {
  const state = { repeats: 0 };
  const firstPage = new Map<string, { items: unknown[]; metadata: Record<string, unknown> }>();
  w.api.faults.page = ({ plural, continued, body, res }) => {
    if (!BINDINGS.includes(plural)) return false;
    if (!continued) {
      firstPage.set(plural, JSON.parse(body));
      return false;
    }
    const token = new URL(res.req.url ?? '/', 'https://x').searchParams.get('continue');
    state.repeats++;
    const first = firstPage.get(plural)!;
    const metadata =
      state.repeats >= 100
        ? { resourceVersion: first.metadata.resourceVersion }
        : { ...first.metadata, continue: token };
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(JSON.stringify({ ...first, metadata }));
    return true;
  };
  return state;
}

/** A lister that swallows whatever a list throws for these kinds: the incompleteness signal, dropped. */
function removeProtection(plurals: string[]) {
  const list = LiveLister.prototype.list;
  jest.spyOn(LiveLister.prototype, 'list').mockImplementation(async function (this: LiveLister, spec, signal) {
    try {
      return await list.call(this, spec, signal);
    } catch (err) {
      if (plurals.includes(spec.plural)) return 0;
      throw err;
    }
  });
}

describe('Scenario: a page silently missing from a list', () => {
  it('does not take a short list for the whole: the binding findings stay open', async () => {
    let dropped = () => 0;
    const r = await w.faulted({
      arm: () => {
        dropped = dropPages();
      },
      hide: [{ target: CLUSTER, facts: factsOfLists(...BINDINGS) }],
    });
    expect(dropped()).toBeGreaterThan(0);
    expectTargetsAccounted(r.snapshot, [CLUSTER]);
    expect(r.falseResolved).toEqual([]);
    expect(r.lostFindings).toEqual([]);
    expect(r.snapshotsLost).toBe(0);
    expect(r.snapshot.targets[0].status).toBe('partial');
    expect(reasonOf(r.snapshot)).toMatch(/k8s\.rbac: .*bindings/);
    record({
      area: 'Kubernetes',
      scenario: 'binding lists answer continued pages with no items, no error',
      outcome: 'RBAC facts unknown (list shorter than announced); findings carried',
      ...counted(r),
    });
  });

  it('protection removed: the oracle counts the findings a short list resolves', async () => {
    removeProtection(BINDINGS);
    const r = await w.faulted({
      arm: () => dropPages(),
      hide: [{ target: CLUSTER, facts: factsOfLists(...BINDINGS) }],
    });
    expect(r.falseResolved.length).toBeGreaterThan(0);
  });
});

describe('Scenario: a List whose continue token loops', () => {
  it('stops the list by itself and keeps its findings open', async () => {
    let loop = { repeats: 0 };
    const r = await w.faulted({
      arm: () => {
        loop = loopContinue();
      },
      hide: [{ target: CLUSTER, facts: factsOfLists(...BINDINGS) }],
    });
    // The collector noticed the loop: the server never had to end it.
    expect(loop.repeats).toBeGreaterThan(0);
    expect(loop.repeats).toBeLessThan(100);
    expectTargetsAccounted(r.snapshot, [CLUSTER]);
    expect(r.falseResolved).toEqual([]);
    expect(r.lostFindings).toEqual([]);
    expect(r.snapshotsLost).toBe(0);
    expect(reasonOf(r.snapshot)).toMatch(
      /k8s\.rbac: list [a-z]*bindings\.rbac\.authorization\.k8s\.io failed: .*continue/,
    );
    record({
      area: 'Kubernetes',
      scenario: 'binding lists whose continue token leads back to itself',
      outcome: 'the list stops at the repeated token; RBAC facts unknown; findings carried',
      ...counted(r),
    });
  });

  it('protection removed: the oracle counts what a looping list resolves', async () => {
    removeProtection(BINDINGS);
    const r = await w.faulted({
      arm: () => loopContinue(),
      hide: [{ target: CLUSTER, facts: factsOfLists(...BINDINGS) }],
    });
    expect(r.falseResolved.length).toBeGreaterThan(0);
  });
});
