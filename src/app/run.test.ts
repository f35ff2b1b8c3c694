import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wildcardCheck as wildcard } from '../../test/support/wildcard-check';
import { createLogger } from '../aws/logger';
import type { TargetSelection } from '../collectors/deps';
import type { FleetCollector, TargetCollector } from '../collectors/types';
import { parseConfig } from '../config/load';
import type { TargetFacts } from '../core/model';
import { shardOf } from '../core/shard';
import { LocalMarkerStore } from '../store/markers';
import { openStores, type Stores } from '../store/open';
import { RunObjects } from '../store/run-parts';
import type { ItemOutcome } from './fan-in';
import { planRun } from './plan';
import { finishRun, partKey, type RunDeps, runInProcess, scanItem } from './run';

const config = parseConfig(
  'scope: x\nclusters: [{ name: prod, manifests: ./p }]\nhostGroups: [{ name: workers, ssm: { tags: { role: [w] } } }]\n',
);
const nodes = Array.from({ length: 8 }, (_, i) => `i-0${(0xabc100 + i).toString(16)}000000000`);

const facts = (name: string, roles: string[]): TargetFacts => ({
  target: { name, kind: 'cluster' },
  facts: {
    'k8s.rbac': {
      ok: true,
      value: {
        roles: roles.map((n) => ({ kind: 'ClusterRole' as const, name: n, labels: {}, rules: [] })),
        bindings: [],
      },
    },
  },
});

let dir: string;
let stores: Stores;
let posts: string[];
let failShard: number | null;
let collected: Record<string, number>;
beforeEach(() => {
  collected = {};
  dir = mkdtempSync(join(tmpdir(), 'run-'));
  stores = openStores({ type: 'local', dir });
  posts = [];
  failShard = null;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** The group's fleet honours the shard of the selection, as the SSM collector does. */
function collectors(_c: unknown, s: TargetSelection): (TargetCollector | FleetCollector)[] {
  if (s.kind === 'cluster') {
    return [{ target: { name: 'prod', kind: 'cluster' }, collect: async () => facts('prod', ['wild-p']) }];
  }
  if (s.kind !== 'hostGroup') return [];
  const shard = s.shard;
  return [
    {
      name: 'workers',
      collect: async () => {
        const key = shard ? `workers#${shard.index}` : 'workers';
        collected[key] = (collected[key] ?? 0) + 1;
        if (shard && shard.index === failShard) throw new Error('Task timed out after 900.00 seconds');
        const mine = nodes.filter((id) => !shard || shardOf(id, shard.count) === shard.index);
        return { facts: mine.map((id) => facts(id, [`wild-${id}`])), unreachable: [] };
      },
    },
  ];
}

const deps = (): RunDeps => ({
  config,
  checks: [wildcard],
  collectors,
  stores,
  publish: async (scan, { scope }) => {
    posts.push(`${scope} ${scan.diff.regressions.length}`);
  },
  logger: createLogger({}, () => {}),
  clock: () => new Date('2026-12-01T02:00:00Z'),
});
const run = { runId: 'arn:aws:states:eu-west-1:1:execution:nightly:n1', startedAt: '2026-12-01T01:59:00Z' };

describe('Function: runInProcess', () => {
  it('scans the shards of a group into one snapshot with one post, the same as unsharded', async () => {
    const plan = planRun(config, { groupSizes: { workers: 8 }, hostsPerShard: 3 });
    expect(plan.map((p) => p.id)).toEqual([
      'x/hosts/workers#0/4',
      'x/hosts/workers#1/4',
      'x/hosts/workers#2/4',
      'x/hosts/workers#3/4',
      'x/cluster/prod',
    ]);
    const out = await runInProcess(deps(), plan, run);
    expect(out.map((o) => [o.scope, o.regressions, o.error])).toEqual([
      ['x/hosts/workers', 8, undefined],
      ['x/cluster/prod', 1, undefined],
    ]);
    expect(posts.sort()).toEqual(['x/cluster/prod 1', 'x/hosts/workers 8']);
    const [ref] = await stores.snapshots.list('x/hosts/workers');
    const { snapshot } = await stores.snapshots.get(ref!);
    expect(snapshot.targets.map((t) => t.name).sort()).toEqual([...nodes].sort());
  });

  it('never stores or posts a scope twice when an item is retried or the run redriven', async () => {
    const plan = planRun(config, { groupSizes: { workers: 8 }, hostsPerShard: 3 });
    const first = await runInProcess(deps(), plan, run);
    const again = await scanItem(deps(), plan.at(-1)!, run);
    const redriven = await runInProcess(deps(), plan, run);
    expect(again).toMatchObject({ ok: true, summary: { scope: 'x/cluster/prod', stored: first[1].stored } });
    expect(redriven.map((o) => o.stored)).toEqual(first.map((o) => o.stored));
    expect(await stores.snapshots.list('x/hosts/workers')).toHaveLength(1);
    expect(await stores.snapshots.list('x/cluster/prod')).toHaveLength(1);
    expect(posts).toHaveLength(2);
    // Another run (another execution) scans again.
    await runInProcess(deps(), plan, { ...run, runId: 'n2' });
    expect(await stores.snapshots.list('x/cluster/prod')).toHaveLength(2);
  });

  it('makes the group partial when a shard fails: its nodes carried as unassessed, none resolved', async () => {
    const plan = planRun(config, { groupSizes: { workers: 8 }, hostsPerShard: 3 });
    await runInProcess(deps(), plan, { ...run, runId: 'night-1' });
    failShard = 2;
    const out = await runInProcess(deps(), plan, { ...run, runId: 'night-2' });
    expect(out[0].error).toBeUndefined();
    const refs = await stores.snapshots.list('x/hosts/workers');
    const { snapshot } = await stores.snapshots.get(refs.at(-1)!);
    const lost = nodes.filter((id) => shardOf(id, 4) === 2);
    expect(lost.length).toBeGreaterThan(0);
    expect(snapshot.carried.map((r) => r.target).sort()).toEqual([...lost].sort());
    expect(snapshot.targets).toContainEqual(
      expect.objectContaining({ name: 'workers (shard 3 of 4)', status: 'unreachable' }),
    );
  });

  it('reports a scope whose item has no outcome as failed, and stores nothing for it', async () => {
    const plan = planRun(config, {});
    const out = await finishRun(deps(), plan, [], run);
    expect(out.map((o) => o.error)).toEqual([
      'the scan of this scope gave no outcome',
      'the scan of this scope gave no outcome',
    ]);
    expect(await stores.snapshots.scopes()).toEqual([]);
  });
});

describe('Shard facts by reference', () => {
  const sharded = () => planRun(config, { groupSizes: { workers: 8 }, hostsPerShard: 3 });
  /** Each task its own invocation: the shards and the fan-in meet in the store's run objects, on disk here. */
  const stepDeps = (): RunDeps => ({ ...deps(), runObjects: new RunObjects(new LocalMarkerStore(dir)) });
  const partFile = (itemId: string, r = run) => join(dir, 'markers', `${partKey({ id: itemId }, r)}.json`);

  it('hands on a small reference to the facts written in the store, and reuses the part on a retry', async () => {
    const item = sharded()[0]!;
    const out = await scanItem(stepDeps(), item, run);
    expect(out).toEqual({
      id: item.id,
      ok: true,
      part: { key: partKey(item, run), bytes: expect.any(Number), sha256: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(JSON.stringify(out).length).toBeLessThan(300);
    expect(readFileSync(partFile(item.id), 'utf8')).toContain('wild-i-');
    expect(await scanItem(stepDeps(), item, run)).toEqual(out);
    expect(collected['workers#0']).toBe(1);
    // A part that no longer reads back is collected again and replaced (its own key only).
    writeFileSync(partFile(item.id), '{"partVersion":1,');
    expect(await scanItem(stepDeps(), item, run)).toEqual(out);
    expect(collected['workers#0']).toBe(2);
  });

  it.each([
    ['deleted', (f: string) => rmSync(f), /is missing/],
    ['truncated', (f: string) => writeFileSync(f, readFileSync(f).subarray(0, 40)), /is not what was written/],
    [
      'altered',
      (f: string) => writeFileSync(f, readFileSync(f, 'utf8').replaceAll('wild-i-', 'tame-i-')),
      /is not what was written/,
    ],
  ])(
    'a part %s between the Map and the fan-in makes the group partial with the reason, never resolved',
    async (_how, tamper, reason) => {
      const plan = sharded();
      await runInProcess(stepDeps(), plan, { ...run, runId: 'night-1' });
      const night2 = { ...run, runId: 'night-2' };
      const outcomes: ItemOutcome[] = [];
      for (const item of plan) outcomes.push(await scanItem(stepDeps(), item, night2));
      tamper(partFile('x/hosts/workers#2/4', night2));
      const [group] = await finishRun(stepDeps(), plan, outcomes, night2);
      expect(group).toMatchObject({ scope: 'x/hosts/workers', regressions: 0 });
      const { snapshot } = await stores.snapshots.get((await stores.snapshots.list('x/hosts/workers')).at(-1)!);
      const lost = nodes.filter((id) => shardOf(id, 4) === 2);
      expect(lost.length).toBeGreaterThan(0);
      expect(snapshot.carried.map((r) => r.target).sort()).toEqual([...lost].sort());
      expect(snapshot.targets).toContainEqual({
        name: 'workers (shard 3 of 4)',
        kind: 'host',
        status: 'unreachable',
        reason: expect.stringMatching(reason),
      });
      const target = snapshot.targets.find((t) => t.name === 'workers (shard 3 of 4)');
      expect(target?.reason).toMatch(
        /^shard 3 of 4 was scanned but its facts cannot be used: runs\/r[0-9a-f]{8}\/parts\//,
      );
    },
  );

  it('refuses a reference that names another key, and fails a shard with no run store', async () => {
    const plan = sharded();
    const outcomes: ItemOutcome[] = [];
    for (const item of plan) outcomes.push(await scanItem(stepDeps(), item, run));
    const forged = outcomes.map((o) =>
      o.ok && o.id === 'x/hosts/workers#1/4'
        ? { ...o, part: { ...o.part!, key: partKey({ id: 'x/cluster/prod' }, run) } }
        : o,
    );
    await finishRun(stepDeps(), plan, forged, run);
    const { snapshot } = await stores.snapshots.get((await stores.snapshots.list('x/hosts/workers')).at(-1)!);
    expect(snapshot.targets.find((t) => t.name === 'workers (shard 2 of 4)')?.reason).toMatch(/its reference names/);
    await expect(scanItem(deps(), plan[0]!, run)).rejects.toThrow(/needs the run store/);
  });
});
