import { blockRanges, fullyCoveredFamilies, ipInBlock, parseCidr, parseIp, type Range } from './cidr';

const MAX4 = (1n << 32n) - 1n;
const MAX6 = (1n << 128n) - 1n;
const v4 = (start: bigint, end: bigint): Range => ({ family: 4, start, end });

describe('Function: parseIp', () => {
  it('reads an IPv4 address as its 32-bit value, surrounding blanks ignored', () => {
    expect(parseIp('1.2.3.4')).toEqual({ family: 4, value: 0x01020304n });
    expect(parseIp(' 255.255.255.255 ')).toEqual({ family: 4, value: MAX4 });
    expect(parseIp('0.0.0.0')).toEqual({ family: 4, value: 0n });
  });

  it.each(['1.2.3', '1.2.3.4.5', '256.0.0.1', '1.2.3.1000', 'x1.2.3.4', '1.2.3.4x', '1..3.4', ''])(
    'refuses %j as an IPv4 address',
    (text) => {
      expect(parseIp(text)).toBeNull();
    },
  );

  it('reads IPv6 addresses, with and without "::", in either case', () => {
    expect(parseIp('1:2:3:4:5:6:7:8')).toEqual({ family: 6, value: 0x00010002000300040005000600070008n });
    expect(parseIp('::')).toEqual({ family: 6, value: 0n });
    expect(parseIp('::1')).toEqual({ family: 6, value: 1n });
    expect(parseIp('1::')).toEqual({ family: 6, value: 1n << 112n });
    expect(parseIp('ABCD::ef')).toEqual({ family: 6, value: (0xabcdn << 112n) | 0xefn });
    expect(parseIp('1:2:3:4:5:6::8')).toEqual({
      family: 6,
      value: (1n << 112n) | (2n << 96n) | (3n << 80n) | (4n << 64n) | (5n << 48n) | (6n << 32n) | 8n,
    });
    expect(parseIp('1:2::7:8')).toEqual({ family: 6, value: (1n << 112n) | (2n << 96n) | (7n << 16n) | 8n });
    expect(parseIp('ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff')).toEqual({ family: 6, value: MAX6 });
  });

  it('reads an embedded IPv4 tail as the last two hextets', () => {
    expect(parseIp('::ffff:10.20.30.40')).toEqual({ family: 6, value: (0xffffn << 32n) | 0x0a141e28n });
    expect(parseIp('::ffff:10.0.0.1')).toEqual({ family: 6, value: (0xffffn << 32n) | 0x0a000001n });
    expect(parseIp('1:2:3:4:5:6:1.2.3.4')).toEqual({
      family: 6,
      value: (1n << 112n) | (2n << 96n) | (3n << 80n) | (4n << 64n) | (5n << 48n) | (6n << 32n) | 0x01020304n,
    });
  });

  it.each([
    '1:2:3:4:5:6:7',
    '1:2:3:4:5:6:7:8:9',
    '1:2:3:4:5:6:7:8::',
    '::1:2:3:4:5:6:7:8',
    '1::2::3',
    'g::1',
    '12345::',
    '::ffff:10.0.0.256',
    '::ffff:10.0.0',
    '::ffff:10.0.0.1x',
    '1\n::ffff:1.2.3.4',
    '1:2:3:4:5:6:7:8::1::2',
  ])('refuses %j as an IPv6 address', (text) => {
    expect(parseIp(text)).toBeNull();
  });
});

describe('Function: parseCidr', () => {
  it('gives the range a prefix covers, host bits ignored', () => {
    expect(parseCidr('10.1.2.3/8')).toEqual({ family: 4, start: 0x0a000000n, end: 0x0affffffn });
    expect(parseCidr(' 192.0.2.7/32 ')).toEqual({ family: 4, start: 0xc0000207n, end: 0xc0000207n });
    expect(parseCidr('0.0.0.0/0')).toEqual({ family: 4, start: 0n, end: MAX4 });
    expect(parseCidr('::/0')).toEqual({ family: 6, start: 0n, end: MAX6 });
    expect(parseCidr('::1/128')).toEqual({ family: 6, start: 1n, end: 1n });
    expect(parseCidr('2001:db8::/32')).toEqual({
      family: 6,
      start: 0x20010db8n << 96n,
      end: (0x20010db8n << 96n) | ((1n << 96n) - 1n),
    });
  });

  it.each([
    '10.0.0.0',
    '10.0.0.0/',
    '/8',
    '10.0.0.0/33',
    '::/129',
    '10.0.0.0/1000',
    '10.0.0.0/8x',
    '10.0.0.0/-1',
    '10.0.0/8',
    'x/8',
    '1.2.3.4/10.0.0.0/8',
  ])('refuses %j', (text) => {
    expect(parseCidr(text)).toBeNull();
  });
});

describe('Function: ipInBlock', () => {
  it('includes both ends of the block and nothing outside it', () => {
    expect(ipInBlock('10.0.0.0', '10.0.0.0/24')).toBe(true);
    expect(ipInBlock('10.0.0.255', '10.0.0.0/24')).toBe(true);
    expect(ipInBlock('9.255.255.255', '10.0.0.0/24')).toBe(false);
    expect(ipInBlock('10.0.1.0', '10.0.0.0/24')).toBe(false);
  });

  it('excludes the except blocks, both of their ends included', () => {
    const except = ['10.0.0.16/28'];
    expect(ipInBlock('10.0.0.15', '10.0.0.0/24', except)).toBe(true);
    expect(ipInBlock('10.0.0.16', '10.0.0.0/24', except)).toBe(false);
    expect(ipInBlock('10.0.0.31', '10.0.0.0/24', except)).toBe(false);
    expect(ipInBlock('10.0.0.32', '10.0.0.0/24', except)).toBe(true);
  });

  it('ignores except blocks of the other family and unparseable ones', () => {
    expect(ipInBlock('10.0.0.1', '10.0.0.0/8', ['::/0', 'nonsense'])).toBe(true);
    expect(ipInBlock('::1', '::/0', ['0.0.0.0/0'])).toBe(true);
  });

  it('matches nothing when the address or the block is unparseable, or the families differ', () => {
    expect(ipInBlock('nonsense', '0.0.0.0/0')).toBe(false);
    expect(ipInBlock('10.0.0.1', 'nonsense')).toBe(false);
    expect(ipInBlock('::ffff:10.0.0.1', '10.0.0.0/8')).toBe(false);
    expect(ipInBlock('10.0.0.1', '::/0')).toBe(false);
  });
});

describe('Function: blockRanges', () => {
  const block = v4(0x0a000000n, 0x0a0000ffn); // 10.0.0.0/24

  it('is the block itself without exceptions, and nothing for an unparseable block', () => {
    expect(blockRanges('10.0.0.0/24')).toEqual([block]);
    expect(blockRanges('nonsense', ['10.0.0.0/8'])).toEqual([]);
  });

  it('splits the block around an exception inside it', () => {
    expect(blockRanges('10.0.0.0/24', ['10.0.0.16/28'])).toEqual([
      v4(0x0a000000n, 0x0a00000fn),
      v4(0x0a000020n, 0x0a0000ffn),
    ]);
  });

  it('trims an exception at either end without leaving an empty range', () => {
    expect(blockRanges('10.0.0.0/24', ['10.0.0.0/32'])).toEqual([v4(0x0a000001n, 0x0a0000ffn)]);
    expect(blockRanges('10.0.0.0/24', ['10.0.0.255/32'])).toEqual([v4(0x0a000000n, 0x0a0000fen)]);
    expect(blockRanges('10.0.0.0/24', ['10.0.0.0/25'])).toEqual([v4(0x0a000080n, 0x0a0000ffn)]);
  });

  it('leaves nothing when an exception covers the whole block', () => {
    expect(blockRanges('10.0.0.0/24', ['10.0.0.0/16'])).toEqual([]);
  });

  it('keeps the block when exceptions lie outside it, are of the other family or unparseable', () => {
    expect(blockRanges('10.0.0.0/24', ['10.0.1.0/24', '9.255.255.255/32', '::/0', 'nonsense'])).toEqual([block]);
    expect(blockRanges('10.0.0.0/24', ['10.0.5.0/24'])).toEqual([block]);
    expect(blockRanges('10.0.0.0/24', ['9.0.0.0/24'])).toEqual([block]);
  });

  it('applies every exception in turn', () => {
    expect(blockRanges('10.0.0.0/24', ['10.0.0.0/26', '10.0.0.128/26'])).toEqual([
      v4(0x0a000040n, 0x0a00007fn),
      v4(0x0a0000c0n, 0x0a0000ffn),
    ]);
  });
});

describe('Function: fullyCoveredFamilies', () => {
  it('names a family whose every address is covered', () => {
    expect(fullyCoveredFamilies([v4(0n, MAX4)])).toEqual([4]);
    expect(fullyCoveredFamilies([{ family: 6, start: 0n, end: MAX6 }])).toEqual([6]);
    expect(fullyCoveredFamilies([v4(0n, MAX4), { family: 6, start: 0n, end: MAX6 }])).toEqual([4, 6]);
  });

  it('names nothing without ranges', () => {
    expect(fullyCoveredFamilies([])).toEqual([]);
  });

  it('joins adjacent and overlapping ranges given in any order', () => {
    const half = 1n << 31n;
    expect(fullyCoveredFamilies([v4(half + 5n, MAX4), v4(half, half + 10n), v4(0n, half - 1n)])).toEqual([4]);
  });

  it('joins a range of a single address between two others', () => {
    expect(fullyCoveredFamilies([v4(0n, 9n), v4(10n, 10n), v4(11n, MAX4)])).toEqual([4]);
  });

  it('does not let a range inside an earlier one pull the covered end back', () => {
    const half = 1n << 31n;
    expect(fullyCoveredFamilies([v4(0n, half - 1n), v4(10n, 20n), v4(half, MAX4)])).toEqual([4]);
  });

  it('names nothing when a single address is left out, at the start, the middle or the end', () => {
    expect(fullyCoveredFamilies([v4(1n, MAX4)])).toEqual([]);
    expect(fullyCoveredFamilies([v4(0n, 99n), v4(101n, MAX4)])).toEqual([]);
    expect(fullyCoveredFamilies([v4(0n, MAX4 - 1n)])).toEqual([]);
    expect(fullyCoveredFamilies([{ family: 6, start: 0n, end: MAX6 - 1n }])).toEqual([]);
  });

  it('does not count ranges of one family toward the other', () => {
    expect(fullyCoveredFamilies([{ family: 6, start: 0n, end: MAX4 }])).toEqual([]);
  });
});
