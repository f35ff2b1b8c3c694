/**
 * The digest's period: the last N calendar days in the digest's time zone, the last of them today (up to now). Days
 * are cut at local midnight, so the header's range, the chart's bars and the posture table name the same days, and a
 * day is 23 or 25 hours long across a daylight-saving change. Pure (Intl only). See docs/digest.md.
 */

export interface DigestPeriod {
  /** The days, oldest first, as YYYY-MM-DD in the time zone. */
  dates: string[];
  /** Start of the first day. */
  fromMs: number;
  /** Now: the end of the period (exclusive). */
  toMs: number;
  /** Start of the day before the first: its last scan is the baseline of "new" and "resolved". */
  baselineFromMs: number;
  timeZone: string;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(timeZone: string): Intl.DateTimeFormat {
  let f = formatters.get(timeZone);
  if (!f) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone,
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
        hourCycle: 'h23',
      });
    } catch {
      throw new RangeError(
        `time zone "${timeZone.slice(0, 64)}" is not known: use an IANA name such as "UTC" or "Europe/Berlin"`,
      );
    }
    formatters.set(timeZone, f);
  }
  return f;
}

/** Throws a RangeError that says what to use when `timeZone` is not an IANA name. */
export function assertTimeZone(timeZone: string): void {
  formatter(timeZone);
}

/** The wall-clock time at `ms` in the zone, read as if it were UTC (whole seconds). */
function wallMs(ms: number, timeZone: string): number {
  const p: Record<string, number> = {};
  for (const part of formatter(timeZone).formatToParts(new Date(ms))) {
    if (part.type !== 'literal') p[part.type] = Number(part.value);
  }
  return Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute, p.second);
}

/** The calendar day (YYYY-MM-DD) of an instant in the zone. */
export function dayIn(ms: number, timeZone: string): string {
  return new Date(wallMs(ms, timeZone)).toISOString().slice(0, 10);
}

/** `date` moved by `n` calendar days. */
export function addDays(date: string, n: number): string {
  const [y, m, d] = date.split('-').map(Number);
  return new Date(Date.UTC(y, m - 1, d + n)).toISOString().slice(0, 10);
}

/**
 * The first instant of a calendar day in the zone: local midnight, found from the zone's offset (twice, since the
 * offset at the guess may differ from the offset at midnight across a change). Where midnight does not exist (a
 * change at 00:00), the day starts at the first instant that belongs to it.
 */
export function startOfDay(date: string, timeZone: string): number {
  const [y, m, d] = date.split('-').map(Number);
  const wall = Date.UTC(y, m - 1, d);
  let t = wall;
  for (let i = 0; i < 2; i++) t = wall - (wallMs(t, timeZone) - t);
  // Offsets are whole minutes; a day that starts after midnight (or a guess that fell the day before) is found by
  // stepping to its first hour.
  while (dayIn(t, timeZone) < date) t += 3_600_000;
  while (dayIn(t - 3_600_000, timeZone) === date) t -= 3_600_000;
  return t;
}

export function digestPeriod(now: Date, days: number, timeZone = 'UTC'): DigestPeriod {
  if (!Number.isInteger(days) || days < 1) throw new RangeError(`days must be a whole number from 1: ${days}`);
  const toMs = now.getTime();
  const today = dayIn(toMs, timeZone);
  const dates = Array.from({ length: days }, (_, i) => addDays(today, i - days + 1));
  return {
    dates,
    fromMs: startOfDay(dates[0], timeZone),
    toMs,
    baselineFromMs: startOfDay(addDays(dates[0], -1), timeZone),
    timeZone,
  };
}

/** "today", "last 7 days": the period's name for titles (never "weekly": the period is what was asked for). */
export function periodName(days: number): string {
  return days === 1 ? 'today' : `last ${days} days`;
}
