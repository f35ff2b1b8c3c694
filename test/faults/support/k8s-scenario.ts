/**
 * The Kubernetes scenario harness: runScan() with the live collector against the test API server over HTTPS, every
 * cluster check and a real local store. A clean baseline scan is stored; a fault-free reference scan of the same
 * world (not stored) tells the oracle the truth; then the fault is armed and the faulted scan is stored and diffed
 * by the real compare(). Every count comes from what happened: the oracle's verdicts and the store's contents.
 */
import { rmSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { checks } from '../../../checks';
import { endpointFromKubeConfig, loadKubeConfig } from '../../../src/collectors/k8s/kubeconfig';
import { kubeClusterCollector, LISTS, type LiveOptions } from '../../../src/collectors/k8s/live';
import type { Diff, FactKey, Snapshot } from '../../../src/core/model';
import { runScan, type ScanResponse } from '../../../src/scan/run-scan';
import { openStores, type Stores } from '../../../src/store/open';
import type { SnapshotStore } from '../../../src/store/types';
import { FIXTURE_OBJECTS } from '../../k8s/fixture-cluster';
import { makeTestPki, type TestPki } from '../../k8s-server/pki';
import { startTestApiServer, type TestApiServer } from '../../k8s-server/server';
import { tempDir } from './invariants';
import { type Hidden, lostSnapshots, Oracle } from './oracle';

export const clusterChecks = checks.filter((c) => c.targetKind === 'cluster');
export const SCOPE = 'faults/cluster-prod';
export const CLUSTER = 'prod';

/** The facts a list feeds, as the collector declares them: what hiding that list keeps from the checks. */
export function factsOfLists(...plurals: string[]): FactKey[] {
  return [...new Set(LISTS.filter((l) => plurals.includes(l.plural)).flatMap((l) => l.facts))];
}

export interface Measured {
  first: Snapshot;
  snapshot: Snapshot;
  diff: Diff;
  /** Resolutions the oracle does not support. */
  falseResolved: string[];
  /** Findings truly still failing that the new snapshot neither fails nor carries. */
  lostFindings: string[];
  snapshotsLost: number;
}

/** One scenario's world: a test API server, a store, and the waits the collector asked for. */
export class KubeWorld {
  pki!: TestPki;
  api!: TestApiServer;
  dir = '';
  stores!: Stores;
  readonly waits: number[] = [];
  /** Answers the server holds back (never sent): closed when the world is torn down. */
  readonly held: ServerResponse[] = [];

  async start(pki: TestPki = makeTestPki(), objects: readonly unknown[] = FIXTURE_OBJECTS): Promise<void> {
    this.pki = pki;
    this.api = await startTestApiServer({ pki, objects: [...objects], maxLimit: 3 });
    this.dir = tempDir();
    this.stores = openStores({ type: 'local', dir: this.dir });
    this.waits.length = 0;
    this.held.length = 0;
  }

  /** The world changes between scans: the server now serves these objects. */
  async replaceObjects(objects: readonly unknown[]): Promise<void> {
    await this.api.close();
    this.api = await startTestApiServer({ pki: this.pki, objects: [...objects], maxLimit: 3 });
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    await this.api.close();
    rmSync(this.dir, { recursive: true, force: true });
  }

  scan(opts: LiveOptions = {}, signal?: AbortSignal, store: SnapshotStore | null = this.stores.snapshots) {
    const api = this.api;
    const collector = kubeClusterCollector(
      CLUSTER,
      async () => endpointFromKubeConfig(loadKubeConfig({ yaml: api.kubeconfig() })),
      {
        pageSize: 2,
        sleep: async (ms) => {
          this.waits.push(ms);
        },
        // Far beyond a loopback handshake: a busy machine slows the scan, it must not make the TLS facts unknown.
        tls: { timeoutMs: 120_000 },
        ...opts,
      },
    );
    return runScan({ scope: SCOPE, trigger: 'test', collectors: [collector], checks: clusterChecks, store, signal });
  }

  /**
   * Baseline, an optional change of the world, the reference scan, then the faulted scan. `hide` says what the
   * fault keeps from the scanner (the oracle's knowledge of visibility).
   */
  async faulted(plan: {
    arm: () => void;
    hide: Hidden[];
    opts?: LiveOptions;
    signal?: () => AbortSignal;
    change?: () => Promise<void>;
  }): Promise<Measured> {
    const first = await this.scan();
    expect(problemsOf(first.snapshot).filter((p) => !CONFIG_OFF.test(p))).toEqual([]);
    await plan.change?.();
    const reference = await this.scan({}, undefined, null);
    expect(problemsOf(reference.snapshot).filter((p) => !CONFIG_OFF.test(p))).toEqual([]);
    const oracle = new Oracle(clusterChecks).knowWorld(reference.snapshot.results).hide(...plan.hide);
    plan.arm();
    const second: ScanResponse = await this.scan(plan.opts, plan.signal?.());
    const stored = await this.stores.snapshots.list(SCOPE);
    return {
      first: first.snapshot,
      snapshot: second.snapshot,
      diff: second.diff,
      falseResolved: oracle.falseResolutions(second.diff),
      lostFindings: oracle.lostFindings(first.snapshot, second.snapshot),
      snapshotsLost: lostSnapshots([first.snapshot.scanId, second.snapshot.scanId], stored),
    };
  }
}

/** Facts the scanner's configuration leaves off (reading TLS Secrets): not a fault. */
const CONFIG_OFF = /not enabled|disabled by configuration/;

/** The fact failures a scan reports for the cluster (`fact: reason`). */
export const problemsOf = (s: Snapshot) => (s.targets[0].reason ? s.targets[0].reason.split('; ') : []);
export const reasonOf = (s: Snapshot) => s.targets[0].reason ?? '';
/** What failed in the faulted scan and not in the clean one. */
export const newProblems = (r: { first: Snapshot; snapshot: Snapshot }) => {
  const before = new Set(problemsOf(r.first));
  return problemsOf(r.snapshot).filter((p) => !before.has(p));
};
