/**
 * SSM faults through the real pipeline: runScan() with the real SSM runner (ssmHostCollector) over a simulated
 * fleet, the real host checks, and a real local snapshot store. A healthy first scan sets the baseline (the demo
 * node's planted weaknesses fail); the second scan runs with the fault. Nothing that could not be assessed may be
 * resolved, every node appears with its status and reason, and each scan is stored exactly once.
 */
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { hostChecks } from '../../checks/host';
import { runProbe } from '../../src/collectors/host/local';
import { runScan, type ScanResponse } from '../../src/scan/run-scan';
import { openStores, type Stores } from '../../src/store/open';
import { expectTargetsAccounted, falseResolutions, openFingerprints, tempDir } from './support/invariants';
import { CLEAN, record } from './support/ledger';
import { type FleetOptions, type NodeBehaviour, SimulatedFleet } from './support/ssm-fleet';

const NODES = ['i-0000000000000000a', 'i-0000000000000000b', 'i-0000000000000000c', 'i-0000000000000000d'];
const SCOPE = 'faults/hosts';
let output = '';
let dir = '';
let stores: Stores;

beforeAll(async () => {
  // The real probe over the committed demo root: planted weaknesses, so the baseline has open findings.
  const run = await runProbe(join(__dirname, '..', 'host', 'roots', 'node-a'));
  output = run.stdout;
  expect(output.length).toBeGreaterThan(2000);
});
beforeEach(() => {
  dir = tempDir();
  stores = openStores({ type: 'local', dir });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

async function scan(opts: Omit<FleetOptions, 'output'>): Promise<{ out: ScanResponse; fleet: SimulatedFleet }> {
  const fleet = new SimulatedFleet({ output, apiLimit: 1200, ...opts });
  try {
    const out = await runScan({
      scope: SCOPE,
      trigger: 'test',
      collectors: [fleet.collector()],
      checks: hostChecks,
      store: stores.snapshots,
      signal: fleet.abort.signal,
    });
    return { out, fleet };
  } finally {
    fleet.restore();
  }
}

const all = (b: NodeBehaviour) => Object.fromEntries(NODES.map((id) => [id, b]));

async function faulted(nodes: Record<string, NodeBehaviour>, extra: Partial<FleetOptions> = {}) {
  const first = await scan({ nodes: all('ok') });
  expect(first.out.diff.baseline).toBe(true);
  const openBefore = openFingerprints(first.out.snapshot);
  expect(openBefore.size).toBeGreaterThan(0);
  const second = await scan({ nodes, ...extra });
  const { snapshot, diff } = second.out;
  expectTargetsAccounted(snapshot, NODES);
  const bad = falseResolutions(snapshot, diff);
  expect(bad).toEqual([]);
  // Nothing open before is lost: still failing, or carried with the reason it could not be assessed.
  const openAfter = openFingerprints(snapshot);
  const lostFindings = [...openBefore].filter((fp) => !openAfter.has(fp));
  expect(lostFindings).toEqual([]);
  expect(diff.resolved).toEqual([]);
  expect(diff.regressions).toEqual([]);
  const stored = await stores.snapshots.list(SCOPE);
  expect(stored.map((r) => r.scanId).sort()).toEqual([first.out.snapshot.scanId, snapshot.scanId].sort());
  return { snapshot, diff, fleet: second.fleet, lost: 2 - stored.length, falseResolved: bad.length };
}

describe('Scenario: SSM faults through runScan', () => {
  it('rides out bursts of ThrottlingException on every call and assesses the whole fleet', async () => {
    const r = await faulted(all('ok'), { throttle: { describe: 3, send: 2, list: 4, getObject: 3 } });
    expect(r.fleet.throttles).toBe(12);
    expect(r.snapshot.targets.every((t) => t.status === 'assessed')).toBe(true);
    expect(r.diff.unassessed).toEqual([]);
    record({
      area: 'SSM',
      scenario: 'ThrottlingException bursts (12 throttled calls)',
      outcome: 'all 4 nodes assessed after backoff; diff unchanged',
      ...CLEAN,
      snapshotsLost: r.lost,
      falseResolved: r.falseResolved,
    });
  });

  it('makes Undeliverable, TimedOut and never-answering nodes unreachable with their reasons, resolving nothing', async () => {
    const r = await faulted(
      {
        [NODES[0]]: 'ok',
        [NODES[1]]: 'undeliverable',
        [NODES[2]]: 'timed-out',
        [NODES[3]]: 'silent',
      },
      { budgetMs: 200_000 },
    );
    const reason = (id: string) => r.snapshot.targets.find((t) => t.name === id);
    expect(reason(NODES[0])?.status).toBe('assessed');
    expect(reason(NODES[1])).toMatchObject({ status: 'unreachable', reason: expect.stringContaining('Undeliverable') });
    expect(reason(NODES[2])).toMatchObject({
      status: 'unreachable',
      reason: expect.stringContaining('ExecutionTimedOut'),
    });
    expect(reason(NODES[3])).toMatchObject({
      status: 'unreachable',
      reason: expect.stringContaining('did not answer before the deadline'),
    });
    expect(r.diff.unassessed.length).toBeGreaterThan(0);
    expect(new Set(r.diff.unassessed.map((u) => u.previous.target))).toEqual(new Set(NODES.slice(1)));
    record({
      area: 'SSM',
      scenario: 'fleet with Undeliverable, TimedOut and never-answering nodes',
      outcome: '1 assessed, 3 unreachable with reasons; their open findings carried, none resolved',
      ...CLEAN,
      snapshotsLost: r.lost,
      falseResolved: r.falseResolved,
    });
  });

  it('treats output truncated by the API, with no S3 copy, as unknown with the reason', async () => {
    const r = await faulted(all('ok'), { withS3: false });
    for (const t of r.snapshot.targets) {
      expect(t.status).toBe('partial');
      expect(t.reason).toContain('set ssm.outputBucket');
    }
    expect(r.snapshot.results.some((x) => x.status === 'unknown')).toBe(true);
    record({
      area: 'SSM',
      scenario: 'output truncated by the API, no S3 copy',
      outcome: 'targets partial with the reason (set ssm.outputBucket); findings carried',
      ...CLEAN,
      snapshotsLost: r.lost,
      falseResolved: r.falseResolved,
    });
  });

  it('treats a missing S3 copy of the output as unknown, naming the object', async () => {
    const r = await faulted({ ...all('ok'), [NODES[2]]: 's3-missing' });
    const t = r.snapshot.targets.find((x) => x.name === NODES[2]);
    expect(t?.status).toBe('partial');
    expect(t?.reason).toMatch(
      /could not be read from s3:\/\/out-bucket\/ssm-output\/cmd-1\/i-0000000000000000c.*NoSuchKey/,
    );
    expect(r.snapshot.targets.filter((x) => x.status === 'assessed')).toHaveLength(3);
    record({
      area: 'SSM',
      scenario: 'S3 copy of the output missing (NoSuchKey) on one node',
      outcome: 'that node partial, naming the S3 object; its findings carried',
      ...CLEAN,
      snapshotsLost: r.lost,
      falseResolved: r.falseResolved,
    });
  });
});

describe('Scenario: the Lambda runs out of time in the middle of SSM collection', () => {
  it('returns the nodes that answered, the rest unknown, and leaves the safety margin free', async () => {
    const r = await faulted(
      { [NODES[0]]: 'ok', [NODES[1]]: 'silent', [NODES[2]]: 'ok', [NODES[3]]: 'silent' },
      { budgetMs: 60_000 },
    );
    const status = Object.fromEntries(r.snapshot.targets.map((t) => [t.name, t.status]));
    expect(status).toEqual({
      [NODES[0]]: 'assessed',
      [NODES[1]]: 'unreachable',
      [NODES[2]]: 'assessed',
      [NODES[3]]: 'unreachable',
    });
    for (const id of [NODES[1], NODES[3]])
      expect(r.snapshot.targets.find((t) => t.name === id)?.reason).toMatch(/did not answer before the deadline/);
    // The collector stopped polling before the 20 s kept for evaluation and storage.
    expect(r.fleet.now).toBeLessThanOrEqual(60_000 - 20_000);
    record({
      area: 'Time',
      scenario: 'Lambda time runs out mid-collection (SSM, 2 of 4 nodes silent)',
      outcome: 'answered nodes assessed; silent ones unknown (deadline); margin kept; findings carried',
      ...CLEAN,
      snapshotsLost: r.lost,
      falseResolved: r.falseResolved,
    });
  });
});

describe("Scenario: the nightly handler's time signal ends SSM collection", () => {
  it('still reads the output of the nodes that answered; only the silent ones are unknown', async () => {
    const r = await faulted(
      { [NODES[0]]: 'ok', [NODES[1]]: 'silent', [NODES[2]]: 'ok', [NODES[3]]: 'silent' },
      { abortAtMs: 30_000 },
    );
    const status = Object.fromEntries(r.snapshot.targets.map((t) => [t.name, t.status]));
    expect(status).toEqual({
      [NODES[0]]: 'assessed',
      [NODES[1]]: 'unreachable',
      [NODES[2]]: 'assessed',
      [NODES[3]]: 'unreachable',
    });
    record({
      area: 'Time',
      scenario: "the handler's AbortSignal ends SSM polling (2 of 4 nodes silent)",
      outcome: 'outputs of the answered nodes still read and assessed; silent ones unknown',
      ...CLEAN,
      snapshotsLost: r.lost,
      falseResolved: r.falseResolved,
    });
  });
});
