import { parseConfig } from '../config/load';
import { fnv1a, planRun, shardCount, shardOf } from './plan';

const config = parseConfig(
  [
    'scope: x',
    'clusters: [{ name: prod, manifests: ./p }]',
    'hostGroups:',
    '  - { name: workers, ssm: { tags: { role: [worker] } } }',
    '  - { name: bastion, ssm: { instanceIds: [i-0123456789abcdef0] } }',
    '  - { name: here, local: true }',
    '',
  ].join('\n'),
);

describe('Function: shardCount', () => {
  it('keeps a small or unknown group whole, and splits a large one into a power of two, capped', () => {
    expect([undefined, 0, 500].map((n) => shardCount(n, 500, 64))).toEqual([1, 1, 1]);
    expect([501, 1000, 1001, 5000, 40_000].map((n) => shardCount(n, 500, 64))).toEqual([2, 2, 4, 16, 64]);
    expect(shardCount(1_000_000, 500, 64)).toBe(64);
  });
});

describe('Function: shardOf', () => {
  it('puts a node in the same shard every time, spreads nodes evenly, and splits a shard in two when N doubles', () => {
    expect(fnv1a('')).toBe(0x811c9dc5);
    expect(fnv1a('a')).toBe(0xe40c292c);
    const ids = Array.from({ length: 4000 }, (_, i) => `i-${(0x1000000 + i * 7919).toString(16).padStart(17, '0')}`);
    const counts = new Array(8).fill(0);
    for (const id of ids) {
      const k = shardOf(id, 8);
      expect(shardOf(id, 8)).toBe(k);
      counts[k]++;
      // Growing from 8 to 16 shards: shard k goes to k or k + 8, never elsewhere.
      expect([k, k + 8]).toContain(shardOf(id, 16));
    }
    for (const c of counts) expect(Math.abs(c - 500)).toBeLessThan(100);
    expect(() => shardOf('i-1', 0)).toThrow(/positive integer/);
  });
});

describe('Function: planRun', () => {
  it('gives one item per scope, shards only a large SSM group, and keeps scope names of every entry point', () => {
    const plan = planRun(config, { groupSizes: { workers: 1200, bastion: 1, here: 99_999 }, hostsPerShard: 500 });
    expect(plan.map((p) => [p.id, p.scope, p.target.name, p.shard ?? null])).toEqual([
      ['x/hosts/workers#0/4', 'x/hosts/workers', 'workers', { index: 0, count: 4 }],
      ['x/hosts/workers#1/4', 'x/hosts/workers', 'workers', { index: 1, count: 4 }],
      ['x/hosts/workers#2/4', 'x/hosts/workers', 'workers', { index: 2, count: 4 }],
      ['x/hosts/workers#3/4', 'x/hosts/workers', 'workers', { index: 3, count: 4 }],
      ['x/hosts/bastion', 'x/hosts/bastion', 'bastion', null],
      ['x/hosts/here', 'x/hosts/here', 'here', null],
      ['x/cluster/prod', 'x/cluster/prod', 'prod', null],
    ]);
  });

  it('plans only the named scopes, and refuses a nonsense shard size', () => {
    expect(planRun(config, {}, ['x/cluster/prod']).map((p) => p.id)).toEqual(['x/cluster/prod']);
    expect(() => planRun(config, { hostsPerShard: 0 })).toThrow(/hostsPerShard/);
  });
});
