/** What the Slack listeners need, passed in by src/slack/app.ts (built once per container by handlers/slack.ts). */
import type { Logger } from '../aws/logger';
import type { Config } from '../config/schema';
import type { CheckMeta } from '../core/model';
import type { MarkerStore } from '../store/markers';
import type { GroupMembers } from './authorize';
import type { GuestLookup } from './guests';
import type { Dispatch } from './jobs';
import type { RateLimiter } from './ratelimit';

export interface ListenerDeps {
  config: Config;
  dispatch: Dispatch;
  markers: MarkerStore;
  logger: Logger;
  findCheck: (id: string) => CheckMeta | undefined;
  /** Members of a Slack user group (cached). */
  members: GroupMembers;
  /** Whether a user is a Slack guest (users.info, cached). */
  isGuest: GuestLookup;
  /** Per-user and per-workspace limits of the commands that scan or collect. */
  rateLimit: RateLimiter;
  now: () => number;
}

/** Who sees command answers (slack.answers): only the requester unless the configuration says the channel. */
export function answerVisibility(config: Config): 'ephemeral' | 'in_channel' {
  return config.slack?.answers ?? 'ephemeral';
}

/** One audit line per command decision: who, where, what, and whether it was accepted. */
export function audit(
  deps: ListenerDeps,
  entry: {
    user: string;
    userName?: string;
    channel?: string;
    command: string;
    args?: unknown;
    decision: 'accepted' | 'refused' | 'help' | 'duplicate' | 'limited';
    reason?: string;
  },
): void {
  deps.logger.info('slack command', { audit: true, ...entry });
}
