/**
 * How the kubelet reads the values of the settings its checks judge: Go durations (`4h0m0s`, `5m`, `0`) and whole
 * numbers. A value the kubelet would refuse is not guessed at: the parsers return undefined and the check reports
 * the setting unknown.
 */

const NANOS: Record<string, number> = {
  ns: 1,
  us: 1e3,
  µs: 1e3, // U+00B5 MICRO SIGN
  μs: 1e3, // U+03BC GREEK SMALL LETTER MU
  ms: 1e6,
  s: 1e9,
  m: 60e9,
  h: 3600e9,
};

/** Go's largest duration (int64 nanoseconds, 2^63 - 1): a longer one is refused. */
const MAX_NANOS = 2 ** 63;

const COMPONENT = /^(\d*)(?:\.(\d*))?(ns|us|µs|μs|ms|s|m|h)/;

/**
 * Go's time.ParseDuration, which the kubelet uses for duration flags and configuration fields: nanoseconds, or
 * undefined for a value it refuses (no unit, an unknown unit, a bare dot, out of range). "0" alone needs no unit.
 */
export function parseGoDuration(text: string): number | undefined {
  let s = text;
  let sign = 1;
  if (s.startsWith('-') || s.startsWith('+')) {
    if (s.startsWith('-')) sign = -1;
    s = s.slice(1);
  }
  if (s === '0') return 0;
  if (s === '') return undefined;
  let total = 0;
  while (s !== '') {
    const m = COMPONENT.exec(s);
    if (!m) return undefined;
    const [all, whole = '', frac = '', unit = ''] = m;
    if (whole === '' && frac === '') return undefined;
    total += Number(`${whole || '0'}.${frac || '0'}`) * (NANOS[unit] ?? Number.NaN);
    s = s.slice(all.length);
  }
  if (!Number.isFinite(total) || total >= MAX_NANOS) return undefined;
  return sign * total;
}

/** A whole decimal number (`50`, `-1`, `+5`), or undefined for anything else (`5.5`, `ten`, empty). */
export function parseWholeNumber(text: string): number | undefined {
  return /^[+-]?\d+$/.test(text.trim()) ? Number(text.trim()) : undefined;
}
