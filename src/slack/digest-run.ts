/**
 * Builds the weekly digest from a store (history summaries of every scope, waivers) and renders the chart: shared
 * by handlers/weekly-digest.ts and `compliance-bot digest`.
 */

import { errorMessage } from '../core/errors';
import { buildDigest, type Digest } from '../report/digest';
import { renderDigestChart } from '../report/digest-chart';
import type { HistoryStore, WaiverStore } from '../store/types';

export async function loadDigest(
  stores: { snapshots: HistoryStore; waivers: WaiverStore },
  now: Date,
  days = 7,
): Promise<Digest> {
  // One day more than the week: the last scan before the week is the baseline of "new" and "resolved".
  const from = new Date(now.getTime() - (days + 1) * 86_400_000);
  const history: { scope: string; summaries: Awaited<ReturnType<HistoryStore['history']>> }[] = [];
  for (const scope of (await stores.snapshots.scopes()).sort()) {
    history.push({ scope, summaries: await stores.snapshots.history(scope, { from, to: now }) });
  }
  return buildDigest({ now, history, waivers: await stores.waivers.list(), days });
}

/** The chart, or null (with the reason logged by the caller) when it cannot be rendered: the digest still goes out. */
export function tryChart(d: Digest, fontFiles?: string[]): { png: Buffer | null; problem?: string } {
  try {
    return { png: renderDigestChart(d, { fontFiles }) };
  } catch (err) {
    return { png: null, problem: errorMessage(err) };
  }
}
