import { quantile } from './cli-start';

describe('Function: quantile (bench/cli-start.ts)', () => {
  it('takes the nearest rank: the median of 15 runs is the 8th, the p90 the 14th', () => {
    const runs = Array.from({ length: 15 }, (_, i) => i + 1);
    expect(quantile(runs, 0.5)).toBe(8);
    expect(quantile(runs, 0.9)).toBe(14);
    expect(quantile([42], 0.9)).toBe(42);
    expect(quantile([], 0.5)).toBeNaN();
  });
});
