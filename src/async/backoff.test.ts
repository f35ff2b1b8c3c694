import { backoffMs } from './backoff';

describe('Function: backoffMs', () => {
  const b = { baseMs: 100, maxMs: 1_000, jitter: false };

  it('doubles from the base and stops at the maximum', () => {
    expect([0, 1, 2, 3, 4, 10].map((n) => backoffMs(n, b))).toEqual([100, 200, 400, 800, 1_000, 1_000]);
  });

  it('spreads a jittered wait over half to all of its length', () => {
    const j = { ...b, jitter: true };
    expect(backoffMs(2, j, () => 0)).toBe(200);
    expect(backoffMs(2, j, () => 0.5)).toBe(300);
    expect(backoffMs(2, j, () => 1)).toBe(400);
  });

  it('never waits less than the base or more than the maximum, whatever the attempt', () => {
    expect(backoffMs(-1, b)).toBe(100);
    expect(backoffMs(10_000, b)).toBe(1_000);
  });
});
