import { globMatches } from './glob';
import { PATTERN_WAIVER_FINGERPRINT, type Result, type Waiver, type WaiverMatch } from './model';

/** The longest a waiver may last unless the configuration says otherwise (`waivers.maxDays`). */
export const DEFAULT_MAX_WAIVER_DAYS = 90;

/** The waiver that covers a fingerprint at `now`, if any (the one that lasts longest). */
export function activeWaiver(waivers: readonly Waiver[], fingerprint: string, now: Date): Waiver | undefined {
  let best: Waiver | undefined;
  for (const w of waivers) {
    if (w.fingerprint !== fingerprint) continue;
    const expires = Date.parse(w.expires);
    if (!(expires > now.getTime())) continue;
    if (!best || expires > Date.parse(best.expires)) best = w;
  }
  return best;
}

/** Waivers that end within `days` of `now` (for the digest), soonest first. */
export function expiringWaivers(waivers: readonly Waiver[], now: Date, days: number): Waiver[] {
  const limit = now.getTime() + days * 86_400_000;
  return waivers
    .filter((w) => {
      const t = Date.parse(w.expires);
      return t > now.getTime() && t <= limit;
    })
    .sort((a, b) => Date.parse(a.expires) - Date.parse(b.expires));
}

const DAY_MS = 86_400_000;
/** The notice a long waiver gets before it ends. */
const EXPIRING_NOTICE_MS = 7 * DAY_MS;

/**
 * Is the waiver in force and ending soon? Soon is its last quarter or its last week, whichever is shorter: never
 * the day it is granted, a 14-day waiver 3.5 days ahead, a long one a week ahead. Without a readable creation date,
 * the week.
 */
export function isExpiring(w: Waiver, now: Date): boolean {
  const end = Date.parse(w.expires);
  const left = end - now.getTime();
  if (!(left > 0)) return false;
  const life = end - Date.parse(w.createdAt);
  const notice = life > 0 ? Math.min(EXPIRING_NOTICE_MS, life / 4) : EXPIRING_NOTICE_MS;
  return left <= notice;
}

/** Is this a pattern waiver (check ID + target + resource glob) rather than a one-finding waiver? */
export function isPatternWaiver(w: Waiver): w is Waiver & { match: WaiverMatch } {
  return w.match !== undefined && w.fingerprint === PATTERN_WAIVER_FINGERPRINT;
}

/** Does a waiver cover this result, by fingerprint or by pattern? Expiry is not considered here. */
export function waiverCovers(w: Waiver, r: Pick<Result, 'fingerprint' | 'checkId' | 'target' | 'resource'>): boolean {
  if (!isPatternWaiver(w)) return w.fingerprint === r.fingerprint;
  const m = w.match;
  if (m.checkId !== r.checkId || m.target !== r.target) return false;
  if (m.kind !== undefined && m.kind !== r.resource.kind) return false;
  const name = r.resource.namespace ? `${r.resource.namespace}/${r.resource.name}` : r.resource.name;
  return globMatches(m.resource, name);
}

/**
 * The waiver that covers a result at `now`, by fingerprint or by pattern (the one that lasts longest). The diff can
 * pass the fingerprint's waivers plus the (few) pattern waivers: `[...byFingerprint, ...patternWaivers]`.
 */
export function activeWaiverFor(
  waivers: readonly Waiver[],
  result: Pick<Result, 'fingerprint' | 'checkId' | 'target' | 'resource'>,
  now: Date,
): Waiver | undefined {
  let best: Waiver | undefined;
  for (const w of waivers) {
    if (!waiverCovers(w, result)) continue;
    const expires = Date.parse(w.expires);
    if (!(expires > now.getTime())) continue;
    if (!best || expires > Date.parse(best.expires)) best = w;
  }
  return best;
}
