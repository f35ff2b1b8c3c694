import { Deadline } from '../../../src/collectors/host/ssm/deadline';

describe('Class: Deadline', () => {
  it('keeps the margin free and never runs out without a clock', () => {
    let left = 30_000;
    const d = new Deadline({ remainingMs: () => left, marginMs: 20_000 });
    expect(d.timeLeft()).toBe(10_000);
    expect(d.outOfTime()).toBe(false);
    left = 20_000;
    expect(d.outOfTime()).toBe(true);
    expect(d.hardStop()).toBe(true);
    const endless = new Deadline({ marginMs: 20_000 });
    expect(endless.timeLeft()).toBe(Number.POSITIVE_INFINITY);
    expect(endless.clock()).toBeUndefined();
  });

  it("stops sending and polling at the caller's signal, but not reading (only the budget stops that)", () => {
    const ac = new AbortController();
    const d = new Deadline({ remainingMs: () => 60_000, marginMs: 20_000, signal: ac.signal });
    ac.abort();
    expect(d.outOfTime()).toBe(true);
    expect(d.hardStop()).toBe(false);
  });

  it('hands the signal to an injected sleep', async () => {
    const ac = new AbortController();
    const seen: [number, AbortSignal | undefined][] = [];
    const d = new Deadline({ marginMs: 0, signal: ac.signal, sleep: async (ms, s) => void seen.push([ms, s]) });
    await d.sleep(2_000);
    expect(seen).toEqual([[2_000, ac.signal]]);
  });
});
