/**
 * Exact rate limits across Lambda containers, from write-once markers: a window of `windowMs` has `limit` numbered
 * slots (`ratelimit/<who>/<window start>/<k>`), and a request takes the first slot it can create. Creation is
 * conditional (src/store/markers.ts), so two containers never take the same slot; when every slot exists the
 * request is limited. Slots are never released within their window; the markers expire with the others.
 */
import type { MarkerStore } from '../store/markers';

export interface RateLimits {
  windowMs: number;
  perUser: number;
  perWorkspace: number;
}

export type RateDecision =
  | { limited: false }
  | { limited: true; by: 'user' | 'workspace'; limit: number; windowMs: number; retryAfterMs: number };

export type RateLimiter = (who: { userId: string; teamId?: string }) => Promise<RateDecision>;

/** Marker key segments: Slack IDs only, anything else dropped. */
function segment(id: string | undefined, fallback: string): string {
  const clean = String(id ?? '')
    .replace(/[^A-Za-z0-9]/g, '')
    .slice(0, 40);
  return clean || fallback;
}

export function rateLimiter(markers: MarkerStore, limits: RateLimits, now: () => number): RateLimiter {
  // Slots this container saw taken: they stay taken until their window ends, so the next request starts after them.
  const taken = new Map<string, number>();
  async function takeSlot(bucket: string, limit: number, windowStart: number): Promise<boolean> {
    const base = `ratelimit/${bucket}/${windowStart}`;
    for (const key of taken.keys()) if (!key.endsWith(`/${windowStart}`)) taken.delete(key);
    const body = JSON.stringify({ at: new Date(now()).toISOString() });
    for (let k = taken.get(base) ?? 0; k < limit; k++) {
      taken.set(base, k + 1);
      if (await markers.create(`${base}/${k}`, body)) return true;
    }
    return false;
  }
  return async ({ userId, teamId }) => {
    const t = now();
    const windowStart = Math.floor(t / limits.windowMs) * limits.windowMs;
    const retryAfterMs = windowStart + limits.windowMs - t;
    const checks: [by: 'user' | 'workspace', bucket: string, limit: number][] = [
      ['user', `user/${segment(userId, 'unknown')}`, limits.perUser],
      ['workspace', `workspace/${segment(teamId, 'all')}`, limits.perWorkspace],
    ];
    for (const [by, bucket, limit] of checks) {
      if (!(await takeSlot(bucket, limit, windowStart))) {
        return { limited: true, by, limit, windowMs: limits.windowMs, retryAfterMs };
      }
    }
    return { limited: false };
  };
}

/** "in 4 min", "in 1 h 5 min": when a limited user may try again. */
export function retryText(ms: number): string {
  const min = Math.max(1, Math.ceil(ms / 60_000));
  if (min < 60) return `in ${min} min`;
  return `in ${Math.floor(min / 60)} h${min % 60 ? ` ${min % 60} min` : ''}`;
}
