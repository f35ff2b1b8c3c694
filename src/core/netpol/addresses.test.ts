import fc from 'fast-check';
import {
  type AddressSet,
  addressesOf,
  addressSetKey,
  coversAll,
  EVERY_ADDRESS,
  formatIp,
  intersectAddresses,
  NON_PUBLIC,
  normaliseAddresses,
  parseAddressQuery,
  publicAddresses,
  subtractAddresses,
  toCidrs,
  unionAddresses,
} from './addresses';
import { type Family, parseCidr, parseIp, type Range } from './cidr';

const BITS: Record<Family, bigint> = { 4: 32n, 6: 128n };
const MAX: Record<Family, bigint> = { 4: (1n << 32n) - 1n, 6: (1n << 128n) - 1n };
const r4 = (start: bigint, end: bigint): Range => ({ family: 4, start, end });
const r6 = (start: bigint, end: bigint): Range => ({ family: 6, start, end });

// The reference: a set as the plain list of its members, over a small window at each end of each family's space
// (so both the first and the last addresses of a family take part).
const WINDOW = 40n;
const member = (f: Family, v: bigint) => `${f}:${v}`;
function membersOf(ranges: readonly Range[]): Set<string> {
  const out = new Set<string>();
  for (const r of ranges) for (let v = r.start; v <= r.end; v++) out.add(member(r.family, v));
  return out;
}
const sorted = (s: Set<string>) => [...s].sort();

const arbRange = fc
  .record({
    family: fc.constantFrom<Family>(4, 6),
    high: fc.boolean(),
    a: fc.bigInt(0n, WINDOW - 1n),
    b: fc.bigInt(0n, WINDOW - 1n),
  })
  .map(({ family, high, a, b }): Range => {
    const base = high ? MAX[family] - WINDOW + 1n : 0n;
    const [lo, hi] = a <= b ? [a, b] : [b, a];
    return { family, start: base + lo, end: base + hi };
  });
const arbRanges = fc.array(arbRange, { maxLength: 6 });

/** Normalised: IPv4 first, then by start; disjoint and not adjacent; each range non-empty. */
function expectNormalised(s: AddressSet): void {
  for (const r of s) expect(r.start <= r.end).toBe(true);
  for (let i = 1; i < s.length; i++) {
    const [p, q] = [s[i - 1], s[i]];
    expect(p.family <= q.family).toBe(true);
    if (p.family === q.family) expect(q.start > p.end + 1n).toBe(true);
  }
}

/** How many CIDR blocks cover [start, end] at least: walk the prefix tree from the whole family down. */
function fewestBlocks(family: Family, start: bigint, end: bigint, lo = 0n, bits = BITS[family]): number {
  const hi = lo + (1n << bits) - 1n;
  if (hi < start || lo > end) return 0;
  if (lo >= start && hi <= end) return 1;
  const half = 1n << (bits - 1n);
  return fewestBlocks(family, start, end, lo, bits - 1n) + fewestBlocks(family, start, end, lo + half, bits - 1n);
}

describe('Function: normaliseAddresses', () => {
  it('orders IPv4 before IPv6 and each family by start, whatever the input order', () => {
    expect(normaliseAddresses([r6(5n, 6n), r4(9n, 9n), r6(1n, 2n), r4(3n, 3n)])).toEqual([
      r4(3n, 3n),
      r4(9n, 9n),
      r6(1n, 2n),
      r6(5n, 6n),
    ]);
  });

  it('merges overlapping and adjacent ranges of one family, not of two', () => {
    expect(normaliseAddresses([r4(5n, 9n), r4(1n, 4n), r4(3n, 6n)])).toEqual([r4(1n, 9n)]);
    expect(normaliseAddresses([r4(1n, 10n), r4(2n, 3n)])).toEqual([r4(1n, 10n)]);
    expect(normaliseAddresses([r4(1n, 2n), r4(4n, 5n)])).toEqual([r4(1n, 2n), r4(4n, 5n)]);
    expect(normaliseAddresses([r4(0n, MAX[4]), r6(0n, 3n)])).toEqual([r4(0n, MAX[4]), r6(0n, 3n)]);
  });

  it('leaves its input as it was', () => {
    const input = [r4(5n, 9n), r4(1n, 6n)];
    normaliseAddresses(input);
    expect(input).toEqual([r4(5n, 9n), r4(1n, 6n)]);
  });

  it('keeps exactly the members of its input, normalised', () => {
    fc.assert(
      fc.property(arbRanges, (ranges) => {
        const out = normaliseAddresses(ranges);
        expectNormalised(out);
        expect(sorted(membersOf(out))).toEqual(sorted(membersOf(ranges)));
      }),
    );
  });
});

describe('Set operations against the list of members', () => {
  it('union, intersection and difference hold exactly the members they should', () => {
    fc.assert(
      fc.property(arbRanges, arbRanges, (x, y) => {
        const [a, b] = [normaliseAddresses(x), normaliseAddresses(y)];
        const [ma, mb] = [membersOf(a), membersOf(b)];
        const union = unionAddresses(a, b);
        const inter = intersectAddresses(a, b);
        const diff = subtractAddresses(a, b);
        for (const s of [union, inter, diff]) expectNormalised(s);
        expect(sorted(membersOf(union))).toEqual(sorted(new Set([...ma, ...mb])));
        expect(sorted(membersOf(inter))).toEqual(sorted(new Set([...ma].filter((m) => mb.has(m)))));
        expect(sorted(membersOf(diff))).toEqual(sorted(new Set([...ma].filter((m) => !mb.has(m)))));
        expect(coversAll(a, b)).toBe([...mb].every((m) => ma.has(m)));
      }),
    );
  });

  it('subtracts a range that touches only the first or the last address', () => {
    expect(subtractAddresses([r4(10n, 20n)], [r4(5n, 10n)])).toEqual([r4(11n, 20n)]);
    expect(subtractAddresses([r4(10n, 20n)], [r4(20n, 30n)])).toEqual([r4(10n, 19n)]);
    expect(subtractAddresses([r4(10n, 20n)], [r4(12n, 14n)])).toEqual([r4(10n, 11n), r4(15n, 20n)]);
    expect(subtractAddresses([r4(10n, 20n)], [r6(10n, 20n)])).toEqual([r4(10n, 20n)]);
    expect(subtractAddresses([r4(10n, 20n)], [r4(10n, 20n)])).toEqual([]);
  });

  it('intersects ranges that share one address, and not ranges of two families', () => {
    expect(intersectAddresses([r4(1n, 5n)], [r4(5n, 9n)])).toEqual([r4(5n, 5n)]);
    expect(intersectAddresses([r4(5n, 9n)], [r4(1n, 5n)])).toEqual([r4(5n, 5n)]);
    expect(intersectAddresses([r4(1n, 4n)], [r4(5n, 9n)])).toEqual([]);
    expect(intersectAddresses([r4(1n, 9n)], [r6(1n, 9n)])).toEqual([]);
    expect(intersectAddresses([r4(1n, 9n)], [r4(3n, 4n)])).toEqual([r4(3n, 4n)]);
  });

  it('covers all only when nothing of the universe is left out', () => {
    expect(coversAll(EVERY_ADDRESS, EVERY_ADDRESS)).toBe(true);
    expect(coversAll([r4(0n, MAX[4])], EVERY_ADDRESS)).toBe(false);
    expect(coversAll([r4(0n, MAX[4] - 1n), r6(0n, MAX[6])], EVERY_ADDRESS)).toBe(false);
    expect(coversAll([r4(0n, MAX[4])], [r4(0n, MAX[4])])).toBe(true);
    expect(coversAll([], [])).toBe(true);
  });
});

describe('Function: addressSetKey', () => {
  it('names each range by family and hexadecimal bounds, in order', () => {
    expect(addressSetKey(addressesOf(['10.0.0.0/8', 'fd00::/127']))).toBe(
      '4:a000000-affffff,6:fd00' + '0'.repeat(28) + '-fd00' + '0'.repeat(27) + '1',
    );
    expect(addressSetKey([])).toBe('');
  });
});

describe('Function: addressesOf', () => {
  it('unites the blocks and leaves out the texts that are no CIDR', () => {
    expect(addressesOf(['10.0.0.0/25', 'bogus', '10.0.0.128/25', '10.0.0.0/33'])).toEqual([
      r4(0x0a000000n, 0x0a0000ffn),
    ]);
    expect(addressesOf([])).toEqual([]);
  });
});

describe('Function: parseAddressQuery', () => {
  it('reads a single address as a one-address set, blanks around it ignored', () => {
    expect(parseAddressQuery(' 10.0.0.1 ')).toEqual([r4(0x0a000001n, 0x0a000001n)]);
    expect(parseAddressQuery('fd00::1')).toEqual([r6((0xfd00n << 112n) | 1n, (0xfd00n << 112n) | 1n)]);
  });

  it('reads a CIDR as its block', () => {
    expect(parseAddressQuery(' 10.0.0.0/8 ')).toEqual([r4(0x0a000000n, 0x0affffffn)]);
    expect(parseAddressQuery('::/0')).toEqual([r6(0n, MAX[6])]);
  });

  it.each(['', '10.0.0.0/33', '10.0.0/8', 'bogus', '10.0.0.256', '/8', 'fd00::/129'])('refuses %j', (text) => {
    expect(parseAddressQuery(text)).toBeNull();
  });
});

describe('Function: formatIp', () => {
  it('writes IPv4 as four decimal bytes', () => {
    expect(formatIp(4, 0x0a0b0c0dn)).toBe('10.11.12.13');
    expect(formatIp(4, 0n)).toBe('0.0.0.0');
    expect(formatIp(4, MAX[4])).toBe('255.255.255.255');
  });

  it.each([
    ['::', 0n],
    ['::1', 1n],
    ['1::', 1n << 112n],
    ['1:0:2:3:4:5:6:7', (1n << 112n) | (2n << 80n) | (3n << 64n) | (4n << 48n) | (5n << 32n) | (6n << 16n) | 7n],
    ['1:0:0:2::3', (1n << 112n) | (2n << 64n) | 3n],
    ['1::3:0:0:7:8', (1n << 112n) | (3n << 64n) | (7n << 16n) | 8n],
    ['1:2:3:4:5:6:7:8', 0x00010002000300040005000600070008n],
    ['fe80::ab:cdef', (0xfe80n << 112n) | (0xabn << 16n) | 0xcdefn],
    ['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', MAX[6]],
  ])('writes IPv6 %s in its RFC 5952 form', (text, value) => {
    expect(formatIp(6, value)).toBe(text);
  });

  it('writes IPv6 as the WHATWG URL serializer does (RFC 5952), and reads back as the same value', () => {
    // Hextets drawn mostly zero, so that runs of zeros of every length and position occur.
    const arbHextet = fc.oneof(
      { weight: 3, arbitrary: fc.constant(0) },
      { weight: 1, arbitrary: fc.integer({ min: 0, max: 0xffff }) },
    );
    fc.assert(
      fc.property(fc.array(arbHextet, { minLength: 8, maxLength: 8 }), (hextets) => {
        const value = hextets.reduce((acc, h) => (acc << 16n) | BigInt(h), 0n);
        const text = formatIp(6, value);
        expect(`[${text}]`).toBe(new URL(`http://[${hextets.map((h) => h.toString(16)).join(':')}]/`).hostname);
        expect(parseIp(text)).toEqual({ family: 6, value });
      }),
    );
  });
});

describe('Function: toCidrs', () => {
  it('writes whole families and single addresses', () => {
    expect(toCidrs(EVERY_ADDRESS)).toEqual(['0.0.0.0/0', '::/0']);
    expect(toCidrs([r4(5n, 5n)])).toEqual(['0.0.0.5/32']);
    expect(toCidrs([r6(MAX[6], MAX[6])])).toEqual(['ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff/128']);
    expect(toCidrs([])).toEqual([]);
  });

  it('splits a range into the fewest aligned blocks, in address order', () => {
    expect(toCidrs([r4(0x0a000001n, 0x0a000006n)])).toEqual([
      '10.0.0.1/32',
      '10.0.0.2/31',
      '10.0.0.4/31',
      '10.0.0.6/32',
    ]);
    expect(toCidrs([r4(0n, 0x7fffffffn), r4(0x80000001n, MAX[4])])).toEqual(
      ['0.0.0.0/1'].concat(toCidrs([r4(0x80000001n, MAX[4])])),
    );
  });

  it('covers the set exactly, with aligned blocks, as few as can be', () => {
    fc.assert(
      fc.property(arbRanges, (ranges) => {
        const set = normaliseAddresses(ranges);
        const blocks = toCidrs(ranges).map((text) => {
          const block = parseCidr(text);
          if (!block) throw new Error(`toCidrs wrote ${text}, which is no CIDR`);
          const prefix = BigInt(text.split('/')[1]);
          const size = 1n << (BITS[block.family] - prefix);
          expect(block.start % size).toBe(0n);
          return block;
        });
        expect(sorted(membersOf(blocks))).toEqual(sorted(membersOf(set)));
        for (let i = 1; i < blocks.length; i++) {
          const [p, q] = [blocks[i - 1], blocks[i]];
          expect(p.family < q.family || (p.family === q.family && q.start > p.end)).toBe(true);
        }
        expect(blocks.length).toBe(set.reduce((n, r) => n + fewestBlocks(r.family, r.start, r.end), 0));
      }),
    );
  });
});

describe('Public and non-public addresses', () => {
  it.each([
    ['10.1.2.3', false],
    ['192.168.0.1', false],
    ['172.31.255.255', false],
    ['172.32.0.0', true],
    ['100.64.0.1', false],
    ['100.128.0.0', true],
    ['169.254.169.254', false],
    ['127.0.0.1', false],
    ['224.0.0.1', false],
    ['8.8.8.8', true],
    ['223.255.255.255', true],
    ['::1', false],
    ['::', false],
    ['fd00::1', false],
    ['fe80::1', false],
    ['ff02::1', false],
    ['2001:db8::1', true],
    ['::2', true],
  ])('%s is public: %s', (ip, isPublic) => {
    const query = parseAddressQuery(ip);
    if (!query) throw new Error(ip);
    const family = query[0].family;
    expect(coversAll(publicAddresses(family), query)).toBe(isPublic);
    expect(coversAll(NON_PUBLIC, query)).toBe(!isPublic);
  });

  it('splits each family into its public and non-public addresses', () => {
    for (const family of [4, 6] as const) {
      const all = EVERY_ADDRESS.filter((r) => r.family === family);
      const nonPublic = NON_PUBLIC.filter((r) => r.family === family);
      expect(intersectAddresses(publicAddresses(family), NON_PUBLIC)).toEqual([]);
      expect(unionAddresses(publicAddresses(family), nonPublic)).toEqual(all);
      expect(publicAddresses(family).every((r) => r.family === family)).toBe(true);
    }
  });
});
