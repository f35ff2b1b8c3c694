/**
 * Reads items of an ordered series with a bounded read-ahead: at most `limit` reads in flight, results yielded in
 * the series' order, nulls (skipped items) dropped. Memory holds `limit` results, whatever the series' length.
 */
export async function* readAhead<T, R>(
  items: AsyncIterable<T>,
  limit: number,
  read: (item: T) => Promise<R | null>,
): AsyncGenerator<R> {
  const size = Math.max(1, Math.floor(limit) || 1);
  const pending: Promise<R | null>[] = [];
  const start = (item: T) => {
    const p = read(item);
    // Awaited in order below; a failure further ahead must not surface as unhandled while an earlier read is awaited.
    p.catch(() => {});
    pending.push(p);
  };
  for await (const item of items) {
    start(item);
    if (pending.length >= size) {
      const out = await pending.shift()!;
      if (out !== null) yield out;
    }
  }
  while (pending.length > 0) {
    const out = await pending.shift()!;
    if (out !== null) yield out;
  }
}
