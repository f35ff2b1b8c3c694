import { mapLimit } from './pool';

/** A task whose end the test decides, so that the number in flight is observed, not timed. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((r) => {
    open = r;
  });
  return { open, opened };
}

async function settle(): Promise<void> {
  for (let i = 0; i < 10; i++) await Promise.resolve();
}

describe('Function: mapLimit', () => {
  it('keeps the order of the items, whatever order the calls end in', async () => {
    const gates = [gate(), gate(), gate()];
    const out = mapLimit([0, 1, 2], 3, async (i) => {
      await gates[i].opened;
      return i * 10;
    });
    gates[2].open();
    gates[0].open();
    gates[1].open();
    await expect(out).resolves.toEqual([0, 10, 20]);
  });

  it('never has more than `limit` calls in flight', async () => {
    const gates = Array.from({ length: 5 }, gate);
    let inFlight = 0;
    let most = 0;
    const started: number[] = [];
    const out = mapLimit([0, 1, 2, 3, 4], 2, async (i) => {
      started.push(i);
      inFlight++;
      most = Math.max(most, inFlight);
      await gates[i].opened;
      inFlight--;
      return i;
    });
    await settle();
    expect(started).toEqual([0, 1]);
    gates[1].open();
    await settle();
    expect(started).toEqual([0, 1, 2]);
    for (const g of gates) g.open();
    await expect(out).resolves.toEqual([0, 1, 2, 3, 4]);
    expect(most).toBe(2);
  });

  it('runs one at a time with a limit below 1', async () => {
    let inFlight = 0;
    let most = 0;
    await mapLimit([1, 2, 3], 0, async () => {
      most = Math.max(most, ++inFlight);
      await settle();
      inFlight--;
    });
    expect(most).toBe(1);
  });

  it('throws on a limit that is not a number instead of running nothing', async () => {
    await expect(mapLimit([1, 2], Number.NaN, async (i) => i)).rejects.toThrow(/not a number/);
  });

  it('rejects with the first failure', async () => {
    await expect(
      mapLimit([1, 2, 3], 2, async (i) => {
        if (i === 2) throw new Error('two failed');
        return i;
      }),
    ).rejects.toThrow('two failed');
  });

  it('gives an empty result for no items', async () => {
    await expect(mapLimit([], 4, async (i) => i)).resolves.toEqual([]);
  });
});
