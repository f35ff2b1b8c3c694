import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wildcardCheck as wildcard } from '../../test/support/wildcard-check';
import { createLogger } from '../aws/logger';
import type { TargetSelection } from '../collectors/deps';
import type { FleetCollector, TargetCollector } from '../collectors/types';
import { parseConfig } from '../config/load';
import type { TargetFacts } from '../core/model';
import { shardOf } from '../core/shard';
import { openStores, type Stores } from '../store/open';
import { planRun } from './plan';
import { finishRun, type RunDeps, runInProcess, scanItem } from './run';

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
beforeEach(() => {
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
