/**
 * The stable shard rule of large host groups (docs/deploy.md, "The nightly run"): a node belongs to shard
 * `fnv1a(instanceId) mod N`. FNV-1a is fixed by its definition, unlike a runtime's own string hash, so a node stays
 * in its shard from night to night and from release to release; with N a power of two, doubling N splits each shard
 * in two (shard k goes to k or k + N).
 */

/** FNV-1a, 32 bits, over the UTF-16 code units (instance IDs are ASCII). */
export function fnv1a(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

/** The shard of a node (by its EC2 or managed instance ID) in a group split into `count` shards. */
export function shardOf(instanceId: string, count: number): number {
  if (!Number.isInteger(count) || count < 1) throw new Error(`shard count must be a positive integer, got ${count}`);
  return fnv1a(instanceId) % count;
}
