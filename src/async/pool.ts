/** Bounded concurrency for the collectors and the stores, on p-limit. */
import pLimit from 'p-limit';

/**
 * Runs `fn` over `items` with at most `limit` calls in flight; the results keep the items' order. A limit below 1
 * runs one at a time; a limit that is not a number is a programming error, thrown rather than running nothing.
 */
export async function mapLimit<T, R>(items: readonly T[], limit: number, fn: (item: T) => Promise<R>): Promise<R[]> {
  if (Number.isNaN(limit)) throw new RangeError('mapLimit: the concurrency limit is not a number');
  const run = pLimit(limit === Number.POSITIVE_INFINITY ? limit : Math.max(1, Math.floor(limit)));
  return Promise.all(items.map((item) => run(() => fn(item))));
}
