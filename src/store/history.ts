import { mapLimit } from '../async/pool';
import { summarize } from './summary';
import type { HistoryStore, SnapshotStore, SnapshotSummary } from './types';

/**
 * The summaries of a scope's snapshots started within [from, to), in time order: what the weekly digest reads.
 * Stores that keep summaries (both stores here) answer from them with bounded parallel gets; any other
 * SnapshotStore is summarised from its snapshots.
 */
export async function loadHistory(
  store: SnapshotStore | HistoryStore,
  scope: string,
  range: { from?: Date; to?: Date } = {},
): Promise<SnapshotSummary[]> {
  if ('history' in store && typeof store.history === 'function') return store.history(scope, range);
  const refs = await store.list(scope, range);
  return mapLimit(refs, 8, async (ref) => {
    const { snapshot, sha256 } = await store.get(ref);
    return summarize(snapshot, ref.key, sha256);
  });
}
