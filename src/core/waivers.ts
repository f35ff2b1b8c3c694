import type { Waiver } from './model';

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
