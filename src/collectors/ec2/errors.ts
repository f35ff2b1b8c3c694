/**
 * Why an EC2, IAM or SSM read failed, in words a report can show. The clients retry throttling and transient errors
 * themselves (the SDK's standard strategy, src/aws/clients.ts): an error that reaches here has outlasted them, and
 * is not retried again.
 */
import { errorMessage } from '../../core/errors';

const DENIED = new Set([
  'AccessDenied',
  'AccessDeniedException',
  'UnauthorizedOperation',
  'UnauthorizedAccess',
  'AuthFailure',
  'InvalidClientTokenId',
  'UnrecognizedClientException',
  'ExpiredToken',
  'ExpiredTokenException',
]);

const THROTTLED = new Set([
  'Throttling',
  'ThrottlingException',
  'RequestLimitExceeded',
  'TooManyRequestsException',
  'RequestThrottled',
  'RequestThrottledException',
]);

/** `ec2:DescribeVolumes denied (UnauthorizedOperation): …`, `… throttled beyond the SDK's retries …`. */
export function callFailure(action: string, err: unknown, permissions = 'docs/host.md, "Permissions"'): string {
  const e = err as { name?: string; Code?: string; $retryable?: { throttling?: boolean } };
  const name = e?.name ?? e?.Code ?? '';
  const detail = oneLine(errorMessage(err));
  if (DENIED.has(name)) return `${action} denied (${name}): the scan role lacks it (${permissions})`;
  if (THROTTLED.has(name) || e?.$retryable?.throttling === true) {
    return `${action} throttled (${name || 'throttling'}) beyond the SDK's retries`;
  }
  if (e?.name === 'CredentialsProviderError') return `no AWS credentials: ${detail}`;
  return `${action} failed${name ? ` (${name})` : ''}: ${detail}`;
}

function oneLine(text: string): string {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 300 ? `${line.slice(0, 300)}…` : line;
}
