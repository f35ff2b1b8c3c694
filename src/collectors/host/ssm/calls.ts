/**
 * SSM and S3 calls of one collection: retried with exponential backoff and jitter while throttled, never past the
 * deadline (a wait that would end after it fails at once, leaving the time for reading what is there), and timed
 * so that the poller knows how long one more pass of invocation pages takes. This is the only retry layer for
 * throttling: the clients built for a scan (src/aws/clients.ts) do not retry throttled calls themselves.
 */
import { type Backoff, backoffMs } from '../../../async/backoff';
import { type Deadline, DeadlineError } from './deadline';

/** Throttling as SSM reports it (and as the SDK marks retryable throttling errors). */
export function isThrottle(err: unknown): boolean {
  const e = err as { name?: string; $retryable?: { throttling?: boolean } };
  return (
    e?.name === 'ThrottlingException' ||
    e?.name === 'TooManyRequestsException' ||
    e?.name === 'ThrottledException' ||
    e?.$retryable?.throttling === true
  );
}

/** The waits between throttled attempts: 200 ms doubled, at most 20 s, with jitter. */
export const THROTTLE_BACKOFF: Backoff = { baseMs: 200, maxMs: 20_000, jitter: true };

export interface ThrottledCallsOptions {
  /** Attempts for one throttled call. */
  maxAttempts: number;
  random: () => number;
  /** Told of each retry. */
  warn: (message: string) => void;
}

export class ThrottledCalls {
  private calls = 0;
  private ms = 0;

  constructor(
    private readonly deadline: Deadline,
    private readonly o: ThrottledCallsOptions,
  ) {}

  /**
   * One API call, retried while throttled. `stop` says when the deadline is reached (by default when sending and
   * polling must stop); then it throws DeadlineError.
   */
  async call<T>(what: string, fn: () => Promise<T>, stop: () => boolean = () => this.deadline.outOfTime()): Promise<T> {
    for (let attempt = 0; ; attempt++) {
      if (stop()) throw new DeadlineError();
      const before = this.deadline.clock();
      try {
        const res = await fn();
        // Reads from S3 are not SSM calls: they do not tell how long a page of invocations takes.
        if (before !== undefined && what !== 'GetObject') {
          this.calls++;
          this.ms += Math.max(0, before - (this.deadline.clock() ?? before));
        }
        return res;
      } catch (err) {
        if (!isThrottle(err) || attempt + 1 >= this.o.maxAttempts) throw err;
        const wait = backoffMs(attempt, THROTTLE_BACKOFF, this.o.random);
        this.o.warn(`${what} throttled, retrying in ${Math.round(wait)} ms`);
        if (wait > this.deadline.timeLeft()) throw new DeadlineError();
        await this.deadline.sleep(wait);
      }
    }
  }

  /** Measured milliseconds per SSM call (0 before any was measured). */
  meanCallMs(): number {
    return this.calls ? this.ms / this.calls : 0;
  }
}
