/**
 * SDK retry settings for the clients a scan's SSM runner calls through. The runner retries throttled calls itself,
 * within its deadline (src/collectors/host/ssm/calls.ts): a backoff wait that would end past the time budget is
 * not started, so that the time left goes to reading what nodes already wrote. The SDK's strategy cannot know that
 * budget, and its retry quota is shared by every call of the client. So the SDK retries only the other retryable
 * errors (network, timeouts, 5xx): one retry layer for each kind of error, never two stacked.
 */
import { StandardRetryStrategy } from '@smithy/core/retry';

type Token = Parameters<StandardRetryStrategy['refreshRetryTokenForRetry']>[0];
type ErrorInfo = Parameters<StandardRetryStrategy['refreshRetryTokenForRetry']>[1];

/** The SDK's standard retries, except for throttling: a throttled call fails at once, for its caller to retry. */
export class ThrottlingLeftToCaller extends StandardRetryStrategy {
  override async refreshRetryTokenForRetry(token: Token, errorInfo: ErrorInfo): Promise<Token> {
    if (errorInfo.errorType === 'THROTTLING') throw new Error('throttling is retried by the caller');
    return super.refreshRetryTokenForRetry(token, errorInfo);
  }
}

/** Client settings for the SSM runner's clients. */
export function scanRetry(): { maxAttempts: number; retryStrategy: ThrottlingLeftToCaller } {
  const maxAttempts = 4;
  return { maxAttempts, retryStrategy: new ThrottlingLeftToCaller(maxAttempts) };
}
