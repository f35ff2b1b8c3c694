/**
 * The fan-in of a nightly run (docs/deploy.md, "The nightly run"): the outcomes of the plan's items gathered per
 * scope. A whole scope was scanned, posted and stored by its own item; the shards of a host group come back as
 * collected facts and are merged here into one fleet, which then goes through the one scan loop (./scan-scopes.ts),
 * so the group gets one snapshot, one diff and one post, exactly as an unsharded group does.
 *
 * A shard that failed, or whose outcome is missing, makes its group partial: it is named as an unreachable target
 * with the reason (its checks `unknown`), and the nodes it would have covered are absent from the snapshot, so their
 * previous findings are carried as unassessed, never resolved (src/core/diff.ts).
 */
import type { FleetCollector } from '../collectors/types';
import type { TargetFacts, TargetInfo } from '../core/model';
import type { PlanItem, Shard } from './plan';

/** What a shard's scan returns: the facts it collected and the nodes it could not reach. */
export interface ShardPart {
  facts: TargetFacts[];
  unreachable: { target: TargetInfo; reason: string }[];
}

/** The outcome of one item, as the Map state hands it on (a Catch gives `error`). */
export type ItemOutcome =
  | { id: string; ok: true; part?: ShardPart; summary?: ScopeSummary }
  | { id: string; ok: false; error: string };

/** What a scope's scan reports back for the run summary. */
export interface ScopeSummary {
  scope: string;
  scanId: string | null;
  stored: string | null;
  posted: boolean;
  regressions: number;
  unassessedTargets: number;
  error?: string;
}

export type FannedIn =
  | { kind: 'done'; scope: string; summary: ScopeSummary }
  | { kind: 'failed'; scope: string; error: string }
  | { kind: 'merge'; scope: string; group: string; fleet: ShardPart; missing: { shard: Shard; reason: string }[] };

/** The unreachable target that stands for a shard with no result. */
export function missingShardTarget(group: string, shard: Shard): TargetInfo {
  return { name: `${group} (shard ${shard.index + 1} of ${shard.count})`, kind: 'host' };
}

/** The outcomes gathered per scope, in plan order. An item with no outcome counts as failed. */
export function fanIn(plan: readonly PlanItem[], outcomes: readonly ItemOutcome[]): FannedIn[] {
  const byId = new Map<string, ItemOutcome>();
  for (const o of outcomes) {
    if (!plan.some((p) => p.id === o.id)) throw new Error(`outcome for ${o.id}, which is not in the plan`);
    if (byId.has(o.id)) throw new Error(`two outcomes for ${o.id}`);
    byId.set(o.id, o);
  }
  const scopes: string[] = [];
  for (const p of plan) if (!scopes.includes(p.scope)) scopes.push(p.scope);
  return scopes.map((scope): FannedIn => {
    const items = plan.filter((p) => p.scope === scope);
    const sharded = items.filter((p) => p.shard);
    if (sharded.length === 0) {
      const item = items[0]!;
      const o = byId.get(item.id);
      if (!o) return { kind: 'failed', scope, error: 'the scan of this scope gave no outcome' };
      if (!o.ok) return { kind: 'failed', scope, error: o.error };
      if (!o.summary) return { kind: 'failed', scope, error: 'the scan of this scope reported no summary' };
      return { kind: 'done', scope, summary: o.summary };
    }
    const group = sharded[0]!.target.name;
    const fleet: ShardPart = { facts: [], unreachable: [] };
    const missing: { shard: Shard; reason: string }[] = [];
    for (const item of sharded) {
      const shard = item.shard!;
      const o = byId.get(item.id);
      const reason = !o
        ? 'the shard gave no outcome'
        : !o.ok
          ? o.error
          : !o.part
            ? 'the shard returned no facts'
            : null;
      if (reason !== null || !o?.ok || !o.part) {
        missing.push({ shard, reason: reason ?? 'the shard returned no facts' });
        fleet.unreachable.push({
          target: missingShardTarget(group, shard),
          reason: `shard ${shard.index + 1} of ${shard.count} was not scanned: ${reason}`,
        });
        continue;
      }
      fleet.facts.push(...o.part.facts);
      fleet.unreachable.push(...o.part.unreachable);
    }
    return { kind: 'merge', scope, group, fleet, missing };
  });
}

/** The merged fleet of a sharded group as a collector, so the group goes through the one scan loop. */
export function replayCollector(group: string, fleet: ShardPart): FleetCollector {
  return { name: group, collect: async () => fleet };
}
