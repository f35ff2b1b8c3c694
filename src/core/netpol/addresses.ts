/**
 * Sets of IP addresses (IPv4 and IPv6 ranges, as cidr.ts parses them) for reachability: union, intersection,
 * difference, and the minimal list of CIDR blocks that covers a set exactly.
 */
import { blockRanges, type Family, parseCidr, parseIp, type Range } from './cidr';

/** Sorted by family (4 first) then start; disjoint and not adjacent (normalised). */
export type AddressSet = readonly Range[];

const BITS: Record<Family, bigint> = { 4: 32n, 6: 128n };
const maxOf = (f: Family) => (1n << BITS[f]) - 1n;

export const EVERY_ADDRESS: AddressSet = [
  { family: 4, start: 0n, end: maxOf(4) },
  { family: 6, start: 0n, end: maxOf(6) },
];

export function normaliseAddresses(ranges: readonly Range[]): AddressSet {
  const sorted = [...ranges].sort((a, b) =>
    a.family !== b.family ? a.family - b.family : a.start < b.start ? -1 : a.start > b.start ? 1 : 0,
  );
  const out: Range[] = [];
  for (const r of sorted) {
    const last = out[out.length - 1];
    if (last && last.family === r.family && r.start <= last.end + 1n) {
      if (r.end > last.end) out[out.length - 1] = { ...last, end: r.end };
    } else out.push({ ...r });
  }
  return out;
}

export function unionAddresses(...sets: readonly AddressSet[]): AddressSet {
  return normaliseAddresses(sets.flat());
}

export function intersectAddresses(a: AddressSet, b: AddressSet): AddressSet {
  const out: Range[] = [];
  for (const x of a)
    for (const y of b) {
      if (x.family !== y.family) continue;
      // biome-ignore lint/complexity/useMathMinMax: BigInts (Math.max takes numbers)
      const start = x.start > y.start ? x.start : y.start;
      // biome-ignore lint/complexity/useMathMinMax: BigInts
      const end = x.end < y.end ? x.end : y.end;
      if (start <= end) out.push({ family: x.family, start, end });
    }
  return normaliseAddresses(out);
}

export function subtractAddresses(a: AddressSet, b: AddressSet): AddressSet {
  let rest: Range[] = [...a];
  for (const r of b) {
    rest = rest.flatMap((x) => {
      if (x.family !== r.family || r.end < x.start || r.start > x.end) return [x];
      const parts: Range[] = [];
      if (r.start > x.start) parts.push({ family: x.family, start: x.start, end: r.start - 1n });
      if (r.end < x.end) parts.push({ family: x.family, start: r.end + 1n, end: x.end });
      return parts;
    });
  }
  return normaliseAddresses(rest);
}

export function addressSetKey(s: AddressSet): string {
  return s.map((r) => `${r.family}:${r.start.toString(16)}-${r.end.toString(16)}`).join(',');
}

/** The addresses of CIDR texts (unparseable ones are left out: the API server refuses them). */
export function addressesOf(cidrs: readonly string[]): AddressSet {
  return normaliseAddresses(cidrs.flatMap((c) => blockRanges(c)));
}

/** A CIDR or a single address (`10.0.0.1`: a /32, `fd00::1`: a /128) as a set; null when it is neither. */
export function parseAddressQuery(text: string): AddressSet | null {
  const t = text.trim();
  if (t.includes('/')) {
    const r = parseCidr(t);
    return r ? [r] : null;
  }
  const ip = parseIp(t);
  return ip ? [{ family: ip.family, start: ip.value, end: ip.value }] : null;
}

export function formatIp(family: Family, value: bigint): string {
  if (family === 4) return [24n, 16n, 8n, 0n].map((s) => String((value >> s) & 0xffn)).join('.');
  const groups = Array.from({ length: 8 }, (_, i) => Number((value >> BigInt((7 - i) * 16)) & 0xffffn));
  // The longest run of two or more zero groups becomes `::` (RFC 5952).
  let best = { at: -1, len: 0 };
  for (let i = 0; i < 8; ) {
    if (groups[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && groups[j] === 0) j++;
    if (j - i > best.len && j - i >= 2) best = { at: i, len: j - i };
    i = j;
  }
  const hex = groups.map((g) => g.toString(16));
  if (best.at < 0) return hex.join(':');
  return `${hex.slice(0, best.at).join(':')}::${hex.slice(best.at + best.len).join(':')}`;
}

/** The fewest CIDR blocks that cover the set exactly, IPv4 first, in address order. */
export function toCidrs(s: AddressSet): string[] {
  const out: string[] = [];
  for (const r of normaliseAddresses(s)) {
    const bits = BITS[r.family];
    let start = r.start;
    while (start <= r.end) {
      // The largest aligned block starting at `start` that stays inside the range.
      let size = 0n;
      while (size < bits && (start & ((1n << (size + 1n)) - 1n)) === 0n && start + (1n << (size + 1n)) - 1n <= r.end)
        size++;
      out.push(`${formatIp(r.family, start)}/${bits - size}`);
      start += 1n << size;
    }
  }
  return out;
}

/** Whether the set holds every address of the family that `universe` holds (both normalised). */
export function coversAll(s: AddressSet, universe: AddressSet): boolean {
  return subtractAddresses(universe, s).length === 0;
}

/**
 * Addresses that are not reachable from the internet: private (RFC 1918, RFC 4193), shared (RFC 6598), loopback,
 * link-local, "this network", multicast and reserved ranges. The rest is what "from anywhere" means.
 */
export const NON_PUBLIC: AddressSet = addressesOf([
  '0.0.0.0/8',
  '10.0.0.0/8',
  '100.64.0.0/10',
  '127.0.0.0/8',
  '169.254.0.0/16',
  '172.16.0.0/12',
  '192.168.0.0/16',
  '224.0.0.0/3',
  '::/128',
  '::1/128',
  'fc00::/7',
  'fe80::/10',
  'ff00::/8',
]);

/** Every public address of one family. */
export function publicAddresses(family: 4 | 6): AddressSet {
  return subtractAddresses(
    EVERY_ADDRESS.filter((r) => r.family === family),
    NON_PUBLIC,
  );
}
