/**
 * The one way the product waits. Callers take a `Sleep` as an option so that tests inject an instant one (or one
 * that records the waits) and never wait on the wall clock.
 */
import { setTimeout as wait } from 'node:timers/promises';

export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Waits `ms`, or less when the signal is aborted: an abort ends the wait, it is not an error. */
export const sleep: Sleep = async (ms, signal) => {
  if (signal?.aborted) return;
  try {
    await wait(ms, undefined, { signal });
  } catch (err) {
    if (!signal?.aborted) throw err;
  }
};
