import { readAhead } from './read-ahead';

async function* series(n: number, seen: number[]) {
  for (let i = 0; i < n; i++) {
    seen.push(i);
    yield i;
  }
}

/** Reads that finish only when the test opens them: the newest first, so the order of completion is reversed. */
function gatedReads(value: (i: number) => number | null) {
  const open = new Map<number, () => void>();
  let inFlight = 0;
  let most = 0;
  const read = (i: number) =>
    new Promise<number | null>((resolve) => {
      inFlight++;
      most = Math.max(most, inFlight);
      open.set(i, () => {
        inFlight--;
        resolve(value(i));
      });
    });
  const finishAll = () => {
    for (const i of [...open.keys()].sort((a, b) => b - a)) {
      open.get(i)!();
      open.delete(i);
    }
  };
  return { read, finishAll, most: () => most };
}

describe('Function: readAhead', () => {
  it('keeps the series order whatever order reads finish in, drops nulls, and has at most `limit` in flight', async () => {
    const gated = gatedReads((i) => (i === 1 ? null : i * 10));
    const seen: number[] = [];
    const it = readAhead(series(6, seen), 3, gated.read);
    const got: number[] = [];
    for (;;) {
      const next = it.next();
      await new Promise((r) => setImmediate(r));
      gated.finishAll();
      const r = await next;
      if (r.done) break;
      got.push(r.value);
    }
    expect(got).toEqual([0, 20, 30, 40, 50]);
    expect(seen).toEqual([0, 1, 2, 3, 4, 5]);
    expect(gated.most()).toBe(3);
  });

  it('stops reading the series when the consumer stops', async () => {
    const seen: number[] = [];
    for await (const v of readAhead(series(100, seen), 2, async (i) => i)) if (v === 3) break;
    expect(seen.length).toBeLessThanOrEqual(6);
  });

  it('passes a failed read on at its place in the order', async () => {
    const read = async (i: number) => {
      if (i === 2) throw new Error('cannot read 2');
      return i;
    };
    const got: number[] = [];
    await expect(
      (async () => {
        for await (const v of readAhead(series(5, []), 4, read)) got.push(v);
      })(),
    ).rejects.toThrow('cannot read 2');
    expect(got).toEqual([0, 1]);
  });
});
