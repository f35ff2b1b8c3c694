import fc from 'fast-check';
import {
  type ConnectionSpec,
  cidrContains,
  globMatch,
  matchAddressList,
  matchLine,
  matchPatternList,
  parseSpec,
} from './match';

describe('Function: parseSpec', () => {
  it('reads every key sshd -C accepts, case-insensitively, trimming blanks', () => {
    expect(parseSpec('USER=root, host = h.example ,addr=192.0.2.1,laddr=10.0.0.1,lport=22,rdomain=vrf1')).toEqual({
      groups: [],
      user: 'root',
      host: 'h.example',
      addr: '192.0.2.1',
      laddr: '10.0.0.1',
      lport: '22',
      rdomain: 'vrf1',
    });
  });

  it('keeps the groups given and ignores unknown keys, parts without "=" and an empty key', () => {
    expect(parseSpec('user=a,colour=blue,flag,=x', ['wheel'])).toEqual({ groups: ['wheel'], user: 'a' });
  });

  it('keeps an "=" inside the value', () => {
    expect(parseSpec('user=a=b').user).toBe('a=b');
  });
});

describe('Function: globMatch', () => {
  it('matches the whole text: * any run (newlines too), ? exactly one character', () => {
    expect(globMatch('abc', 'a*')).toBe(true);
    expect(globMatch('xabc', 'a*')).toBe(false);
    expect(globMatch('abcx', '*c')).toBe(false);
    expect(globMatch('a\nb', 'a*b')).toBe(true);
    expect(globMatch('ab', 'a?')).toBe(true);
    expect(globMatch('abc', 'a?')).toBe(false);
    expect(globMatch('a', 'a?')).toBe(false);
  });

  it('takes regex characters literally', () => {
    expect(globMatch('a.b', 'a.b')).toBe(true);
    expect(globMatch('axb', 'a.b')).toBe(false);
    expect(globMatch('(a)[b]{1}^$|\\/', '(a)[b]{1}^$|\\/')).toBe(true);
    expect(globMatch('aa', 'a+')).toBe(false);
  });

  it('decides a pattern of many "*" against a long name without trying every split of it', () => {
    const name = 'a'.repeat(41);
    const pattern = `${'*a'.repeat(10)}*b`;
    expect(globMatch(name, pattern)).toBe(false);
    expect(globMatch(`${name}b`, pattern)).toBe(true);
    expect(matchLine(['User', `${'*a'.repeat(12)}*b`, 'Host', '*'], { user: 'a'.repeat(60), host: 'h' })).toBe(false);
  });

  /** sshd's match_pattern written as a regular expression: right on every text, but slow on many `*`. */
  const reference = (text: string, pattern: string): boolean => {
    const body = [...pattern]
      .map((ch) => (ch === '*' ? '.*' : ch === '?' ? '.' : ch.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&')))
      .join('');
    return new RegExp(`^${body}$`, 's').test(text);
  };

  it('agrees with the regular-expression reading of the pattern on every text', () => {
    const text = fc.string({
      unit: fc.constantFrom('a', 'b', '.', '*', '?', '\n', '\\', '[', 'é', '\u{1F600}'),
      maxLength: 12,
    });
    const pattern = fc.string({
      unit: fc.constantFrom('a', 'b', '.', '*', '?', '\n', '\\', '[', '\u{1F600}'),
      maxLength: 8,
    });
    fc.assert(
      fc.property(text, pattern, (t, p) => {
        expect(globMatch(t, p)).toBe(reference(t, p));
      }),
      { numRuns: 2000 },
    );
  });
});

describe('Function: matchPatternList', () => {
  it('skips empty entries of the list', () => {
    expect(matchPatternList('', ',')).toBe(0);
    expect(matchPatternList('a', ',a,')).toBe(1);
  });

  it('keeps a positive match when later patterns do not match', () => {
    expect(matchPatternList('root', 'root,admin')).toBe(1);
    expect(matchPatternList('root', 'root,!admin')).toBe(1);
  });

  it('lets a matching negated pattern veto, before or after a positive one', () => {
    expect(matchPatternList('root', '!root,*')).toBe(-1);
    expect(matchPatternList('root', '*,!ro*')).toBe(-1);
  });

  it('lower-cases the text and the patterns, negated ones too, only when asked', () => {
    expect(matchPatternList('Bastion', 'BASTION', true)).toBe(1);
    expect(matchPatternList('bastion', '!BAST*,*', true)).toBe(-1);
    expect(matchPatternList('Bastion', 'bastion')).toBe(0);
    expect(matchPatternList('bastion', '!BASTION,*')).toBe(1);
  });
});

describe('Function: cidrContains', () => {
  it('compares the prefix bits only, from /0 to the full width', () => {
    expect(cidrContains('192.0.2.0/24', '192.0.2.255')).toBe(true);
    expect(cidrContains('192.0.2.0/24', '192.0.3.0')).toBe(false);
    expect(cidrContains('192.0.2.1/32', '192.0.2.1')).toBe(true);
    expect(cidrContains('192.0.2.1/32', '192.0.2.2')).toBe(false);
    expect(cidrContains('255.255.255.255/32', '255.255.255.255')).toBe(true);
    expect(cidrContains('::/0', '2001:db8::1')).toBe(true);
    expect(cidrContains('::1/128', '::1')).toBe(true);
    expect(cidrContains('::1/128', '::2')).toBe(false);
  });

  it('reads IPv6 with "::" anywhere, upper-case digits and an IPv4 tail', () => {
    expect(cidrContains('2001:DB8::/32', '2001:db8:0:0:0:0:0:1')).toBe(true);
    expect(cidrContains('1:2:3::5:6:7:8/128', '1:2:3:0:5:6:7:8')).toBe(true);
    // "::" stands for at least one group: with eight others it is no address (sshd reads the entry as a pattern).
    expect(cidrContains('1:2:3:4::5:6:7:8/128', '1:2:3:4:5:6:7:8')).toBeNull();
    expect(cidrContains('fe80::/10', 'fe80::1:2')).toBe(true);
    expect(cidrContains('1::/128', '1:0:0:0:0:0:0:0')).toBe(true);
    expect(cidrContains('::ffff:192.0.2.0/120', '::ffff:192.0.2.77')).toBe(true);
    expect(cidrContains('::ffff:192.0.2.0/120', '::ffff:192.0.3.77')).toBe(false);
    expect(cidrContains('::/96', '::1.2.3.4')).toBe(true);
  });

  it.each([
    ['no prefix length', '10.0.0.0'],
    ['an empty prefix length', '10.0.0.0/'],
    ['a prefix length that is not a number', '10.0.0.0/x'],
    ['a negative prefix length', '10.0.0.0/-1'],
    ['a prefix longer than IPv4', '10.0.0.0/33'],
    ['a prefix longer than IPv6', '::/129'],
    ['five octets', '10.0.0.0.0/8'],
    ['an octet over 255', '10.0.0.256/8'],
    ['a four-digit octet', '10.0.0.1000/8'],
    ['an octet with a sign', '10.0.0.+1/8'],
    ['two "::"', '1::2::3/64'],
    ['too many groups', '1:2:3:4:5:6:7:8:9/64'],
    ['too few groups', '1:2:3:4:5:6:7/64'],
    ['too many groups with "::"', '1:2:3:4::5:6:7:8:9/64'],
    ['a five-digit group', '12345::/16'],
    ['a non-hex character', 'g::/16'],
    ['a bad group after "::"', '1::g/16'],
    ['a bad IPv4 tail', '::ffff:1.2.3.999/96'],
    ['a host name', 'example.com/8'],
  ])('is null for a CIDR with %s', (_what, cidr) => {
    expect(cidrContains(cidr, '10.0.0.1')).toBeNull();
  });

  it('is false for an address of the other family or no address at all', () => {
    expect(cidrContains('10.0.0.0/8', '::ffff:10.0.0.1')).toBe(false);
    expect(cidrContains('::/0', '10.0.0.1')).toBe(false);
    expect(cidrContains('10.0.0.0/8', 'localhost')).toBe(false);
    expect(cidrContains('10.0.0.0/8', '')).toBe(false);
  });
});

describe('Function: matchAddressList', () => {
  it('mixes CIDRs and wildcards, skipping empty entries', () => {
    expect(matchAddressList('10.1.2.3', ',192.0.2.0/24,10.*')).toBe(1);
    expect(matchAddressList('10.1.2.3', '192.0.2.0/24,11.*,')).toBe(0);
    expect(matchAddressList('10.1.2.3', '10.1.2.3')).toBe(1);
  });

  it('never matches a malformed CIDR, and a negated one cannot veto', () => {
    expect(matchAddressList('10.0.0.1', '10.0.0.0/99')).toBe(0);
    expect(matchAddressList('10.0.0.1', '10.*,!10.0.0.0/99')).toBe(1);
  });

  it('lets a negated entry veto, before or after a positive one', () => {
    expect(matchAddressList('10.1.2.3', '!10.1.0.0/16,10.0.0.0/8')).toBe(-1);
    expect(matchAddressList('10.1.2.3', '10.*,!10.1.2.?')).toBe(-1);
    expect(matchAddressList('10.2.0.1', '10.0.0.0/8,!10.1.0.0/16')).toBe(1);
  });
});

describe('Function: matchLine', () => {
  const full: ConnectionSpec = parseSpec(
    'user=alice,host=Bastion.Example.com,addr=192.0.2.10,laddr=10.0.0.1,lport=2222,rdomain=vrf1',
    ['staff', 'wheel'],
  );
  const empty: ConnectionSpec = parseSpec('', []);

  it('matches "all" alone, in any case', () => {
    expect(matchLine(['all'], full)).toBe(true);
    expect(matchLine(['ALL'], null)).toBe(true);
  });

  it.each<[string[], boolean]>([
    [['User', 'alice'], true],
    [['User', 'bob'], false],
    [['USER', 'a*'], true],
    [['Group', 'wheel'], true],
    [['Group', 'admin'], false],
    [['Host', 'bastion.example.COM'], true],
    [['Host', 'other'], false],
    [['Address', '192.0.2.0/24'], true],
    [['Address', '198.51.100.0/24'], false],
    [['LocalAddress', '10.0.0.0/8'], true],
    [['LocalAddress', '192.0.2.10'], false],
    [['LocalPort', '2222'], true],
    [['LocalPort', '22'], false],
    [['RDomain', 'vrf*'], true],
    [['RDomain', 'mgmt'], false],
    [['User', 'alice', 'LocalPort', '2222', 'RDomain', 'vrf1'], true],
    [['User', 'alice', 'LocalPort', '22'], false],
    [['User', 'bob', 'LocalPort', '2222'], false],
  ])('%j for a connection with every field set: %s', (args, expected) => {
    expect(matchLine(args, full)).toBe(expected);
  });

  it.each([
    ['User', 'a*'],
    ['Group', '*'],
    ['Host', '*'],
    ['Address', '0.0.0.0/0'],
    ['LocalAddress', '*'],
    ['LocalPort', '22'],
    ['RDomain', '*'],
  ])('%s %s does not match a connection that lacks the field, nor sshd startup', (criterion, value) => {
    expect(matchLine([criterion, value], empty)).toBe(false);
    expect(matchLine([criterion, value], null)).toBe(false);
  });

  it('does not match a group for a user without groups', () => {
    expect(matchLine(['Group', '*'], { user: 'alice' })).toBe(false);
  });

  it('lets a negated group veto the list, whichever group comes first', () => {
    const spec = parseSpec('user=alice', ['staff', 'wheel']);
    expect(matchLine(['Group', 'wheel,!staff'], spec)).toBe(false);
    expect(matchLine(['Group', 'staff,!wheel'], spec)).toBe(false);
    expect(matchLine(['Group', 'admin,!nobody'], spec)).toBe(false);
    expect(matchLine(['Group', 'wheel,!nobody'], spec)).toBe(true);
  });

  it('reports a malformed line even after a criterion that did not match', () => {
    expect(matchLine(['User', 'bob', 'Colour', 'blue'], full)).toBeNull();
    expect(matchLine(['User', 'bob', 'Host'], full)).toBeNull();
    expect(matchLine(['User', 'alice', 'All', 'x'], full)).toBeNull();
    expect(matchLine(['all', 'x'], full)).toBeNull();
    expect(matchLine([], null)).toBeNull();
  });
});
