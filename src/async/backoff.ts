/**
 * The one backoff of the retries the product runs itself, for reasons no SDK retries: the waiver document's
 * optimistic lock, S3 conditional-write conflicts, Slack's response_url and uncertain chat.postMessage attempts, SSM
 * throttling within a scan's deadline. Calls an SDK client already retries are not retried here (src/aws/retry.ts
 * configures those clients). The random source is injected so that tests know the waits.
 */
export interface Backoff {
  /** The wait before the second attempt. */
  baseMs: number;
  /** No wait is longer. */
  maxMs: number;
  /** Spread each wait over [half, all] of its length, so that writers that collided do not collide again. */
  jitter: boolean;
}

/** The wait after failed attempt `attempt` (counted from 0): `baseMs` doubled each time, at most `maxMs`. */
export function backoffMs(attempt: number, b: Backoff, random: () => number = Math.random): number {
  const full = Math.min(b.maxMs, b.baseMs * 2 ** Math.max(0, attempt));
  return b.jitter ? full * (0.5 + random() / 2) : full;
}
