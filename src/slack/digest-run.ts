/**
 * Builds the digest from a store (history summaries of every scope, waivers) and renders the chart: shared
 * by handlers/weekly-digest.ts and `compliance-bot digest`.
 */

import { errorMessage } from '../core/errors';
import { type Digest, DigestBuilder } from '../report/digest';
import { renderDigestChart } from '../report/digest-chart';
import type { HistoryStore, WaiverStore } from '../store/types';

/**
 * Reads each scope's summaries as a stream (the store's bounded read-ahead) into the digest, so a 31-day period of
 * hourly scans holds one scope's previous open set at a time, not the period's history.
 */
export async function loadDigest(
  stores: { snapshots: HistoryStore; waivers: WaiverStore },
  now: Date,
  days = 7,
  timeZone = 'UTC',
): Promise<Digest> {
  const builder = new DigestBuilder(now, days, timeZone);
  // From the day before the period: its last scan is the baseline of the first day's appearances and resolutions.
  const range = { from: new Date(builder.period.baselineFromMs), to: now };
  for (const scope of (await stores.snapshots.scopes()).sort()) {
    builder.begin(scope);
    for await (const summary of stores.snapshots.summaries(scope, range)) builder.add(summary);
  }
  return builder.finish(await stores.waivers.list());
}

/** The chart, or null (with the reason logged by the caller) when it cannot be rendered: the digest still goes out. */
export function tryChart(d: Digest, fontFiles?: string[]): { png: Buffer | null; problem?: string } {
  try {
    return { png: renderDigestChart(d, { fontFiles }) };
  } catch (err) {
    return { png: null, problem: errorMessage(err) };
  }
}
