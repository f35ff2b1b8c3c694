/**
 * The SSM scenario harness: runScan() with the real SSM runner (ssmHostCollector) over a simulated fleet
 * (ssm-fleet.ts, a virtual clock), the real host checks and a real local store. A healthy baseline is stored (the
 * demo node's planted weaknesses fail); a fault-free reference scan (not stored) tells the oracle the truth; then the
 * faulted scan is stored and diffed by the real compare(). Every count comes from the oracle and the store.
 */
import { mkdirSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { hostChecks } from '../../../checks/host';
import { runProbe } from '../../../src/collectors/host/local';
import { parseProbeOutput } from '../../../src/collectors/host/parse-probe';
import type { TargetFacts } from '../../../src/core/model';
import { runScan, type ScanResponse } from '../../../src/scan/run-scan';
import { openStores, type Stores } from '../../../src/store/open';
import type { SnapshotStore } from '../../../src/store/types';
import { expectTargetsAccounted, openFingerprints, tempDir } from './invariants';
import { type Hidden, lostSnapshots, Oracle } from './oracle';
import { type FleetOptions, type NodeBehaviour, SimulatedFleet } from './ssm-fleet';

export const NODES = ['i-0000000000000000a', 'i-0000000000000000b', 'i-0000000000000000c', 'i-0000000000000000d'];
export const SCOPE = 'faults/hosts';
let output = '';
/** What the probe prints on a host with nothing on it: valid, complete, and empty. */
let emptyHostOutput = '';
let dir = '';
let stores: Stores;

/** Installs the hooks: the probe's outputs once, a fresh store per test. */
export function useSsmWorld(): void {
  beforeAll(async () => {
    // The real probe over the committed demo root: planted weaknesses, so the baseline has open findings.
    const run = await runProbe(join(__dirname, '..', '..', 'host', 'roots', 'node-a'));
    output = run.stdout;
    expect(output.length).toBeGreaterThan(2000);
    const bare = tempDir('cb-empty-root-');
    mkdirSync(join(bare, 'etc'));
    emptyHostOutput = (await runProbe(bare)).stdout;
    rmSync(bare, { recursive: true, force: true });
    expect(emptyHostOutput).toMatch(/"end":true\}\s*$/);
  });
  beforeEach(() => {
    dir = tempDir();
    stores = openStores({ type: 'local', dir });
  });
  afterEach(() => {
    jest.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });
}

/** What the demo node's probe printed. */
export const probeOutput = () => output;
/** What the probe prints on a host with nothing on it. */
export const emptyProbeOutput = () => emptyHostOutput;
/** The test's store. */
export const snapshotStore = () => stores.snapshots;

export async function scan(
  opts: Omit<FleetOptions, 'output'>,
  store: SnapshotStore | null = stores.snapshots,
): Promise<{ out: ScanResponse; fleet: SimulatedFleet }> {
  const fleet = new SimulatedFleet({ output, apiLimit: 1200, ...opts });
  try {
    const out = await runScan({
      scope: SCOPE,
      trigger: 'test',
      collectors: [fleet.collector()],
      checks: hostChecks,
      store,
      signal: fleet.abort.signal,
    });
    return { out, fleet };
  } finally {
    fleet.restore();
  }
}

export const all = (b: NodeBehaviour) => Object.fromEntries(NODES.map((id) => [id, b]));

/** Baseline, reference (the truth, not stored), then the faulted scan: what happened, counted. */
export async function faulted(nodes: Record<string, NodeBehaviour>, extra: Partial<FleetOptions>, hide: Hidden[]) {
  const first = await scan({ nodes: all('ok') });
  expect(first.out.diff.baseline).toBe(true);
  const reference = await scan({ nodes: all('ok') }, null);
  expect(reference.out.snapshot.targets.every((t) => t.status === 'assessed')).toBe(true);
  const oracle = new Oracle(hostChecks).knowWorld(reference.out.snapshot.results).hide(...hide);
  const second = await scan({ nodes, ...extra });
  const { snapshot, diff } = second.out;
  const stored = await stores.snapshots.list(SCOPE);
  return {
    first: first.out.snapshot,
    snapshot,
    diff,
    fleet: second.fleet,
    falseResolved: oracle.falseResolutions(diff),
    lostFindings: oracle.lostFindings(first.out.snapshot, snapshot),
    snapshotsLost: lostSnapshots([first.out.snapshot.scanId, snapshot.scanId], stored),
  };
}
export type Measured = Awaited<ReturnType<typeof faulted>>;

/** The promises of a fault that only hides data: nothing resolved or lost, every open finding still open. */
export function expectSound(r: Measured) {
  expectTargetsAccounted(r.snapshot, NODES);
  expect(r.falseResolved).toEqual([]);
  expect(r.lostFindings).toEqual([]);
  const openAfter = openFingerprints(r.snapshot);
  expect([...openFingerprints(r.first)].filter((fp) => !openAfter.has(fp))).toEqual([]);
  expect(r.diff.resolved).toEqual([]);
  expect(r.diff.regressions).toEqual([]);
  expect(r.snapshotsLost).toBe(0);
}

export const counted = (r: Measured) => ({ snapshotsLost: r.snapshotsLost, falseResolved: r.falseResolved.length });
export const hideNodes = (...ids: string[]): Hidden[] => ids.map((target) => ({ target }));

/**
 * The SSM collector without its completeness checks, whichever of them caught the fault (an empty output, no end
 * marker, an S3 copy that does not match the invocation): a node whose output was not usable is read as what a bare
 * host prints. The incompleteness signal is dropped; the oracle must see the difference.
 */
export function removeCompletenessCheck(node: string) {
  const collector = SimulatedFleet.prototype.collector;
  jest.spyOn(SimulatedFleet.prototype, 'collector').mockImplementation(function (this: SimulatedFleet, name) {
    const real = collector.call(this, name);
    return {
      ...real,
      collect: async (ctx) => {
        const out = await real.collect(ctx);
        const unusable = (tf: TargetFacts) => Object.values(tf.facts).some((f) => f && !f.ok);
        return {
          ...out,
          facts: out.facts.map((tf) =>
            tf.target.name === node && unusable(tf) ? parseProbeOutput(emptyHostOutput, tf.target) : tf,
          ),
        };
      },
    };
  });
}
