import { costAt, simulateNight } from './scaleout';

describe('scaleout simulation', () => {
  it('plans 1,000 clusters and 20 groups of 5,000 hosts into 16 shards each, deterministically', () => {
    const input = {
      clusters: 1000,
      objects: [1000, 100_000] as [number, number],
      hosts: 100_000,
      hostGroups: 20,
      maxConcurrency: 50,
    };
    const a = simulateNight(input);
    expect(a).toEqual(simulateNight(input));
    expect({ items: a.items, shards: a.shards }).toEqual({ items: 1000 + 20 * 16, shards: 320 });
    expect(a.apiCalls).toBeGreaterThanOrEqual(a.minimumCalls);
    // The plan lists each group once and each shard describes only its own nodes: the listing is not repeated per shard.
    expect(a.apiCalls / a.minimumCalls).toBeLessThan(1.05);
    expect(a.longestShareOfBudget).toBeGreaterThan(0);
  });

  it('runs a night faster with more concurrency, and costs more in all but less per node as the fleet grows', () => {
    const base = { clusters: 200, objects: [1000, 20_000] as [number, number], hosts: 10_000, hostGroups: 2 };
    expect(simulateNight({ ...base, maxConcurrency: 50 }).nightMs).toBeLessThan(
      simulateNight({ ...base, maxConcurrency: 5 }).nightMs,
    );
    const [small, large] = [costAt(100), costAt(100_000)];
    expect(large.monthlyUsd).toBeGreaterThan(small.monthlyUsd);
    expect(large.usdPer1000NodesMonth).toBeLessThan(small.usdPer1000NodesMonth);
  });
});
