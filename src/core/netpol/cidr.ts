/**
 * CIDR arithmetic for NetworkPolicy `ipBlock`s: containment and "does this set of blocks cover every address".
 * IPv4 and IPv6 addresses are BigInts in their own family's range; nothing here touches the network.
 */

export type Family = 4 | 6;

export interface Range {
  family: Family;
  start: bigint;
  end: bigint;
}

const BITS: Record<Family, number> = { 4: 32, 6: 128 };

function parseV4(text: string): bigint | null {
  const parts = text.split('.');
  if (parts.length !== 4) return null;
  let n = 0n;
  for (const p of parts) {
    if (!/^\d{1,3}$/.test(p) || Number(p) > 255) return null;
    n = (n << 8n) | BigInt(Number(p));
  }
  return n;
}

function parseV6(text: string): bigint | null {
  let s = text;
  // An embedded IPv4 tail (::ffff:10.0.0.1) becomes two hextets.
  const v4 = /^(.*:)(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (v4) {
    const n = parseV4(v4[2]);
    if (n === null) return null;
    s = `${v4[1]}${(n >> 16n).toString(16)}:${(n & 0xffffn).toString(16)}`;
  }
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const head = halves[0] ? halves[0].split(':') : [];
  const tail = halves.length === 2 && halves[1] ? halves[1].split(':') : [];
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return null;
  const groups = [...head, ...Array<string>(halves.length === 2 ? missing : 0).fill('0'), ...tail];
  let n = 0n;
  for (const g of groups) {
    if (!/^[0-9a-fA-F]{1,4}$/.test(g)) return null;
    n = (n << 16n) | BigInt(Number.parseInt(g, 16));
  }
  return n;
}

/** Parses an address (no prefix) into its family and value; null when it is not an IP address. */
export function parseIp(text: string): { family: Family; value: bigint } | null {
  const t = text.trim();
  if (t.includes(':')) {
    const v = parseV6(t);
    return v === null ? null : { family: 6, value: v };
  }
  const v = parseV4(t);
  return v === null ? null : { family: 4, value: v };
}

/** Parses `a.b.c.d/n` or `x::/n` into the range it covers (host bits are ignored, as Kubernetes normalises). */
export function parseCidr(text: string): Range | null {
  const m = /^([^/]+)\/(\d{1,3})$/.exec(text.trim());
  if (!m) return null;
  const ip = parseIp(m[1]);
  if (!ip) return null;
  const bits = BITS[ip.family];
  const prefix = Number(m[2]);
  if (prefix > bits) return null;
  const hostBits = BigInt(bits - prefix);
  const start = (ip.value >> hostBits) << hostBits;
  return { family: ip.family, start, end: start + (1n << hostBits) - 1n };
}

/** Whether `ip` lies inside `cidr` minus every `except` block. Unparseable input matches nothing. */
export function ipInBlock(ip: string, cidr: string, except: readonly string[] = []): boolean {
  const addr = parseIp(ip);
  const block = parseCidr(cidr);
  if (!addr || !block || addr.family !== block.family) return false;
  if (addr.value < block.start || addr.value > block.end) return false;
  for (const e of except) {
    const r = parseCidr(e);
    if (r && r.family === addr.family && addr.value >= r.start && addr.value <= r.end) return false;
  }
  return true;
}

/** The address ranges of a block minus its exceptions, sorted. */
export function blockRanges(cidr: string, except: readonly string[] = []): Range[] {
  const block = parseCidr(cidr);
  if (!block) return [];
  let out: Range[] = [block];
  for (const e of except) {
    const r = parseCidr(e);
    if (!r || r.family !== block.family) continue;
    out = out.flatMap((x) => {
      if (r.end < x.start || r.start > x.end) return [x];
      const parts: Range[] = [];
      if (r.start > x.start) parts.push({ family: x.family, start: x.start, end: r.start - 1n });
      if (r.end < x.end) parts.push({ family: x.family, start: r.end + 1n, end: x.end });
      return parts;
    });
  }
  return out;
}

/**
 * Which address families the union of the ranges covers completely (every IPv4 address, every IPv6 address).
 * O(r log r) for r ranges.
 */
export function fullyCoveredFamilies(ranges: readonly Range[]): Family[] {
  const covered: Family[] = [];
  for (const family of [4, 6] as const) {
    const rs = ranges
      .filter((r) => r.family === family)
      .sort((a, b) => (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
    const max = (1n << BigInt(BITS[family])) - 1n;
    let next = 0n; // the first address not yet covered
    for (const r of rs) {
      if (r.start > next) break;
      if (r.end + 1n > next) next = r.end + 1n;
    }
    if (rs.length > 0 && next > max) covered.push(family);
  }
  return covered;
}
