/** What `notify` and `digest` need of Slack: a channel ID from the command line, and a client from the environment. */
import { createWebClient } from '../slack/delivery';
import { UsageError } from './errors';

const SLACK_ID = /^[A-Z0-9]{2,20}$/;

/** `--channel ID`: a Slack channel ID, never a name (names change; IDs do not). */
export function parseChannel(value: string | undefined): string | undefined {
  if (value !== undefined && !SLACK_ID.test(value)) {
    throw new UsageError(`--channel: "${value.slice(0, 40)}" is not a Slack channel ID (such as C0123ABCD)`);
  }
  return value;
}

/** The Web API client of SLACK_BOT_TOKEN (and SLACK_API_URL, another API base). */
export function slackClientFrom(env: NodeJS.ProcessEnv) {
  const token = env.SLACK_BOT_TOKEN;
  if (!token) throw new UsageError('SLACK_BOT_TOKEN is not set (or use --dry-run to print the messages)');
  return createWebClient(token, { ...(env.SLACK_API_URL ? { slackApiUrl: env.SLACK_API_URL } : {}) });
}
