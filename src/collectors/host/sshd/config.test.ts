import {
  type ConfigFiles,
  canonicalKeyword,
  canonicalValue,
  evaluateFiles,
  parseConfigText,
  resolveInclude,
  SSHD_DEFAULTS,
  splitArgs,
} from './config';
import { parseSpec } from './match';

const MAIN = '/etc/ssh/sshd_config';
const filesOf = (entries: Record<string, string | null>): ConfigFiles => new Map(Object.entries(entries));
const settingsOf = (text: string, spec: string | null = null) =>
  evaluateFiles(filesOf({ [MAIN]: text }), MAIN, spec === null ? null : parseSpec(spec), 'c').context.settings;

describe('Function: canonicalKeyword', () => {
  it.each([
    ['ChallengeResponseAuthentication', 'kbdinteractiveauthentication'],
    ['SKeyAuthentication', 'kbdinteractiveauthentication'],
    ['DSAAuthentication', 'pubkeyauthentication'],
    ['HostbasedAcceptedKeyTypes', 'hostbasedacceptedalgorithms'],
    ['PubkeyAcceptedKeyTypes', 'pubkeyacceptedalgorithms'],
    ['PermitRootLogin', 'permitrootlogin'],
  ])('names %s as sshd -T prints it: %s', (keyword, canonical) => {
    expect(canonicalKeyword(keyword)).toBe(canonical);
  });
});

describe('Function: canonicalValue', () => {
  it.each([
    'permitrootlogin',
    'passwordauthentication',
    'kbdinteractiveauthentication',
    'permitemptypasswords',
    'pubkeyauthentication',
    'hostbasedauthentication',
    'ignorerhosts',
    'x11forwarding',
    'usepam',
    'allowtcpforwarding',
    'permittunnel',
    'gssapiauthentication',
    'kerberosauthentication',
    'loglevel',
  ])('lower-cases the value of %s', (keyword) => {
    expect(canonicalValue(keyword, 'YeS')).toBe('yes');
  });

  it('keeps the case of other values', () => {
    expect(canonicalValue('banner', '/ETC/Issue.NET')).toBe('/ETC/Issue.NET');
    expect(canonicalValue('ciphers', 'AES256-GCM@openssh.com')).toBe('AES256-GCM@openssh.com');
    // sshd reads "NO" as the pattern of a variable users may set, not as "no".
    expect(canonicalValue('permituserenvironment', 'NO')).toBe('NO');
  });

  it('names without-password prohibit-password, for PermitRootLogin only and in any case', () => {
    expect(canonicalValue('permitrootlogin', 'Without-Password')).toBe('prohibit-password');
    expect(canonicalValue('permitrootlogin', 'forced-commands-only')).toBe('forced-commands-only');
    expect(canonicalValue('passwordauthentication', 'without-password')).toBe('without-password');
  });
});

describe('Function: splitArgs', () => {
  it.each<[string, string[]]>([
    ['', []],
    [' \t ', []],
    ['a', ['a']],
    ['\t a \t b\t', ['a', 'b']],
    ['"a \tb"', ['a \tb']],
    ['a"b c"d', ['ab cd']],
    ['""', ['']],
    ['\\"x', ['"x']],
    ['\\\\x', ['\\x']],
    ['a\\ b', ['a b']],
    ['a\\\tb', ['a\tb']],
    ['a\\b', ['a\\b']],
    ['a\\', ['a\\']],
    ['"a\\"b"', ['a"b']],
    ['a #b', ['a']],
    ['a\t#b', ['a']],
    ['#a b', []],
    ['"#a" b', ['#a', 'b']],
    ['a# b', ['a#', 'b']],
  ])('splits %j into %j', (text, args) => {
    expect(splitArgs(text)).toEqual(args);
  });

  it('refuses an unbalanced quote anywhere', () => {
    expect(splitArgs('a "b')).toBeNull();
    expect(splitArgs('a\\"b"')).toBeNull();
  });
});

describe('Function: parseConfigText', () => {
  it('reads keyword and arguments after blanks, "=" or both, numbering every line', () => {
    const text = [
      '# comment',
      '',
      'PermitRootLogin no',
      'PasswordAuthentication=no',
      'UsePAM = yes',
      '  \t\r MaxAuthTries\t=\t3 \f\t',
      'Banner==x',
      'X11Forwarding\tyes\r',
    ].join('\r\n');
    expect(parseConfigText(text, '/f')).toEqual([
      { keyword: 'permitrootlogin', args: ['no'], file: '/f', line: 3 },
      { keyword: 'passwordauthentication', args: ['no'], file: '/f', line: 4 },
      { keyword: 'usepam', args: ['yes'], file: '/f', line: 5 },
      { keyword: 'maxauthtries', args: ['3'], file: '/f', line: 6 },
      { keyword: 'banner', args: ['=x'], file: '/f', line: 7 },
      { keyword: 'x11forwarding', args: ['yes'], file: '/f', line: 8 },
    ]);
  });

  it('skips indented comments, lines that are only blanks and lines without a keyword', () => {
    expect(parseConfigText('   # indented\n \t \n=\n= =value\n', '/f')).toEqual([]);
  });

  it('keeps a keyword without arguments and a carriage return inside a value', () => {
    expect(parseConfigText('Subsystem\nBanner a\rb\n', '/f')).toEqual([
      { keyword: 'subsystem', args: [], file: '/f', line: 1 },
      { keyword: 'banner', args: ['a\rb'], file: '/f', line: 2 },
    ]);
  });

  it('reports unbalanced quotes with the file and line, without needing an error list', () => {
    expect(parseConfigText('a "b\nc d', '/f')).toEqual([{ keyword: 'c', args: ['d'], file: '/f', line: 2 }]);
    const errors: string[] = [];
    parseConfigText('ok 1\n\nBanner "x', '/etc/ssh/x.conf', errors);
    expect(errors).toEqual(['/etc/ssh/x.conf:3: unbalanced quotes']);
  });
});

describe('Function: resolveInclude', () => {
  const files = filesOf({
    '/etc/ssh/sshd_config.d/b.conf': '',
    '/etc/ssh/sshd_config.d/a.conf': '',
    '/etc/ssh/sshd_config.d/c.conf': '',
    '/etc/ssh/sshd_config.d/ab.conf': '',
    '/etc/ssh/sshd_config.d/.hidden.conf': '',
    '/etc/ssh/sshd_config.d/sub/d.conf': '',
    '/etc/ssh/extra.conf': '',
    '/opt/ssh.conf': '',
    '/etc/ssh/x.y': '',
    '/etc/ssh/xzy': '',
    '/etc/ssh/[lit': '',
  });

  it('takes a plain path as it is, relative ones under /etc/ssh, and drops missing ones', () => {
    expect(resolveInclude(['extra.conf', '/opt/ssh.conf', 'missing.conf'], files)).toEqual([
      '/etc/ssh/extra.conf',
      '/opt/ssh.conf',
    ]);
  });

  it('sorts the matches of each glob, keeping the order of the arguments', () => {
    expect(resolveInclude(['sshd_config.d/?.conf'], files)).toEqual([
      '/etc/ssh/sshd_config.d/a.conf',
      '/etc/ssh/sshd_config.d/b.conf',
      '/etc/ssh/sshd_config.d/c.conf',
    ]);
    expect(resolveInclude(['extra.conf', 'sshd_config.d/[bc].conf', '/opt/*.conf'], files)).toEqual([
      '/etc/ssh/extra.conf',
      '/etc/ssh/sshd_config.d/b.conf',
      '/etc/ssh/sshd_config.d/c.conf',
      '/opt/ssh.conf',
    ]);
  });

  it('matches a leading dot only explicitly, and never across "/"', () => {
    expect(resolveInclude(['sshd_config.d/.*'], files)).toEqual(['/etc/ssh/sshd_config.d/.hidden.conf']);
    expect(resolveInclude(['sshd_config.d/*'], files)).not.toContain('/etc/ssh/sshd_config.d/sub/d.conf');
    expect(resolveInclude(['*/d.conf'], files)).toEqual([]);
    expect(resolveInclude(['*/*/d.conf'], files)).toEqual(['/etc/ssh/sshd_config.d/sub/d.conf']);
  });

  it('reads brackets as sets: ranges, "!" negation, "?" and "*" beside them, "." literal', () => {
    expect(resolveInclude(['sshd_config.d/[a-b].conf'], files)).toEqual([
      '/etc/ssh/sshd_config.d/a.conf',
      '/etc/ssh/sshd_config.d/b.conf',
    ]);
    expect(resolveInclude(['sshd_config.d/[!a].conf'], files)).toEqual([
      '/etc/ssh/sshd_config.d/b.conf',
      '/etc/ssh/sshd_config.d/c.conf',
    ]);
    expect(resolveInclude(['sshd_config.d/[a]?.conf'], files)).toEqual(['/etc/ssh/sshd_config.d/ab.conf']);
    expect(resolveInclude(['sshd_config.d/[a]*'], files)).toEqual([
      '/etc/ssh/sshd_config.d/a.conf',
      '/etc/ssh/sshd_config.d/ab.conf',
    ]);
    expect(resolveInclude(['[x].y'], files)).toEqual(['/etc/ssh/x.y']);
    expect(resolveInclude(['[a-c].conf', '[lit'], files)).toEqual(['/etc/ssh/[lit']);
    expect(resolveInclude(['[[]lit'], files)).toEqual(['/etc/ssh/[lit']);
  });

  it('reads a bracket that never closes as a literal "["', () => {
    expect(resolveInclude(['[li*'], files)).toEqual(['/etc/ssh/[lit']);
  });
});

describe('Function: evaluateFiles', () => {
  it('gives the compiled-in defaults for an empty file', () => {
    const r = evaluateFiles(filesOf({ [MAIN]: '' }), MAIN, null, 'global');
    expect(r).toEqual({ context: { context: 'global', settings: { ...SSHD_DEFAULTS } }, errors: [] });
    expect(SSHD_DEFAULTS).toEqual({
      permitrootlogin: 'prohibit-password',
      passwordauthentication: 'yes',
      kbdinteractiveauthentication: 'yes',
      permitemptypasswords: 'no',
      pubkeyauthentication: 'yes',
      maxauthtries: '6',
      hostbasedauthentication: 'no',
      ignorerhosts: 'yes',
      permituserenvironment: 'no',
      x11forwarding: 'no',
      usepam: 'no',
      logingracetime: '120',
      clientaliveinterval: '0',
      clientalivecountmax: '3',
      maxstartups: '10:30:100',
      maxsessions: '10',
      loglevel: 'info',
      allowtcpforwarding: 'yes',
      banner: 'none',
    });
  });

  it('says once that the main file is missing, or unreadable', () => {
    expect(evaluateFiles(filesOf({}), MAIN, null, 'g').errors).toEqual([`${MAIN}: missing`]);
    expect(evaluateFiles(filesOf({ [MAIN]: null }), MAIN, null, 'g').errors).toEqual([`${MAIN}: not readable`]);
  });

  it('keeps the first value of a keyword, aliases included, and canonical values', () => {
    const s = settingsOf(
      'ChallengeResponseAuthentication NO\nKbdInteractiveAuthentication yes\nMaxAuthTries 3\nMaxAuthTries 4',
    );
    expect(s.kbdinteractiveauthentication).toBe('no');
    expect(s.maxauthtries).toBe('3');
  });

  it.each(['hostkey', 'listenaddress', 'port', 'subsystem'])(
    'accumulates every %s line, one per line of the value',
    (keyword) => {
      expect(settingsOf(`${keyword} a b\n${keyword} c`)[keyword]).toBe('a b\nc');
    },
  );

  it('accumulates every AcceptEnv line and keeps the first SetEnv line, one argument per line of the value', () => {
    expect(settingsOf('AcceptEnv a b\nAcceptEnv c')).toMatchObject({ acceptenv: 'a\nb\nc' });
    expect(settingsOf('SetEnv a=1 b=2\nSetEnv c=3')).toMatchObject({ setenv: 'a=1\nb=2' });
  });

  it('applies top-level lines and Match all blocks at startup, never other Match blocks', () => {
    const s = settingsOf('Match User root\n  PermitRootLogin yes\nMatch all\n  PasswordAuthentication no\n');
    expect(s.permitrootlogin).toBe('prohibit-password');
    expect(s.passwordauthentication).toBe('no');
  });

  it('lets a matching Match block override the startup value, first match winning, for that connection only', () => {
    const text =
      'PermitRootLogin no\nMatch User root\n  PermitRootLogin yes\nMatch User r*\n  PermitRootLogin without-password\n';
    expect(settingsOf(text, 'user=root').permitrootlogin).toBe('yes');
    expect(settingsOf(text, 'user=rose').permitrootlogin).toBe('prohibit-password');
    expect(settingsOf(text, 'user=alice').permitrootlogin).toBe('no');
    expect(settingsOf(text).permitrootlogin).toBe('no');
  });

  it('names the user of the connection in the context', () => {
    const r = evaluateFiles(filesOf({ [MAIN]: '' }), MAIN, parseSpec('user=alice'), 'alice');
    expect(r.context.user).toBe('alice');
    expect(r.context.context).toBe('alice');
    expect(evaluateFiles(filesOf({ [MAIN]: '' }), MAIN, parseSpec('host=h'), 'h').context).not.toHaveProperty('user');
  });

  it('reads an included file in the state of the Include line, and restores that state after it', () => {
    const files = filesOf({
      [MAIN]: 'Match User root\nInclude /etc/ssh/a.conf\n  X11Forwarding yes\nMatch all\nInclude /etc/ssh/b.conf\n',
      '/etc/ssh/a.conf': 'PermitRootLogin yes\nMatch User nobody\n',
      '/etc/ssh/b.conf': 'PasswordAuthentication no\n',
    });
    const root = evaluateFiles(files, MAIN, parseSpec('user=root'), 'root').context.settings;
    expect(root.permitrootlogin).toBe('yes');
    expect(root.x11forwarding).toBe('yes');
    expect(root.passwordauthentication).toBe('no');
    const global = evaluateFiles(files, MAIN, null, 'global').context.settings;
    expect(global.permitrootlogin).toBe('prohibit-password');
    expect(global.x11forwarding).toBe('no');
    expect(global.passwordauthentication).toBe('no');
  });

  it('never matches a Match inside a file included from a block that does not match, for any connection', () => {
    // servconf.c: once a file has had a Match line, what it includes from an inactive block is read "never match".
    const files = filesOf({
      [MAIN]: 'PermitRootLogin no\nMatch User bob\n  Include /etc/ssh/bob.conf\n',
      '/etc/ssh/bob.conf': 'Match all\nPermitRootLogin yes\n',
    });
    expect(evaluateFiles(files, MAIN, null, 'global').context.settings.permitrootlogin).toBe('no');
    expect(evaluateFiles(files, MAIN, parseSpec('user=root'), 'root').context.settings.permitrootlogin).toBe('no');
    expect(evaluateFiles(files, MAIN, parseSpec('user=bob'), 'bob').context.settings.permitrootlogin).toBe('yes');
  });

  it('matches Match blocks of a file included before any Match line, for every connection', () => {
    const files = filesOf({
      [MAIN]: 'PermitRootLogin no\nInclude /etc/ssh/a.conf\nMatch User bob\n  Include /etc/ssh/a.conf\n',
      '/etc/ssh/a.conf': 'Match User root\nPermitRootLogin yes\n',
    });
    expect(evaluateFiles(files, MAIN, null, 'global').context.settings.permitrootlogin).toBe('no');
    expect(evaluateFiles(files, MAIN, parseSpec('user=root'), 'root').context.settings.permitrootlogin).toBe('yes');
  });

  it('lets a Match all in a file included at top level apply at startup', () => {
    const files = filesOf({
      [MAIN]: 'Include /etc/ssh/a.conf\n',
      '/etc/ssh/a.conf': 'Match User x\nMatch all\nPermitRootLogin no\n',
    });
    expect(evaluateFiles(files, MAIN, null, 'global').context.settings.permitrootlogin).toBe('no');
  });

  it('stops nesting at 16 levels and names the line', () => {
    const files = filesOf({
      [MAIN]: 'Include /etc/ssh/loop.conf\n',
      '/etc/ssh/loop.conf': 'Include /etc/ssh/loop.conf\n',
    });
    expect(evaluateFiles(files, MAIN, null, 'g').errors).toEqual(['/etc/ssh/loop.conf:1: Include nested too deeply']);
  });

  it('follows an Include 15 levels deep', () => {
    const entries: Record<string, string> = { [MAIN]: 'Include /etc/ssh/1.conf\n' };
    for (let i = 1; i < 16; i++) entries[`/etc/ssh/${i}.conf`] = `Include /etc/ssh/${i + 1}.conf\n`;
    entries['/etc/ssh/16.conf'] = 'PermitRootLogin no\n';
    const r = evaluateFiles(filesOf(entries), MAIN, null, 'g');
    expect(r.errors).toEqual([]);
    expect(r.context.settings.permitrootlogin).toBe('no');
  });

  it('reports a malformed Match line and treats it as not matching', () => {
    const r = evaluateFiles(
      filesOf({ [MAIN]: 'Match User\nPermitRootLogin yes\n' }),
      MAIN,
      parseSpec('user=root'),
      'r',
    );
    expect(r.errors).toEqual([`${MAIN}:1: malformed Match line`]);
    expect(r.context.settings.permitrootlogin).toBe('prohibit-password');
  });

  it('reports unbalanced quotes once although both passes read the file', () => {
    const r = evaluateFiles(filesOf({ [MAIN]: 'Banner "x\n' }), MAIN, null, 'g');
    expect(r.errors).toEqual([`${MAIN}:1: unbalanced quotes`]);
  });

  it.each(['ciphers', 'macs', 'kexalgorithms', 'hostkeyalgorithms'])(
    'keeps an absolute %s list and only what "+" or "^" adds to the default, nothing for "-"',
    (keyword) => {
      expect(settingsOf(`${keyword} a,b`)[keyword]).toBe('a,b');
      const plus = settingsOf(`${keyword} +a,b`);
      expect(plus).not.toHaveProperty(keyword);
      expect(plus[`${keyword}:added`]).toBe('a,b');
      expect(settingsOf(`${keyword} ^a`)[`${keyword}:added`]).toBe('a');
      const minus = settingsOf(`${keyword} -a`);
      expect(minus).not.toHaveProperty(keyword);
      expect(minus).not.toHaveProperty(`${keyword}:added`);
    },
  );
});

describe('Function: canonicalValue (the operating-system hardening keywords, as sshd -T prints them)', () => {
  it.each([
    ['logingracetime', '1m30s', '90'],
    ['logingracetime', '2H', '7200'],
    ['clientaliveinterval', '300', '300'],
    ['clientaliveinterval', '1w1d', '691200'],
    ['logingracetime', '1x', '1x'],
    ['logingracetime', '', ''],
    ['logingracetime', '+1m', '60'],
    ['clientaliveinterval', '\v\f1m\r\n-0', '60'],
    ['clientaliveinterval', '1m-1', '1m-1'],
    ['clientaliveinterval', '1m+', '1m+'],
    ['logingracetime', '2147483647', '2147483647'],
    ['logingracetime', '2147483648', '2147483648'],
    ['logingracetime', '1constructor', '1constructor'],
    ['maxstartups', '10', '10:30:10'],
    ['maxstartups', '10:30:60', '10:30:60'],
    ['loglevel', 'QUIET', 'silent'],
    ['loglevel', 'Debug', 'debug1'],
    ['loglevel', 'VERBOSE', 'verbose'],
    ['allowtcpforwarding', 'All', 'yes'],
    ['allowtcpforwarding', 'local', 'local'],
    ['banner', '/etc/Issue.net', '/etc/Issue.net'],
  ])('%s %s is %s', (key, value, want) => {
    expect(canonicalValue(key, value)).toBe(want);
  });

  it('accumulates AllowUsers over lines, one user a line, and a matching block replaces the whole list', () => {
    const files = filesOf({ [MAIN]: 'AllowUsers a b\nAllowUsers c\nMatch User a\n  AllowUsers z\n' });
    expect(evaluateFiles(files, MAIN, null, 'g').context.settings.allowusers).toBe('a\nb\nc');
    expect(evaluateFiles(files, MAIN, { user: 'a' }, 'a').context.settings.allowusers).toBe('z');
  });
});
