/**
 * The plan of a nightly run, the same in-process (CLI, `serverless invoke local`, the nightly Lambda) and in the
 * state machine (docs/deploy.md, "The nightly run"): one item per cluster and per host group, a large host group
 * split into shards. Pure: the sizes of the host groups are given by the caller.
 *
 * A node belongs to shard `fnv1a(instanceId) mod N` (src/core/shard.ts), and N is a power of two that depends only on
 * the group's size band (ceil(size / hostsPerShard), rounded up to a power of two, at most maxShards). While the group
 * stays in its band a node stays in its shard night after night; when the group doubles, each shard splits in two.
 * Within one night every node is in exactly one shard: none is scanned twice or skipped.
 */
import type { Config } from '../config/schema';
import { scopedSelections } from '../scan/scopes';
import type { RunObjectRef } from '../store/run-parts';

export { fnv1a, shardOf } from '../core/shard';

export interface Shard {
  index: number;
  count: number;
}

export interface PlanItem {
  /** Unique in the plan: the scope, with `#k/N` for a shard. */
  id: string;
  /** The snapshot scope the item's findings belong to (src/scan/scopes.ts). */
  scope: string;
  target: { kind: 'cluster' | 'hostGroup'; name: string };
  /** Absent: the whole scope in one item. */
  shard?: Shard;
  /** A shard's own nodes, listed once by the run's plan and written to the run's store (./members.ts). */
  members?: RunObjectRef;
}

export interface PlanOptions {
  /** Known or expected node count per host group name; a group without one is one item. */
  groupSizes?: Readonly<Record<string, number>>;
  /** Nodes one scan invocation takes on (default 500: about 10% of the 15-minute budget, bench `scaleout`). */
  hostsPerShard?: number;
  /** Upper bound on the shards of one group (default 64). */
  maxShards?: number;
}

export const DEFAULT_HOSTS_PER_SHARD = 500;
export const DEFAULT_MAX_SHARDS = 64;

/** How many shards a group of `size` nodes is split into: a power of two, 1 for a small or unknown group. */
export function shardCount(
  size: number | undefined,
  hostsPerShard = DEFAULT_HOSTS_PER_SHARD,
  maxShards = DEFAULT_MAX_SHARDS,
): number {
  if (size === undefined || !Number.isFinite(size) || size <= hostsPerShard) return 1;
  const wanted = Math.ceil(size / hostsPerShard);
  let n = 1;
  while (n < wanted && n < maxShards) n *= 2;
  return Math.min(n, Math.max(1, maxShards));
}

/** Every scope of the configuration (or of `only`), host groups first, as src/scan/scopes.ts orders them. */
export function planRun(config: Config, options: PlanOptions = {}, only?: readonly string[]): PlanItem[] {
  const per = options.hostsPerShard ?? DEFAULT_HOSTS_PER_SHARD;
  const max = options.maxShards ?? DEFAULT_MAX_SHARDS;
  if (!(per >= 1)) throw new Error(`hostsPerShard must be at least 1, got ${per}`);
  const items: PlanItem[] = [];
  for (const { scope, selection } of scopedSelections(config, { kind: 'all' })) {
    if (only && !only.includes(scope)) continue;
    if (selection.kind === 'cluster') {
      items.push({ id: scope, scope, target: { kind: 'cluster', name: selection.name } });
      continue;
    }
    if (selection.kind !== 'hostGroup') continue;
    const group = config.hostGroups.find((g) => g.name === selection.name);
    // Only an SSM group has instance IDs to shard by; a local host is one machine.
    const count = group?.ssm ? shardCount(options.groupSizes?.[selection.name], per, max) : 1;
    if (count === 1) {
      items.push({ id: scope, scope, target: { kind: 'hostGroup', name: selection.name } });
      continue;
    }
    for (let index = 0; index < count; index++) {
      items.push({
        id: `${scope}#${index}/${count}`,
        scope,
        target: { kind: 'hostGroup', name: selection.name },
        shard: { index, count },
      });
    }
  }
  return items;
}
