import {
  admissionPlugin,
  atLeast,
  boolIs,
  featureGateIs,
  featureGates,
  isLoopback,
  listOf,
  loopbackBind,
  parseBool,
} from './flag-semantics';

describe('parseBool: the spellings of strconv.ParseBool', () => {
  it.each(['1', 't', 'T', 'TRUE', 'true', 'True'])('reads %j as true', (v) => {
    expect(parseBool(v)).toBe(true);
  });

  it.each(['0', 'f', 'F', 'FALSE', 'false', 'False'])('reads %j as false', (v) => {
    expect(parseBool(v)).toBe(false);
  });

  it.each(['', 'yes', 'no', 'on', 'tRUE', 'fALSE', ' true', 'false ', '01'])('refuses %j', (v) => {
    expect(parseBool(v)).toBeUndefined();
  });
});

describe('boolIs: a boolean flag as pflag reads it', () => {
  const profilingOff = boolIs('profiling', false, true);

  it('passes a spelling of false other than "false"', () => {
    expect(profilingOff.judge({ profiling: 'f' })).toEqual({ status: 'pass', seen: '--profiling is f' });
  });

  it('is unknown, not passed, for false with a space around it (ParseBool is given the value untrimmed)', () => {
    expect(profilingOff.judge({ profiling: 'false ' })).toEqual({
      status: 'unknown',
      seen: '--profiling is "false ", which is not a boolean the component accepts',
    });
  });
});

describe('atLeast: an int flag as pflag reads it (strconv.ParseInt with base 0)', () => {
  const maxAge = atLeast('audit-log-maxage', 30);

  it.each([
    ['30', '--audit-log-maxage is 30 (at least 30)'],
    ['+45', '--audit-log-maxage is 45 (at least 30)'],
    ['9223372036854775807', '--audit-log-maxage is 9223372036854775807 (at least 30)'],
  ])('passes %j', (v, seen) => {
    expect(maxAge.judge({ 'audit-log-maxage': v })).toEqual({ status: 'pass', seen });
  });

  it.each([
    ['0', '--audit-log-maxage is 0, below 30'],
    ['-5', '--audit-log-maxage is -5, below 30'],
    ['-9223372036854775808', '--audit-log-maxage is -9223372036854775808, below 30'],
  ])('fails %j', (v, seen) => {
    expect(maxAge.judge({ 'audit-log-maxage': v })).toEqual({ status: 'fail', seen });
  });

  it.each([' 30', '30 ', 'x30', '30d', '030', '0x1e', '0o36', '3_0', '', '+', '--30'])(
    'is unknown for %j, which the component refuses or reads in another base',
    (v) => {
      expect(maxAge.judge({ 'audit-log-maxage': v })).toEqual({
        status: 'unknown',
        seen: `--audit-log-maxage is ${JSON.stringify(v)}, which is not a plain decimal whole number (the component refuses it or reads it in another base)`,
      });
    },
  );

  it.each(['9223372036854775808', '-9223372036854775809'])('is unknown for %j, beyond 64 bits', (v) => {
    expect(maxAge.judge({ 'audit-log-maxage': v })).toEqual({
      status: 'unknown',
      seen: `--audit-log-maxage is ${v}, which is out of the 64-bit range the component accepts`,
    });
  });
});

describe('listOf: the items of a comma-separated list', () => {
  it('is empty for an absent flag', () => {
    expect(listOf(undefined)).toEqual([]);
  });

  it('trims each item and leaves out the empty ones', () => {
    expect(listOf(' A, B,,C , ')).toEqual(['A', 'B', 'C']);
  });
});

describe('admissionPlugin: items the API server does not know as a plugin name', () => {
  const serviceAccount = admissionPlugin('ServiceAccount', true, true);

  it.each([
    ['enable-admission-plugins', ',NodeRestriction', ''],
    ['disable-admission-plugins', 'AlwaysPullImages ', 'AlwaysPullImages '],
    ['admission-control', 'ServiceAccount,\tNodeRestriction', '\tNodeRestriction'],
  ])('is unknown for --%s=%j, naming the item', (flag, v, item) => {
    expect(serviceAccount.judge({ [flag]: v })).toEqual({
      status: 'unknown',
      seen: `--${flag} lists ${JSON.stringify(item)}, a name no admission plugin has, which the API server refuses at start`,
    });
  });

  it('reads an empty list as no plugin named (the defaults apply)', () => {
    expect(serviceAccount.judge({ 'enable-admission-plugins': '', 'disable-admission-plugins': '' })).toEqual({
      status: 'pass',
      seen: 'the ServiceAccount admission plugin is enabled (on by default, in neither --enable-admission-plugins nor --disable-admission-plugins)',
    });
  });
});

describe('featureGates: --feature-gates as gate names and values', () => {
  it('trims names and values, lets a later entry win, and skips items without = or without a name', () => {
    expect(featureGates(' A = true,B=false,,NoValue,=true,B= 1 ')).toEqual(
      new Map([
        ['A', 'true'],
        ['B', '1'],
      ]),
    );
  });

  it('is empty for an absent flag', () => {
    expect(featureGates(undefined)).toEqual(new Map());
  });
});

describe('featureGateIs: a gate as the component reads --feature-gates', () => {
  const rotation = featureGateIs('RotateKubeletServerCertificate', true, true);

  it.each([
    [' ', ' '],
    [' =true', ' =true'],
    ['RotateKubeletServerCertificate=true,Other', 'Other'],
    ['RotateKubeletServerCertificate=true,True', 'True'],
    ['Other=maybe,RotateKubeletServerCertificate=true', 'Other=maybe'],
  ])('is unknown for --feature-gates=%j, naming the item %j the component refuses at start', (v, refused) => {
    expect(rotation.judge({ 'feature-gates': v })).toEqual({
      status: 'unknown',
      seen: `--feature-gates has ${JSON.stringify(refused)}, not a gate=boolean pair, which the component refuses at start`,
    });
  });

  it('passes when the gate is named in a Go boolean spelling, after an empty item', () => {
    expect(rotation.judge({ 'feature-gates': ',RotateKubeletServerCertificate=T' })).toEqual({
      status: 'pass',
      seen: '--feature-gates sets RotateKubeletServerCertificate=T',
    });
  });

  it('fails a gate that must be off and is on by default when it is not named', () => {
    expect(featureGateIs('SomeAlphaGate', false, true).judge({})).toEqual({
      status: 'fail',
      seen: 'the SomeAlphaGate feature gate is not set in --feature-gates (defaults to true)',
    });
  });
});

describe('isLoopback: 127.0.0.0/8 and ::1, as Go judges them', () => {
  it.each([
    '127.0.0.1',
    '127.10.20.30',
    '127.255.255.255',
    '127.0.0.255',
    ' 127.0.0.1 ',
    '::1',
    '[::1]',
    '0:0:0:0:0:0:0:1',
    '0::1',
    '::0:0001',
    '::ffff:127.0.0.1',
    '[::ffff:127.1.2.3]',
    '::FFFF:7f00:1',
    ' [::1] ',
  ])('is true for %j', (a) => {
    expect(isLoopback(a)).toBe(true);
  });

  it.each([
    '127.0.0.256',
    '127.0.0.1000',
    '0127.0.0.1',
    '127.0.0.1.1',
    '127.0.0',
    '128.0.0.1',
    '0.0.0.0',
    '::',
    '::2',
    '::[1]',
    '[::]1',
    '[::1',
    '',
    '::127.0.0.1',
    '::fffe:127.0.0.1',
    '1::ffff:127.0.0.1',
    '::ffff:128.0.0.1',
    '::ffff:127.0.0.01',
    '127.0.0.01',
    '::1%lo',
    '::1::',
    '::10001',
    'localhost',
  ])('is false for %j', (a) => {
    expect(isLoopback(a)).toBe(false);
  });
});

describe('loopbackBind: an IP flag as pflag reads it (net.ParseIP, spaces trimmed)', () => {
  const bind = loopbackBind('bind-address', '0.0.0.0');

  it('fails an empty value, which is no loopback address', () => {
    expect(bind.judge({ 'bind-address': '' })).toEqual({ status: 'fail', seen: '--bind-address is empty' });
  });

  it('never passes an empty value, even where the default is loopback (pflag before 1.0.6 refuses it)', () => {
    const local = loopbackBind('address', '127.0.0.1');
    expect(local.judge({})).toEqual({ status: 'pass', seen: '--address is not set (defaults to 127.0.0.1)' });
    expect(local.judge({ address: '' })).toEqual({ status: 'fail', seen: '--address is empty' });
  });

  it.each(['[::1]', ' [::1]', '[127.0.0.1]', '127.0.0.01', '127.000.0.1', '10.0.0.05', '::ffff:127.0.0.01'])(
    'is unknown, never passed, for %j, which net.ParseIP refuses',
    (v) => {
      expect(bind.judge({ 'bind-address': v })).toEqual({
        status: 'unknown',
        seen: `--bind-address is ${JSON.stringify(v)}, which is not an IP address the component accepts`,
      });
    },
  );

  it('fails an IPv6 address whose group has a leading 0 (net.ParseIP reads it)', () => {
    expect(bind.judge({ 'bind-address': '01::1' })).toEqual({ status: 'fail', seen: '--bind-address is 01::1' });
    // Only the dotted tail of an IPv6 address is read for zero-padded octets.
    expect(bind.judge({ 'bind-address': '01::ffff:10.0.0.1' })).toEqual({
      status: 'fail',
      seen: '--bind-address is 01::ffff:10.0.0.1',
    });
  });

  it('passes 127.0.0.1 written IPv4-mapped, which Go takes as loopback, and fails another mapped address', () => {
    expect(bind.judge({ 'bind-address': '::ffff:127.0.0.1' })).toEqual({
      status: 'pass',
      seen: '--bind-address is ::ffff:127.0.0.1',
    });
    expect(bind.judge({ 'bind-address': '::ffff:10.0.0.1' })).toEqual({
      status: 'fail',
      seen: '--bind-address is ::ffff:10.0.0.1',
    });
  });

  it('passes an address of 127.0.0.0/8 other than 127.0.0.1', () => {
    expect(bind.judge({ 'bind-address': '127.0.1.1' })).toEqual({
      status: 'pass',
      seen: '--bind-address is 127.0.1.1',
    });
  });
});
