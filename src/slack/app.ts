/**
 * The Bolt app on Lambda: only wiring. `AwsLambdaReceiver` verifies the signature and the timestamp (5 minutes) of
 * every request and gives a 2-argument handler; `botId`/`botUserId` are passed so Bolt never calls `auth.test`.
 */
import { App, AwsLambdaReceiver, type LogLevel } from '@slack/bolt';
import type { Logger } from '../aws/logger';
import { ACTION_EXPLAIN, ACTION_WAIVE } from '../report/slack-blocks';
import type { ListenerDeps } from './context';
import { RETRY_CONFIG } from './delivery';
import { commandListener } from './listeners/command';
import { explainActionListener } from './listeners/explain-action';
import { waiveActionListener } from './listeners/waive-action';
import { waiveSubmitListener } from './listeners/waive-submit';
import { WAIVE_VIEW } from './modal';

export interface SlackAppOptions {
  signingSecret: string;
  botToken: string;
  botId: string;
  botUserId: string;
  /** Slack API base URL (tests: the local server). */
  slackApiUrl?: string;
  logger: Logger;
}

export type LambdaHttpHandler = ReturnType<AwsLambdaReceiver['toHandler']>;

export function createSlackApp(opts: SlackAppOptions, deps: ListenerDeps): { app: App; handler: LambdaHttpHandler } {
  const receiver = new AwsLambdaReceiver({ signingSecret: opts.signingSecret, logger: boltLogger(opts.logger) });
  const app = new App({
    token: opts.botToken,
    botId: opts.botId,
    botUserId: opts.botUserId,
    receiver,
    logger: boltLogger(opts.logger),
    clientOptions: {
      ...(opts.slackApiUrl ? { slackApiUrl: opts.slackApiUrl } : {}),
      retryConfig: { ...RETRY_CONFIG, retries: 1 },
      timeout: 2_000,
    },
  });
  app.command('/compliance', commandListener(deps));
  app.action(ACTION_EXPLAIN, explainActionListener(deps));
  app.action(ACTION_WAIVE, waiveActionListener(deps));
  app.view(WAIVE_VIEW, waiveSubmitListener(deps));
  app.error(async (err) => {
    opts.logger.error('slack listener failed', { error: err });
  });
  return { app, handler: receiver.toHandler() };
}

function boltLogger(log: Logger) {
  let level = 'info' as LogLevel;
  const fmt = (m: unknown[]) =>
    m.map((x) => (typeof x === 'string' ? x : x instanceof Error ? x.message : JSON.stringify(x))).join(' ');
  return {
    debug: () => {},
    info: (...m: unknown[]) => log.info(fmt(m), { source: 'bolt' }),
    warn: (...m: unknown[]) => log.warn(fmt(m), { source: 'bolt' }),
    error: (...m: unknown[]) => log.error(fmt(m), { source: 'bolt' }),
    setLevel: (l: LogLevel) => {
      level = l;
    },
    getLevel: () => level,
    setName: () => {},
  };
}
