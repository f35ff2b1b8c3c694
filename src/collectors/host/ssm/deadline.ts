/**
 * The time budget of one SSM collection, asked by every part: polling and sending stop when the caller's signal is
 * aborted or the budget (the Lambda's remaining time less a safety margin) is spent; reading what nodes already
 * wrote goes on after the signal, until the budget itself is spent.
 */
import { type Sleep, sleep } from '../../../async/sleep';

export class DeadlineError extends Error {
  constructor() {
    super('the scan ran out of time');
    this.name = 'DeadlineError';
  }
}

export interface DeadlineOptions {
  /** Milliseconds left before the caller must return; without it the budget never runs out. */
  remainingMs?: () => number;
  /** Kept free at the end of the budget. */
  marginMs: number;
  /** The caller's signal: ends sending and polling, not reading. */
  signal?: AbortSignal;
  sleep?: Sleep;
}

export class Deadline {
  readonly signal: AbortSignal | undefined;
  private readonly remaining: (() => number) | undefined;
  private readonly marginMs: number;
  private readonly sleeper: Sleep;

  constructor(o: DeadlineOptions) {
    this.remaining = o.remainingMs;
    this.marginMs = o.marginMs;
    this.signal = o.signal;
    this.sleeper = o.sleep ?? sleep;
  }

  /** Milliseconds of the budget left (infinite without a clock). */
  timeLeft(): number {
    return this.remaining ? this.remaining() - this.marginMs : Number.POSITIVE_INFINITY;
  }

  /** Sending and polling must stop: the signal is aborted or the budget is spent. */
  outOfTime(): boolean {
    return this.signal?.aborted === true || this.timeLeft() <= 0;
  }

  /** Everything must stop, reading included: the budget is spent (the signal alone does not stop reading). */
  hardStop(): boolean {
    return this.timeLeft() <= 0;
  }

  /** The caller's clock reading (for measuring how long calls take), undefined without a clock. */
  clock(): number | undefined {
    return this.remaining?.();
  }

  /** Waits, cut short by the signal. */
  sleep(ms: number): Promise<void> {
    return this.sleeper(ms, this.signal);
  }
}
