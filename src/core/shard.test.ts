import { fnv1a, shardOf } from './shard';

describe('Function: fnv1a', () => {
  // The published FNV-1a 32-bit test vectors: the rule cannot drift between releases.
  it.each([
    ['', 0x811c9dc5],
    ['a', 0xe40c292c],
    ['foobar', 0xbf9cf968],
  ])('hashes %j to its published value', (text, hash) => {
    expect(fnv1a(text)).toBe(hash);
  });

  it('hashes an instance ID to an unsigned 32-bit value', () => {
    expect(fnv1a('i-0123456789abcdef0')).toBe(0x908945d5);
  });
});

describe('Function: shardOf', () => {
  it.each([
    ['i-0123456789abcdef0', 1, 0],
    ['i-0123456789abcdef0', 2, 1],
    ['i-0123456789abcdef0', 8, 5],
    ['i-0123456789abcdef0', 7, 4],
    ['mi-0123456789abcdef0', 4, 2],
    ['foobar', 5, 0],
  ])('puts %s, in %i shards, in shard %i', (id, count, shard) => {
    expect(shardOf(id, count)).toBe(shard);
  });

  it('splits each shard in two when the count doubles', () => {
    const ids = Array.from({ length: 64 }, (_, i) => `i-${i.toString(16).padStart(17, '0')}`);
    for (const id of ids) expect([shardOf(id, 4), shardOf(id, 4) + 4]).toContain(shardOf(id, 8));
    expect(new Set(ids.map((id) => shardOf(id, 8))).size).toBe(8);
  });

  it.each([0, -1, 1.5, Number.NaN, Number.POSITIVE_INFINITY])('refuses the shard count %d', (count) => {
    expect(() => shardOf('i-0123456789abcdef0', count)).toThrow(
      new Error(`shard count must be a positive integer, got ${count}`),
    );
  });
});
