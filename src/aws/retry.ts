/**
 * SDK retry settings for the clients a scan's SSM runner calls through. The runner retries throttled calls itself,
 * within its deadline (src/collectors/host/ssm/calls.ts): a backoff wait that would end past the time budget is
 * not started, so that the time left goes to reading what nodes already wrote. The SDK's strategy cannot know that
 * budget, and its retry quota is shared by every call of the client. So the SDK retries only the other retryable
 * errors (network, timeouts, 5xx): one retry layer for each kind of error, never two stacked.
 */
import type { StandardRetryStrategy } from '@smithy/core/retry';

type Token = Parameters<StandardRetryStrategy['refreshRetryTokenForRetry']>[0];
type ErrorInfo = Parameters<StandardRetryStrategy['refreshRetryTokenForRetry']>[1];
type RetryModule = typeof import('@smithy/core/retry');

/**
 * The SDK's retry module (about 150 KB of bundle), loaded when the first client is configured rather than when a
 * function starts: a Lambda pays for it only once it talks to AWS (docs/deploy.md, Cold start).
 */
const retryModule = (): RetryModule => require('@smithy/core/retry');

let throttlingClass: (new (maxAttempts: number) => StandardRetryStrategy) | undefined;

/**
 * The SDK's standard retries, except for throttling: a throttled call fails at once, for its caller to retry. The
 * class is made on first use, since it extends the SDK's.
 */
export function throttlingLeftToCaller(): new (maxAttempts: number) => StandardRetryStrategy {
  throttlingClass ??= class ThrottlingLeftToCaller extends retryModule().StandardRetryStrategy {
    override async refreshRetryTokenForRetry(token: Token, errorInfo: ErrorInfo): Promise<Token> {
      if (errorInfo.errorType === 'THROTTLING') throw new Error('throttling is retried by the caller');
      return super.refreshRetryTokenForRetry(token, errorInfo);
    }
  };
  return throttlingClass;
}

/** Client settings for the SSM runner's clients. */
export function scanRetry(): { maxAttempts: number; retryStrategy: StandardRetryStrategy } {
  const maxAttempts = 4;
  return { maxAttempts, retryStrategy: new (throttlingLeftToCaller())(maxAttempts) };
}

/**
 * Attempts of one S3 request of the stores. The SDK's standard strategy retries what S3 asks to be retried
 * (503 SlowDown, throttling, 5xx, timeouts, network errors) with its own backoff and retry quota; the stores do not
 * retry on top of it (a write conflict, 409, is not an error the SDK retries: the snapshot store handles it).
 */
export const STORE_MAX_ATTEMPTS = 4;

/** Client settings for the stores' S3 clients; `delayMs` replaces the SDK's backoff (tests: no wait). */
export function storeRetry(delayMs?: (attempt: number) => number): {
  maxAttempts: number;
  retryStrategy: StandardRetryStrategy;
} {
  return {
    maxAttempts: STORE_MAX_ATTEMPTS,
    retryStrategy: delayMs
      ? new (retryModule().ConfiguredRetryStrategy)(STORE_MAX_ATTEMPTS, delayMs)
      : new (retryModule().StandardRetryStrategy)(STORE_MAX_ATTEMPTS),
  };
}
