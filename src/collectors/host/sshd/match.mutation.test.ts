/**
 * sshd Match criteria: cases whose expectations the real daemon confirms (describeAgainstSshd runs `sshd -T -C` on
 * each), then the address and pattern helpers at their boundaries.
 */
import { describeAgainstSshd, parserView, type SshdCase } from './case-helpers';
import {
  addressListValid,
  cidrContains,
  globMatch,
  matchAddressList,
  matchLine,
  matchPatternList,
  parseSpec,
} from './match';

const CONN = 'host=h.example.com,addr=192.0.2.10';
const block = (criteria: string) => ({ main: `PermitRootLogin no\nMatch ${criteria}\n  PermitRootLogin yes\n` });
/** A Match block that sets PermitRootLogin yes: `yes` when it matches the connection, `no` otherwise. */
const matchCase = (criteria: string, spec: string, matches: boolean, groups?: string[]): SshdCase => ({
  name: `Match ${criteria} ${matches ? 'matches' : 'does not match'} ${spec}`,
  files: block(criteria),
  spec,
  groups,
  expect: { permitrootlogin: matches ? 'yes' : 'no' },
});
const refused = (criteria: string): SshdCase => ({
  name: `Match ${criteria} is refused`,
  files: block(criteria),
  expect: 'refused',
});

const CASES: SshdCase[] = [
  matchCase('User root', `user=root,${CONN}`, true),
  matchCase('User Root', `user=root,${CONN}`, false),
  matchCase('User r??t', `user=root,${CONN}`, true),
  matchCase('User *,!root', `user=root,${CONN}`, false),
  matchCase('User !root,alice', `user=alice,${CONN}`, true),
  matchCase('User !root', `user=alice,${CONN}`, false),
  matchCase('User alice,', `user=alice,${CONN}`, true),
  matchCase('user alice Host *.example.com', `user=alice,${CONN}`, true),
  matchCase('User alice Host *.example.org', `user=alice,${CONN}`, false),
  matchCase('Host H.EXAMPLE.COM', `user=alice,${CONN}`, true),
  matchCase('Host *,!h.example.*', `user=alice,${CONN}`, false),
  matchCase('Group root', `user=root,${CONN}`, true, ['root']),
  matchCase('Group wheel,root', `user=root,${CONN}`, true, ['root']),
  matchCase('Group !root,*', `user=root,${CONN}`, false, ['root']),
  matchCase('Group wheel', `user=root,${CONN}`, false, ['root']),
  matchCase('Address 192.0.2.0/24', `user=root,${CONN}`, true),
  matchCase('Address 192.0.2.0/24,!192.0.2.10', `user=root,${CONN}`, false),
  matchCase('Address 192.0.2.11/32,192.0.2.10/32', `user=root,${CONN}`, true),
  matchCase('Address 192.0.2.*', `user=root,${CONN}`, true),
  matchCase('Address 192.0.3.0/24', `user=root,${CONN}`, false),
  matchCase('Address 0.0.0.0/0', `user=root,${CONN}`, true),
  matchCase('Address 10.0.0.0/8', 'user=root,host=h,addr=10.255.255.255', true),
  matchCase('Address 10.0.0.0/8', 'user=root,host=h,addr=11.0.0.0', false),
  matchCase('Address 10.0.0.0/08', 'user=root,host=h,addr=10.1.2.3', true),
  matchCase('Address 10.0.0.0/', 'user=root,host=h,addr=10.1.2.3', false),
  matchCase('Address 10.0.0.0/200', 'user=root,host=h,addr=10.1.2.3', false),
  matchCase('Address ::/0', 'user=root,host=h,addr=10.1.2.3', false),
  matchCase('Address 0.0.0.0/0', 'user=root,host=h,addr=2001:db8::1', false),
  matchCase('Address 2001:db8::/32', 'user=root,host=h,addr=2001:db8:ffff::1', true),
  matchCase('Address 2001:db8::/32', 'user=root,host=h,addr=2001:db9::1', false),
  matchCase('Address 2001:db8::1/128', 'user=root,host=h,addr=2001:db8:0:0:0:0:0:1', true),
  matchCase('Address ::ffff:192.0.2.0/120', 'user=root,host=h,addr=::ffff:192.0.2.10', true),
  matchCase('Address 2001:db8::/64', 'user=root,host=h,addr=2001:db8:0:1::', false),
  matchCase('Address 1:2:3:4:5:6:7::8/128', 'user=root,host=h,addr=1:2:3:4:5:6:7:8', false),
  matchCase('LocalAddress 198.51.100.0/24', `user=root,${CONN},laddr=198.51.100.1,lport=22`, true),
  matchCase('LocalAddress 198.51.100.0/24', `user=root,${CONN},laddr=198.51.101.1,lport=22`, false),
  matchCase('LocalPort 022', `user=root,${CONN},laddr=198.51.100.1,lport=22`, true),
  matchCase('LocalPort 65535', `user=root,${CONN},laddr=198.51.100.1,lport=65535`, true),
  matchCase('LocalPort 0', `user=root,${CONN},laddr=198.51.100.1,lport=22`, false),
  matchCase('LocalPort 2222', `user=root,${CONN},laddr=198.51.100.1,lport=22`, false),
  matchCase('LocalPort 22', `user=root,${CONN},laddr=198.51.100.1,lport=2222`, false),
  matchCase('RDomain vrf*', `user=root,${CONN},rdomain=vrf1`, true),
  matchCase('RDomain vrf2', `user=root,${CONN},rdomain=vrf1`, false),
  matchCase('ALL', `user=root,${CONN}`, true),
  {
    name: 'globally (no connection) only Match all applies',
    files: {
      main: 'Match User root\n  PermitRootLogin yes\nMatch Address 0.0.0.0/0\n  MaxAuthTries 2\nMatch all\n  X11Forwarding yes\n',
    },
    expect: { permitrootlogin: 'prohibit-password', maxauthtries: '6', x11forwarding: 'yes' },
  },
  refused('Address 10.0.0.1/8'),
  refused('Address 192.0.2.0/24,'),
  refused('Address !'),
  refused('Address 10.0.0.0/33'),
  refused('Address 2001:db8::1/32'),
  refused('Address 10.0.0.0/0'),
  refused('Address 10/8'),
  refused('Address 10.1/8'),
  refused('Address 1.2.3/8'),
  {
    name: 'Match Address: networks sshd reads in short forms, and entries it takes as patterns, are accepted',
    files: block('Address 10.0/8,0/0,4294967295/32,300.0.0.0/8,1.2.3.4.5/8,x/8,0x0a000000/8,g::/16'),
    spec: `user=root,${CONN}`,
    expect: { permitrootlogin: 'yes' },
  },
  {
    name: 'Match LocalPort: a port beyond 65535, a list or a pattern is refused',
    files: { main: 'Match LocalPort 65536\nMatch LocalPort 22,2222\nMatch LocalPort 2*\n' },
    spec: `user=root,${CONN},laddr=198.51.100.1,lport=22`,
    expect: 'refused',
  },
  refused('LocalAddress 10.0.0.1/8'),
  refused('User'),
  refused('all User root'),
  refused('User root all'),
  refused('Colour blue'),
];

describe('Function: matchLine on the daemon-confirmed cases', () => {
  it.each(CASES.map((c) => [c.name, c] as const))('%s', (_name, c) => {
    expect(parserView(c)).toEqual(c.expect);
  });
});

describeAgainstSshd('Differential: the Match cases against the real daemon', CASES);

describe('Function: addressListValid', () => {
  it.each([
    ['10.0.0.0/8', true],
    ['!10.0.0.0/8,192.0.2.*', true],
    ['10.0.0.0/x,10.0.0.0/,10.0.0.0/1/2', true],
    ['10.0.0.0/129', true],
    ['10.0.0.0/128', false],
    ['10.0.0.1/31', false],
    ['10.0.0.2/31', true],
    ['10.0.0.1/32', true],
    ['10.0.0.0/0', false],
    ['0/0', true],
    ['10.0/8', true],
    ['10/8', false],
    ['1.2.3/8', false],
    ['4294967295/32', true],
    ['4294967296/32', true],
    ['256.0/8', true],
    ['1.16777216/8', true],
    ['1.16777215/8', false],
    ['1.0/8', true],
    ['01.0/8', true],
    ['1.2.3.4.5/8', true],
    ['0.0.0.1/0', false],
    ['::1/128', true],
    ['::1/127', false],
    ['::/0', true],
    ['a,,b', false],
    ['', false],
    ['!x', true],
    ['x/8', true],
    ['10.0.0.1/8x', true],
    ['!10.0.0.1/8', false],
  ])('%s: %s', (list, valid) => {
    expect(addressListValid(list)).toBe(valid);
  });
});

describe('Function: cidrContains', () => {
  it.each([
    ['10.0.0.0/8', '10.0.0.0', true],
    ['10.0.0.0/8', '9.255.255.255', false],
    ['10.0.0.0/32', '10.0.0.0', true],
    ['10.0.0.0/32', '10.0.0.1', false],
    ['10.0.0.0/31', '10.0.0.1', true],
    ['10.0.0.0/0', '255.255.255.255', true],
    ['::/0', 'ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff', true],
    ['2001:db8::/128', '2001:db8::', true],
    ['2001:db8::/127', '2001:db8::1', true],
    ['2001:db8::/128', '2001:db8::1', false],
    ['1:2:3:4:5:6:7:8/128', '1:2:3:4:5:6:7:8', true],
    ['1:2:3:4:5:6:7::/112', '1:2:3:4:5:6:7:ffff', true],
    ['::2:3:4:5:6:7:8/128', '0:2:3:4:5:6:7:8', true],
    ['1::8/128', '1:0:0:0:0:0:0:8', true],
    ['::ffff:10.0.0.0/104', '::ffff:10.1.2.3', true],
    ['::ffff:10.0.0.0/104', '::ffff:11.1.2.3', false],
    ['::ffff:10.0.0.0/104', '10.1.2.3', false],
    ['10.0.0.0/8', 'x', false],
  ])('%s contains %s: %s', (cidr, addr, inside) => {
    expect(cidrContains(cidr, addr)).toBe(inside);
  });

  it.each([
    '10.0.0.0/33',
    '::/129',
    '10.0.0.0',
    '10.0.0.0/',
    '10.0.0.0/x',
    '10.0.0.0/-1',
    '10.0.0.0.0/8',
    '256.0.0.0/8',
    '1a.0.0.0/8',
    '1000.0.0.0/8',
    '1:2:3:4:5:6:7/16',
    '1:2:3:4:5:6:7:8:9/16',
    '1::2::3/16',
    '1:2:3:4:5:6:7::8/16',
    '1:2:3:4:5:6:7:8::/16',
    '12345::/16',
    'g::/16',
    '::g/16',
    '::ffff:10.0.0/104',
    '::ffff:10.0.0.256/104',
    '1:2:3:4:5:6:7:1.2.3.4/16',
    ':/16',
    '::g1/16',
    '::1g/16',
    '::12345/16',
    '10.0.0.0/8x',
  ])('%s is not a network', (cidr) => {
    expect(cidrContains(cidr, '10.0.0.1')).toBeNull();
  });

  it('reads the network in the short forms sshd reads (inet_aton), the address matched strictly', () => {
    expect(cidrContains('10.0/8', '10.1.2.3')).toBe(true);
    expect(cidrContains('10.0.0/8', '10.0.0.1')).toBe(true);
    expect(cidrContains('0/0', '192.0.2.1')).toBe(true);
    expect(cidrContains('167772160/8', '10.9.9.9')).toBe(true);
    expect(cidrContains('255.0/8', '255.1.2.3')).toBe(true);
    expect(cidrContains('1.255.0/16', '1.255.2.3')).toBe(true);
    expect(cidrContains('10.0.0.0/8', '10.1')).toBe(false);
  });

  it('accepts an IPv4 address written in IPv6 notation and upper-case hex', () => {
    expect(cidrContains('1:2:3:4:5:6:1.2.3.4/128', '1:2:3:4:5:6:102:304')).toBe(true);
    expect(cidrContains('2001:DB8::/32', '2001:db8::1')).toBe(true);
    expect(cidrContains('::/128', '::')).toBe(true);
  });
});

describe('Function: matchAddressList', () => {
  it('matches CIDR entries and patterns; a negated match vetoes; empty entries are skipped', () => {
    expect(matchAddressList('10.0.0.5', '10.0.0.0/8')).toBe(1);
    expect(matchAddressList('10.0.0.5', '!10.0.0.0/8,10.*')).toBe(-1);
    expect(matchAddressList('10.0.0.5', '10.*,!10.0.0.0/8')).toBe(-1);
    expect(matchAddressList('10.0.0.5', '!192.0.2.0/24')).toBe(0);
    expect(matchAddressList('10.0.0.5', '!192.*,10.0.0.5')).toBe(1);
    expect(matchAddressList('10.0.0.5', ',10.0.0.5,')).toBe(1);
    expect(matchAddressList('', ',')).toBe(0);
    expect(matchAddressList('10.0.0.5', '10.0.0.0/33')).toBe(0);
    expect(matchAddressList('10.0.0.5', '192.0.2.0/24,10.0.0.6')).toBe(0);
  });
});

describe('Function: matchPatternList', () => {
  it('lower-cases only when asked, a negated pattern too', () => {
    expect(matchPatternList('ROOT', 'root', true)).toBe(1);
    expect(matchPatternList('root', 'ROOT', true)).toBe(1);
    expect(matchPatternList('ROOT', '!root,*', true)).toBe(-1);
    expect(matchPatternList('ROOT', '!root,*')).toBe(1);
    expect(matchPatternList('ROOT', 'root')).toBe(0);
    expect(matchPatternList('a', '!b')).toBe(0);
  });
});

describe('Function: globMatch', () => {
  it('anchors both ends and reads "?" as exactly one character, "*" as any run', () => {
    expect(globMatch('', '*')).toBe(true);
    expect(globMatch('', '?')).toBe(false);
    expect(globMatch('abc', '*b*')).toBe(true);
    expect(globMatch('abc', 'b')).toBe(false);
    expect(globMatch('a\nb', 'a?b')).toBe(true);
    expect(globMatch('a/b', 'a?b')).toBe(true);
  });
});

describe('Function: parseSpec', () => {
  it('trims blanks around keys and values and ignores unknown keys', () => {
    expect(parseSpec(' LAddr = 10.0.0.1 , LPort=22,RDomain=v ,groups=x', ['g'])).toEqual({
      groups: ['g'],
      laddr: '10.0.0.1',
      lport: '22',
      rdomain: 'v',
    });
    expect(parseSpec('user=a')).toEqual({ groups: [], user: 'a' });
    expect(parseSpec('x=1,=2,user')).toEqual({ groups: [] });
    expect(parseSpec('users,hosts')).toEqual({ groups: [] });
  });
});

describe('Function: matchLine', () => {
  const spec = parseSpec('user=alice,host=h,addr=10.0.0.1,laddr=10.0.0.2,lport=22,rdomain=v', ['staff']);

  it('needs the connection field each criterion reads', () => {
    const none = parseSpec('');
    for (const c of ['User', 'Group', 'Host', 'Address', 'LocalAddress', 'RDomain'])
      expect(matchLine([c, '*'], none)).toBe(false);
    expect(matchLine(['LocalPort', '22'], none)).toBe(false);
    for (const [c, v] of [
      ['User', 'alice'],
      ['Group', 'staff'],
      ['Host', 'h'],
      ['Address', '10.0.0.1'],
      ['LocalAddress', '10.0.0.2'],
      ['LocalPort', '22'],
      ['RDomain', 'v'],
    ])
      expect(matchLine([c, v], spec)).toBe(true);
  });

  it('evaluates a Group for a user only, from the groups given; a negated match vetoes any other', () => {
    expect(matchLine(['Group', 'staff'], parseSpec('host=h', ['staff']))).toBe(false);
    expect(matchLine(['Group', 'staff'], { user: 'a' })).toBe(false);
    expect(matchLine(['Group', 'wheel,staff'], parseSpec('user=a', ['staff', 'x']))).toBe(true);
    expect(matchLine(['Group', '!x,*'], parseSpec('user=a', ['staff', 'x']))).toBe(false);
    expect(matchLine(['Group', '!x,*'], parseSpec('user=a', ['x', 'staff']))).toBe(false);
    expect(matchLine(['Group', '!x,*'], parseSpec('user=a', ['staff']))).toBe(true);
    expect(matchLine(['Group', 'staff'], parseSpec('user=a', []))).toBe(false);
  });

  it('needs every criterion, the last one too', () => {
    expect(matchLine(['User', 'alice', 'Host', 'x'], spec)).toBe(false);
    expect(matchLine(['User', 'bob', 'Host', 'h'], spec)).toBe(false);
    expect(matchLine(['User', 'alice', 'Host', 'h', 'LocalPort', '22'], spec)).toBe(true);
  });

  it('refuses a line whose last criterion has no value, even after others, and "all" anywhere but alone', () => {
    expect(matchLine(['User', 'alice', 'Host'], spec)).toBeNull();
    expect(matchLine(['User', 'alice', 'all'], spec)).toBeNull();
    expect(matchLine(['User', 'alice', 'all', 'x'], spec)).toBeNull();
    expect(matchLine(['ALL', 'x'], spec)).toBeNull();
    expect(matchLine(['All'], null)).toBe(true);
    expect(matchLine(['User', 'alice', 'Bogus', 'x'], spec)).toBeNull();
  });

  it('reads LocalPort as a port number up to 65535, or a service name that no port matches', () => {
    expect(matchLine(['LocalPort', '65535'], parseSpec('lport=65535'))).toBe(true);
    expect(matchLine(['LocalPort', '65536'], spec)).toBeNull();
    expect(matchLine(['LocalPort', 'ssh'], spec)).toBe(false);
    expect(matchLine(['LocalPort', 'a22'], spec)).toBe(false);
    expect(matchLine(['LocalPort', 'ssh-alt2'], spec)).toBe(false);
    for (const bad of ['ssh*', '*ssh', '22a', '-1', '', 's s']) expect(matchLine(['LocalPort', bad], spec)).toBeNull();
  });

  it('refuses an invalid address list whatever the connection, none included', () => {
    expect(matchLine(['Address', '10.0.0.1/8'], null)).toBeNull();
    expect(matchLine(['LocalAddress', '10.0.0.1/8'], null)).toBeNull();
    expect(matchLine(['Address', '10.0.0.0/8'], null)).toBe(false);
  });
});
