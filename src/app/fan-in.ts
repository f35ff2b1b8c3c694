/**
 * The fan-in of a nightly run (docs/deploy.md, "The nightly run"): the outcomes of the plan's items gathered per
 * scope. A whole scope was scanned, posted and stored by its own item; a shard of a host group writes its collected
 * facts to the run's store and hands on a reference (src/store/run-parts.ts), and the shards' facts are merged here
 * into one fleet, which then goes through the one scan loop (./scan-scopes.ts), so the group gets one snapshot, one
 * diff and one post, exactly as an unsharded group does.
 *
 * A shard that failed, whose outcome is missing, or whose facts cannot be read back as written makes its group
 * partial: it is named as an unreachable target with the reason (its checks `unknown`), and the nodes it would have
 * covered are absent from the snapshot, so their previous findings are carried as unassessed, never resolved
 * (src/core/diff.ts).
 */
import type { FleetCollector } from '../collectors/types';
import type { TargetFacts, TargetInfo } from '../core/model';
import type { RunObjectRef } from '../store/run-parts';
import type { PlanItem, Shard } from './plan';

/** What a shard's scan returns: the facts it collected and the nodes it could not reach. */
export interface ShardPart {
  facts: TargetFacts[];
  unreachable: { target: TargetInfo; reason: string }[];
}

/** The outcome of one item, as the Map state hands it on (a Catch gives `error`): a shard's facts by reference. */
export type ItemOutcome =
  | { id: string; ok: true; part?: RunObjectRef; summary?: ScopeSummary }
  | { id: string; ok: false; error: string };

/**
 * An outcome with its shard's facts read back: `collected` says the shard ran but its facts cannot be used (lost,
 * truncated or altered between the Map and the fan-in).
 */
export type GatheredOutcome =
  | { id: string; ok: true; part?: ShardPart; summary?: ScopeSummary }
  | { id: string; ok: false; error: string; collected?: boolean };

/** A shard's facts as written to the run's store. */
export function encodeShardPart(itemId: string, part: ShardPart): string {
  return JSON.stringify({ partVersion: 1, item: itemId, facts: part.facts, unreachable: part.unreachable });
}

/** A shard's facts read back; throws when the body is not the part of `itemId`. */
export function decodeShardPart(body: string, itemId: string): ShardPart {
  let v: { partVersion?: unknown; item?: unknown; facts?: unknown; unreachable?: unknown };
  try {
    v = JSON.parse(body) as typeof v;
  } catch {
    throw new Error('it is not JSON');
  }
  if (v?.partVersion !== 1) throw new Error(`unknown part version ${String(v?.partVersion).slice(0, 20)}`);
  if (v.item !== itemId) throw new Error(`it is the part of another item (${String(v.item).slice(0, 80)})`);
  const facts = v.facts as TargetFacts[];
  const unreachable = v.unreachable as ShardPart['unreachable'];
  if (
    !Array.isArray(facts) ||
    !facts.every((f) => typeof f?.target?.name === 'string' && typeof f.facts === 'object' && f.facts !== null) ||
    !Array.isArray(unreachable) ||
    !unreachable.every((u) => typeof u?.target?.name === 'string' && typeof u.reason === 'string')
  ) {
    throw new Error('its facts are malformed');
  }
  return { facts, unreachable };
}

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
export function fanIn(plan: readonly PlanItem[], outcomes: readonly GatheredOutcome[]): FannedIn[] {
  const byId = new Map<string, GatheredOutcome>();
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
        const lost = o && !o.ok && o.collected === true;
        fleet.unreachable.push({
          target: missingShardTarget(group, shard),
          reason: `shard ${shard.index + 1} of ${shard.count} ${lost ? 'was scanned but its facts cannot be used' : 'was not scanned'}: ${reason}`,
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
