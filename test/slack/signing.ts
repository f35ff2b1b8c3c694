/**
 * Requests as Slack sends them to the HTTP API in front of the Lambda: form-encoded bodies signed with the signing
 * secret (`v0=` HMAC-SHA256 of `v0:TIMESTAMP:BODY`), in an API Gateway (HTTP API, payload 2.0) event.
 */
import { createHmac } from 'node:crypto';

export const SIGNING_SECRET = 'test-signing-secret-0123456789abcdef';

export interface ApiGatewayEvent {
  version: '2.0';
  routeKey: string;
  rawPath: string;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: boolean;
  requestContext: { http: { method: string; path: string } };
}

export function sign(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`;
}

export interface SignOptions {
  secret?: string;
  /** Seconds since the epoch (default: now). */
  timestamp?: number;
  retryNum?: number;
  /** Replace the signature (a forged request). */
  signature?: string;
  base64?: boolean;
}

export function signedEvent(body: string, opts: SignOptions = {}): ApiGatewayEvent {
  const ts = opts.timestamp ?? Math.floor(Date.now() / 1000);
  const headers: Record<string, string> = {
    'content-type': 'application/x-www-form-urlencoded',
    'x-slack-request-timestamp': String(ts),
    'x-slack-signature': opts.signature ?? sign(opts.secret ?? SIGNING_SECRET, ts, body),
  };
  if (opts.retryNum !== undefined) {
    headers['x-slack-retry-num'] = String(opts.retryNum);
    headers['x-slack-retry-reason'] = 'http_timeout';
  }
  return {
    version: '2.0',
    routeKey: 'POST /slack/events',
    rawPath: '/slack/events',
    headers,
    body: opts.base64 ? Buffer.from(body).toString('base64') : body,
    isBase64Encoded: opts.base64 ?? false,
    requestContext: { http: { method: 'POST', path: '/slack/events' } },
  };
}

export interface SlashCommand {
  text: string;
  user_id?: string;
  user_name?: string;
  channel_id?: string;
  response_url: string;
  trigger_id?: string;
}

export function slashCommandBody(c: SlashCommand): string {
  return new URLSearchParams({
    token: 'deprecated-verification-token',
    team_id: 'T1',
    team_domain: 'example',
    channel_id: c.channel_id ?? 'CSECOPS',
    channel_name: 'sec-ops',
    user_id: c.user_id ?? 'UALICE',
    user_name: c.user_name ?? 'alice',
    command: '/compliance',
    text: c.text,
    api_app_id: 'A1',
    is_enterprise_install: 'false',
    response_url: c.response_url,
    trigger_id: c.trigger_id ?? `trig-${Math.random().toString(36).slice(2)}`,
  }).toString();
}

export function interactionBody(payload: unknown): string {
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}
