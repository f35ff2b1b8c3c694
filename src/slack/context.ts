/** What the Slack listeners need, passed in by src/slack/app.ts (built once per container by handlers/slack.ts). */
import type { Logger } from '../aws/logger';
import type { Config } from '../config/schema';
import type { CheckMeta } from '../core/model';
import type { GroupMembers } from './authorize';
import type { Dispatch } from './jobs';
import type { MarkerStore } from './markers';

export interface ListenerDeps {
  config: Config;
  dispatch: Dispatch;
  markers: MarkerStore;
  logger: Logger;
  findCheck: (id: string) => CheckMeta | undefined;
  /** Members of a Slack user group (cached). */
  members: GroupMembers;
  now: () => number;
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
    decision: 'accepted' | 'refused' | 'help' | 'duplicate';
    reason?: string;
  },
): void {
  deps.logger.info('slack command', { audit: true, ...entry });
}
