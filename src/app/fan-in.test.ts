import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { wildcardCheck as wildcard } from '../../test/support/wildcard-check';
import type { TargetFacts } from '../core/model';
import { openStores, type Stores } from '../store/open';
import { fanIn, type GatheredOutcome, replayCollector } from './fan-in';
import type { PlanItem } from './plan';
import { scanScopes } from './scan-scopes';

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

const plan: PlanItem[] = [
  { id: 'g#0/2', scope: 'hosts/g', target: { kind: 'hostGroup', name: 'g' }, shard: { index: 0, count: 2 } },
  { id: 'g#1/2', scope: 'hosts/g', target: { kind: 'hostGroup', name: 'g' }, shard: { index: 1, count: 2 } },
  { id: 'cluster/a', scope: 'cluster/a', target: { kind: 'cluster', name: 'a' } },
];
const summary = { scope: 'cluster/a', scanId: 's', stored: 'k', posted: true, regressions: 0, unassessedTargets: 0 };

let dir: string;
let stores: Stores;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'fan-in-'));
  stores = openStores({ type: 'local', dir });
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('Function: fanIn', () => {
  it('merges the shards of a group into one fleet, passes a whole scope through, and fails a scope with no outcome', () => {
    const out = fanIn(plan, [
      { id: 'g#0/2', ok: true, part: { facts: [facts('n1', [])], unreachable: [] } },
      {
        id: 'g#1/2',
        ok: true,
        part: { facts: [facts('n2', [])], unreachable: [{ target: { name: 'n3', kind: 'host' }, reason: 'offline' }] },
      },
    ]);
    expect(out[0]).toMatchObject({ kind: 'merge', scope: 'hosts/g', missing: [] });
    expect(out[0].kind === 'merge' && out[0].fleet.facts.map((f) => f.target.name)).toEqual(['n1', 'n2']);
    expect(out[1]).toEqual({ kind: 'failed', scope: 'cluster/a', error: 'the scan of this scope gave no outcome' });
    expect(fanIn(plan, [{ id: 'cluster/a', ok: true, summary }])[1]).toEqual({
      kind: 'done',
      scope: 'cluster/a',
      summary,
    });
  });

  it('refuses an outcome the plan does not name, and a duplicate one', () => {
    expect(() => fanIn(plan, [{ id: 'nope', ok: false, error: 'x' }])).toThrow(/not in the plan/);
    const twice: GatheredOutcome[] = [
      { id: 'cluster/a', ok: true, summary },
      { id: 'cluster/a', ok: true, summary },
    ];
    expect(() => fanIn(plan, twice)).toThrow(/two outcomes/);
  });

  it('makes the group partial when a shard failed: one snapshot, the shard named unreachable, its findings carried, never resolved', async () => {
    const scan = (outcomes: GatheredOutcome[]) => {
      const merged = fanIn(plan, outcomes)[0];
      if (merged.kind !== 'merge') throw new Error('not merged');
      return scanScopes({
        scopes: [{ scope: merged.scope, collectors: [replayCollector(merged.group, merged.fleet)] }],
        trigger: 'test',
        checks: [wildcard],
        stores,
      });
    };
    const first = await scan([
      { id: 'g#0/2', ok: true, part: { facts: [facts('n1', ['wild-1'])], unreachable: [] } },
      { id: 'g#1/2', ok: true, part: { facts: [facts('n2', ['wild-2'])], unreachable: [] } },
    ]);
    expect(first[0].scan?.diff.regressions).toHaveLength(2);

    const second = await scan([
      { id: 'g#0/2', ok: true, part: { facts: [facts('n1', ['wild-1'])], unreachable: [] } },
      { id: 'g#1/2', ok: false, error: 'Lambda.TooManyRequestsException: Rate exceeded' },
    ]);
    const { snapshot, diff } = second[0].scan!;
    expect(diff.resolved).toEqual([]);
    expect(diff.unassessed.map((u) => u.previous.target)).toEqual(['n2']);
    expect(snapshot.carried.map((r) => r.target)).toEqual(['n2']);
    expect(snapshot.targets).toContainEqual(
      expect.objectContaining({
        name: 'g (shard 2 of 2)',
        status: 'unreachable',
        reason: 'shard 2 of 2 was not scanned: Lambda.TooManyRequestsException: Rate exceeded',
      }),
    );
    expect(await stores.snapshots.list('hosts/g')).toHaveLength(2);
  });
});
