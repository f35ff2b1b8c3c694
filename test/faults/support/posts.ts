/**
 * Counting what reached a Slack channel: each finding is posted as a block `finding_<fingerprint>`; a finding the
 * scan's diff regressed and no message carries is dropped, one carried twice (same channel) is a duplicate. The
 * expected findings come from the real compare() over the two snapshots the store holds, not from the publisher.
 */
import { compare } from '../../../src/core/diff';
import type { Diff } from '../../../src/core/model';
import type { SnapshotStore } from '../../../src/store/types';

export interface PostedMessage {
  channel: string;
  thread_ts?: string;
  text: unknown;
  blocks?: unknown;
}

/** The diff of the newest stored snapshot of a scope against the one before it, recomputed by compare(). */
export async function storedDiff(store: SnapshotStore, scope: string): Promise<Diff> {
  const refs = await store.list(scope);
  if (refs.length < 2) throw new Error(`expected a baseline and a scan of ${scope}, found ${refs.length} snapshot(s)`);
  const cur = (await store.get(refs[refs.length - 1])).snapshot;
  const prev = (await store.get(refs[refs.length - 2])).snapshot;
  return compare(prev, cur, [], new Date(cur.startedAt)).diff;
}

/** How many times each finding's block reached each channel. */
function findingPosts(messages: readonly PostedMessage[]): Map<string, number> {
  const seen = new Map<string, number>();
  for (const m of messages) {
    const blocks = typeof m.blocks === 'string' ? JSON.parse(m.blocks) : (m.blocks ?? []);
    for (const b of blocks as { block_id?: string }[]) {
      if (!b.block_id?.startsWith('finding_')) continue;
      const k = `${m.channel}:${b.block_id.slice('finding_'.length)}`;
      seen.set(k, (seen.get(k) ?? 0) + 1);
    }
  }
  return seen;
}

/** Regressions of `diff` that no message in `channel` carries, and findings carried more than once. */
export function countPosts(messages: readonly PostedMessage[], channel: string, diff: Diff) {
  const posts = findingPosts(messages);
  const droppedPosts = diff.regressions.filter((r) => !posts.has(`${channel}:${r.result.fingerprint}`)).length;
  let duplicatePosts = 0;
  for (const n of posts.values()) duplicatePosts += n - 1;
  // A top-level report repeated in the channel is a duplicate too.
  const tops = new Map<string, number>();
  for (const m of messages) {
    if (m.thread_ts !== undefined) continue;
    const k = `${m.channel}:${String(m.text)}`;
    tops.set(k, (tops.get(k) ?? 0) + 1);
  }
  for (const n of tops.values()) duplicatePosts += n - 1;
  return { droppedPosts, duplicatePosts };
}
