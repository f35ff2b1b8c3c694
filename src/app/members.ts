/**
 * The one group lookup of a run (docs/deploy.md, "The nightly run"): the plan lists each SSM host group selected by
 * tag once, sizes its shards from that list, and writes each shard's own nodes to the run's store
 * (src/store/run-parts.ts); the shard's item carries only the reference, so the plan's output stays small whatever
 * the group's size, and no shard lists the group again.
 *
 * A node that joins the group after the plan is scanned by the next run; a member gone by the time its shard runs is
 * unreachable, never resolved (src/collectors/host/ssm/discovery.ts). A group that cannot be listed is sized from its
 * last snapshot and its shards list it themselves, as a group without a lookup does.
 */
import type { Logger } from '../aws/logger';
import type { HostGroupConfig } from '../config/schema';
import { errorMessage } from '../core/errors';
import { redactSecrets } from '../core/redact';
import { shardOf } from '../core/shard';
import type { RunObjects } from '../store/run-parts';
import { runObjectKey } from '../store/run-parts';
import type { PlanItem } from './plan';

/** Lists an SSM group's members by its tags (src/collectors/host/ssm/members.ts). */
export type GroupMembers = (group: HostGroupConfig) => Promise<string[]>;

export interface GroupSizing {
  /** Node count per group name, for the plan's shard counts. */
  sizes: Record<string, number>;
  /** The listed members of the groups selected by tag whose lookup succeeded. */
  members: Map<string, string[]>;
}

/**
 * The size of each planned SSM group: its configured instance IDs, else its members listed once by tag, else (no
 * lookup, or the lookup failed) `fallback` (the node count of its last snapshot).
 */
export async function sizeGroups(
  groups: readonly HostGroupConfig[],
  lookup: GroupMembers | undefined,
  fallback: (group: HostGroupConfig) => Promise<number | undefined>,
  log: Logger,
): Promise<GroupSizing> {
  const sizes: Record<string, number> = {};
  const members = new Map<string, string[]>();
  for (const g of groups) {
    if (!g.ssm) continue;
    if (g.ssm.instanceIds) {
      sizes[g.name] = g.ssm.instanceIds.length;
      continue;
    }
    if (lookup) {
      try {
        const ids = await lookup(g);
        members.set(g.name, ids);
        sizes[g.name] = ids.length;
        continue;
      } catch (err) {
        log.warn('host group not listed: its shards list it themselves', {
          target: g.name,
          reason: redactSecrets(errorMessage(err)),
        });
      }
    }
    const size = await fallback(g);
    if (size !== undefined) sizes[g.name] = size;
  }
  return { sizes, members };
}

export function membersKey(tag: string, item: Pick<PlanItem, 'id'>): string {
  return runObjectKey(tag, 'members', item.id);
}

export function encodeMembers(itemId: string, ids: readonly string[]): string {
  return JSON.stringify({ membersVersion: 1, item: itemId, ids });
}

/** A shard's members read back; throws when the body is not the member list of `itemId`. */
export function decodeMembers(body: string, itemId: string): string[] {
  let v: { membersVersion?: unknown; item?: unknown; ids?: unknown };
  try {
    v = JSON.parse(body) as typeof v;
  } catch {
    throw new Error('it is not JSON');
  }
  if (v?.membersVersion !== 1) throw new Error(`unknown members version ${String(v?.membersVersion).slice(0, 20)}`);
  if (v.item !== itemId) throw new Error(`it is the member list of another item (${String(v.item).slice(0, 80)})`);
  const ids = v.ids;
  // The IDs reach SSM as filter values: only instance IDs, as the configuration accepts them.
  if (!Array.isArray(ids) || !ids.every((id) => typeof id === 'string' && /^(i|mi)-[0-9a-f]{8,17}$/.test(id))) {
    throw new Error('its instance IDs are malformed');
  }
  return ids as string[];
}

/** The plan's items, each shard of a listed group carrying a reference to its own nodes, written to the store. */
export async function handMembers(
  items: readonly PlanItem[],
  members: ReadonlyMap<string, readonly string[]>,
  objects: RunObjects,
  tag: string,
): Promise<PlanItem[]> {
  const out: PlanItem[] = [];
  // Each group's members split into its shards in one pass (a group has up to 64 shards of tens of thousands).
  const split = new Map<string, string[][]>();
  for (const item of items) {
    const all = item.shard ? members.get(item.target.name) : undefined;
    if (!item.shard || !all) {
      out.push(item);
      continue;
    }
    const { index, count } = item.shard;
    let shards = split.get(item.target.name);
    if (!shards || shards.length !== count) {
      shards = Array.from({ length: count }, () => []);
      for (const id of all) shards[shardOf(id, count)]!.push(id);
      split.set(item.target.name, shards);
    }
    const mine = shards[index]!;
    out.push({ ...item, members: await objects.put(membersKey(tag, item), encodeMembers(item.id, mine)) });
  }
  return out;
}

/** A shard's members as the plan wrote them; throws with the reason when they cannot be read back as written. */
export async function readMembers(objects: RunObjects, item: PlanItem, tag: string): Promise<string[]> {
  const read = await objects.read(item.members, membersKey(tag, item));
  if (!read.ok) throw new Error(`the members of ${item.id} could not be read: ${read.reason}`);
  try {
    return decodeMembers(read.body, item.id);
  } catch (err) {
    throw new Error(`the members of ${item.id} could not be read: ${errorMessage(err)}`);
  }
}
