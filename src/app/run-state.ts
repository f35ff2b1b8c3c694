/**
 * What the nightly run's state machine carries, and what it leaves in the run's store (docs/deploy.md, "The nightly
 * run"). Step Functions holds at most 256 KB in a state, so the state carries only: the stored plan's reference, once;
 * each item's short ID (its position in the plan, in base 36); one tiny outcome per item (`{ id, ok: true }`, or the
 * Catch's `{ id, error }`); and the reference of the scopes' summaries. The plan's items, each item's outcome (a
 * scope's summary, a shard's part reference) and the summaries are written to the run's store
 * (src/store/run-parts.ts), once, and read back by ID: the plan and the summaries checked against their SHA-256, an
 * outcome against the item it must belong to.
 */
import { errorMessage } from '../core/errors';
import { isRunObjectRef, type RunObjectRef, type RunObjects, runObjectKey } from '../store/run-parts';
import type { ItemOutcome, ScopeSummary } from './fan-in';
import type { PlanItem } from './plan';

/** The ID the state machine knows an item by: its position in the stored plan, in base 36 (`0` to `zz` below 1,296). */
export const shortId = (index: number): string => index.toString(36);

const SHORT_ID = /^[0-9a-z]{1,6}$/;

export const planKey = (tag: string) => runObjectKey(tag, 'plan', 'plan');
export const outcomeKey = (tag: string, item: Pick<PlanItem, 'id'>) => runObjectKey(tag, 'outcomes', item.id);
export const summaryKey = (tag: string) => runObjectKey(tag, 'summary', 'summary');

function parse(body: string): Record<string, unknown> {
  try {
    const v = JSON.parse(body) as unknown;
    if (typeof v === 'object' && v !== null) return v as Record<string, unknown>;
  } catch {
    // Reported below.
  }
  throw new Error('it is not a JSON object');
}

const isItem = (v: unknown): v is PlanItem => {
  const p = v as Partial<PlanItem> | null;
  return (
    typeof p === 'object' &&
    p !== null &&
    typeof p.id === 'string' &&
    typeof p.scope === 'string' &&
    (p.target?.kind === 'cluster' || p.target?.kind === 'hostGroup') &&
    typeof p.target.name === 'string' &&
    (p.shard === undefined ||
      (Number.isInteger(p.shard.index) && Number.isInteger(p.shard.count) && p.shard.index < p.shard.count)) &&
    (p.members === undefined || isRunObjectRef(p.members))
  );
};

export function decodePlan(body: string): PlanItem[] {
  const v = parse(body);
  if (v.planVersion !== 1) throw new Error(`unknown plan version ${String(v.planVersion).slice(0, 20)}`);
  if (!Array.isArray(v.items) || !v.items.every(isItem)) throw new Error('its items are malformed');
  return v.items;
}

/** Writes the plan's items to the run's store; returns its reference and the items' short IDs, for the state. */
export async function storePlan(objects: RunObjects, tag: string, items: readonly PlanItem[]) {
  const plan = await objects.put(planKey(tag), JSON.stringify({ planVersion: 1, items }));
  return { plan, ids: items.map((_, i) => shortId(i)) };
}

/** The plan a reference names, as written; throws with the reason otherwise. */
export async function loadPlan(objects: RunObjects, ref: unknown, tag: string): Promise<PlanItem[]> {
  const read = await objects.read(ref, planKey(tag));
  if (!read.ok) throw new Error(`the run's plan could not be read: ${read.reason}`);
  try {
    return decodePlan(read.body);
  } catch (err) {
    throw new Error(`the run's plan could not be read: ${errorMessage(err)}`);
  }
}

/** The plan's item for a short ID; throws when the plan names no such item. */
export function itemOf(plan: readonly PlanItem[], id: unknown): PlanItem {
  // Only the canonical form names an item: `01` is not `1`.
  const index = typeof id === 'string' && SHORT_ID.test(id) ? Number.parseInt(id, 36) : -1;
  const item = index >= 0 && shortId(index) === id ? plan[index] : undefined;
  if (!item) {
    throw new Error(`item ${String(id).slice(0, 40)} is not in the plan`);
  }
  return item;
}

/** An item's outcome (a scope's summary, a shard's part reference), written to the run's store under its ID. */
export async function storeOutcome(objects: RunObjects, tag: string, outcome: ItemOutcome): Promise<void> {
  if (!outcome.ok) throw new Error('only an outcome that succeeded is stored');
  const { id, part, summary } = outcome;
  await objects.put(outcomeKey(tag, outcome), JSON.stringify({ outcomeVersion: 1, item: id, part, summary }));
}

export type StoredOutcome = { found: true; outcome: ItemOutcome } | { found: false; reason: string };

/** The outcome stored for `item`, when it is there and is that item's. Never throws. */
export async function readOutcome(objects: RunObjects, tag: string, item: PlanItem): Promise<StoredOutcome> {
  const key = outcomeKey(tag, item);
  let held: { body: string } | null;
  try {
    held = await objects.existing(key);
  } catch (err) {
    return { found: false, reason: `its outcome ${key} could not be read: ${errorMessage(err)}` };
  }
  if (!held) return { found: false, reason: `its outcome ${key} is missing from the run's store` };
  try {
    const v = parse(held.body);
    if (v.outcomeVersion !== 1) throw new Error(`unknown outcome version ${String(v.outcomeVersion).slice(0, 20)}`);
    if (v.item !== item.id) throw new Error(`it is the outcome of another item (${String(v.item).slice(0, 80)})`);
    if (v.part !== undefined && !isRunObjectRef(v.part)) throw new Error('its part reference is malformed');
    const summary = v.summary as ScopeSummary | undefined;
    if (summary !== undefined && (typeof summary?.scope !== 'string' || summary.scope !== item.scope)) {
      throw new Error('its summary is not of its scope');
    }
    return {
      found: true,
      outcome: {
        id: item.id,
        ok: true,
        ...(v.part ? { part: v.part as RunObjectRef } : {}),
        ...(summary ? { summary } : {}),
      },
    };
  } catch (err) {
    return { found: false, reason: `its outcome ${key} is unreadable: ${errorMessage(err)}` };
  }
}

/** The run's scope summaries, written by the fan-in for the summary step. */
export function storeSummaries(objects: RunObjects, tag: string, scopes: readonly ScopeSummary[]) {
  return objects.put(summaryKey(tag), JSON.stringify({ summaryVersion: 1, scopes }));
}

export async function loadSummaries(objects: RunObjects, ref: unknown, tag: string): Promise<ScopeSummary[]> {
  const read = await objects.read(ref, summaryKey(tag));
  if (!read.ok) throw new Error(`the run's summaries could not be read: ${read.reason}`);
  const v = parse(read.body);
  if (v.summaryVersion !== 1 || !Array.isArray(v.scopes)) throw new Error("the run's summaries are malformed");
  return v.scopes as ScopeSummary[];
}
