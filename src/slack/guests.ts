/**
 * Slack guests (multi-channel `is_restricted`, single-channel `is_ultra_restricted`, from users.info) are refused
 * unless `slack.allowGuests` is true: findings and RBAC answers are for the workspace's members. The account type
 * is cached per container; when it cannot be read the request is refused (a guest is never let through by an error).
 */
import type { SlackConfig } from '../config/schema';

export interface SlackAccount {
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  deleted?: boolean;
}

/** Whether a user is a guest (or deactivated): true, false. Throws when Slack cannot say. */
export type GuestLookup = (userId: string) => Promise<boolean>;

export function cachedGuestLookup(
  fetchAccount: (userId: string) => Promise<SlackAccount | undefined>,
  ttlMs = 10 * 60_000,
  now: () => number = Date.now,
): GuestLookup {
  const cache = new Map<string, { at: number; guest: boolean }>();
  return async (userId) => {
    const hit = cache.get(userId);
    if (hit && now() - hit.at < ttlMs) return hit.guest;
    const account = await fetchAccount(userId);
    if (!account) throw new Error('Slack returned no account');
    const guest = account.is_restricted === true || account.is_ultra_restricted === true || account.deleted === true;
    if (cache.size > 5_000) cache.clear();
    cache.set(userId, { at: now(), guest });
    return guest;
  };
}

/** Why this user may not use the bot, or null when they may. */
export async function guestRefusal(
  slack: SlackConfig | undefined,
  userId: string,
  isGuest: GuestLookup,
): Promise<string | null> {
  if (slack?.allowGuests) return null;
  try {
    return (await isGuest(userId)) ? 'guest accounts may not use this bot (slack.allowGuests is false)' : null;
  } catch {
    return 'your account type could not be checked with Slack (guests are refused); please try again';
  }
}
