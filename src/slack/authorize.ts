/**
 * Who may do what: allow-lists of channels, users and user groups per command class (docs/slack.md, "Who may do what").
 * `scan` and `waive` allow nobody until configured; queries (`status`, `diff`, `explain`, `who-can`) allow everybody
 * unless a `query` list is configured. A request is allowed when its channel, its user, or one of the user's groups
 * is listed.
 */
import type { SlackConfig } from '../config/schema';

export type Permission = 'scan' | 'waive' | 'query' | 'none';

export interface Requester {
  userId: string;
  channelId: string;
}

export type Decision = { allowed: true; via: string } | { allowed: false; reason: string };

/** Members of a user group (Slack `usergroups.users.list`); cached by the caller. */
export type GroupMembers = (groupId: string) => Promise<readonly string[]>;

export async function authorize(
  permission: Permission,
  slack: SlackConfig | undefined,
  who: Requester,
  members: GroupMembers,
): Promise<Decision> {
  if (permission === 'none') return { allowed: true, via: 'open' };
  const list = permission === 'query' ? slack?.allow.query : slack?.allow[permission];
  if (list === undefined) {
    if (permission === 'query') return { allowed: true, via: 'open' };
    return { allowed: false, reason: `nobody is allowed to ${permission} yet (slack.allow.${permission} is empty)` };
  }
  if (list.channels.includes(who.channelId)) return { allowed: true, via: `channel ${who.channelId}` };
  if (list.users.includes(who.userId)) return { allowed: true, via: `user ${who.userId}` };
  for (const g of list.userGroups) {
    try {
      if ((await members(g)).includes(who.userId)) return { allowed: true, via: `user group ${g}` };
    } catch {
      // A group that cannot be read allows nobody; the other groups are still tried.
    }
  }
  const empty = list.channels.length + list.users.length + list.userGroups.length === 0;
  return {
    allowed: false,
    reason: empty
      ? `nobody is allowed to ${permission} yet (slack.allow.${permission} is empty)`
      : `you are not on the allow-list for \`${permission}\` (in this channel or through your user groups)`,
  };
}

/** Caches group membership per container for `ttlMs` (Slack `usergroups.users.list` is rate-limited, tier 2). */
export function cachedMembers(
  fetchMembers: (groupId: string) => Promise<readonly string[]>,
  ttlMs = 5 * 60_000,
  now: () => number = Date.now,
): GroupMembers {
  const cache = new Map<string, { at: number; users: readonly string[] }>();
  return async (groupId) => {
    const hit = cache.get(groupId);
    if (hit && now() - hit.at < ttlMs) return hit.users;
    const users = await fetchMembers(groupId);
    cache.set(groupId, { at: now(), users });
    return users;
  };
}
