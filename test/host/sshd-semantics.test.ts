import { evaluateFiles, parseConfigText, resolveInclude, splitArgs } from '../../src/collectors/host/sshd/config';
import {
  cidrContains,
  globMatch,
  matchAddressList,
  matchLine,
  matchPatternList,
  parseSpec,
} from '../../src/collectors/host/sshd/match';
import { parseSshdT } from '../../src/collectors/host/sshd/sshd-t';
import { parseFlags } from '../../src/collectors/kube-flags';

describe('Module: sshd/match', () => {
  describe('Function: matchPatternList', () => {
    it('matches wildcards and lets a negated pattern veto', () => {
      expect(matchPatternList('alice', 'bob,al*')).toBe(1);
      expect(matchPatternList('root', '*,!root')).toBe(-1);
      expect(matchPatternList('root', '!root')).toBe(-1);
      expect(matchPatternList('alice', '!root')).toBe(0);
      expect(globMatch('ci-42', 'ci-??')).toBe(true);
      expect(globMatch('a.b', 'a?b')).toBe(true);
      expect(globMatch('a+b', 'a+b')).toBe(true);
    });

    it('compares host names case-insensitively and user names case-sensitively', () => {
      expect(matchPatternList('Bastion.Example.COM', '*.example.com', true)).toBe(1);
      expect(matchPatternList('Root', 'root')).toBe(0);
    });
  });

  describe('Function: cidrContains', () => {
    it('handles IPv4 and IPv6 networks, and rejects malformed ones', () => {
      expect(cidrContains('10.0.0.0/8', '10.200.3.4')).toBe(true);
      expect(cidrContains('10.0.0.0/8', '11.0.0.1')).toBe(false);
      expect(cidrContains('0.0.0.0/0', '192.0.2.10')).toBe(true);
      expect(cidrContains('2001:db8::/32', '2001:db8:ffff::1')).toBe(true);
      expect(cidrContains('2001:db8::/32', '2001:db9::1')).toBe(false);
      expect(cidrContains('::ffff:10.0.0.0/104', '::ffff:10.1.2.3')).toBe(true);
      expect(cidrContains('10.0.0.0/8', '2001:db8::1')).toBe(false);
      expect(cidrContains('10.0.0.0/33', '10.0.0.1')).toBeNull();
      expect(cidrContains('10.0.0.0.0/8', '10.0.0.1')).toBeNull();
    });

    it('matches address lists with CIDRs, wildcards and negation', () => {
      expect(matchAddressList('10.0.0.5', '10.0.0.0/8,!10.1.0.0/16')).toBe(1);
      expect(matchAddressList('10.1.2.3', '10.0.0.0/8,!10.1.0.0/16')).toBe(-1);
      expect(matchAddressList('192.168.1.7', '192.168.1.*')).toBe(1);
    });
  });

  describe('Function: matchLine', () => {
    const spec = parseSpec('user=alice,host=a.example.com,addr=10.0.0.1', ['staff', 'wheel']);

    it('requires every criterion to match', () => {
      expect(matchLine(['User', 'alice', 'Address', '10.0.0.0/8'], spec)).toBe(true);
      expect(matchLine(['User', 'alice', 'Address', '192.168.0.0/16'], spec)).toBe(false);
      expect(matchLine(['group', 'wheel'], spec)).toBe(true);
      expect(matchLine(['Group', 'wheel,!staff'], spec)).toBe(false);
      expect(matchLine(['Host', '*.example.com'], spec)).toBe(true);
      expect(matchLine(['LocalPort', '22'], spec)).toBe(false);
    });

    it('matches only "all" for sshd startup (no connection)', () => {
      expect(matchLine(['all'], null)).toBe(true);
      expect(matchLine(['User', 'root'], null)).toBe(false);
    });

    it('reports malformed lines', () => {
      expect(matchLine([], spec)).toBeNull();
      expect(matchLine(['User'], spec)).toBeNull();
      expect(matchLine(['all', 'User', 'x'], spec)).toBeNull();
      expect(matchLine(['Colour', 'blue'], spec)).toBeNull();
    });
  });
});

describe('Module: sshd/config', () => {
  it('splits arguments as sshd does: quotes, escapes, trailing comments', () => {
    expect(splitArgs('"a b" c # comment')).toEqual(['a b', 'c']);
    expect(splitArgs('a\\ b')).toEqual(['a b']);
    expect(splitArgs('x#y')).toEqual(['x#y']);
    expect(splitArgs('"unbalanced')).toBeNull();
  });

  it('reports a line with unbalanced quotes and keeps the others', () => {
    const errors: string[] = [];
    const lines = parseConfigText('PermitRootLogin "no\nPasswordAuthentication no\n', '/etc/ssh/sshd_config', errors);
    expect(lines.map((l) => l.keyword)).toEqual(['passwordauthentication']);
    expect(errors).toEqual(['/etc/ssh/sshd_config:1: unbalanced quotes']);
  });

  it('resolves Include globs in byte order, one directory level only', () => {
    const files = new Map<string, string | null>([
      ['/etc/ssh/sshd_config.d/b.conf', ''],
      ['/etc/ssh/sshd_config.d/B.conf', ''],
      ['/etc/ssh/sshd_config.d/sub/c.conf', ''],
      ['/etc/ssh/sshd_config.d/.hidden.conf', ''],
    ]);
    expect(resolveInclude(['sshd_config.d/*.conf'], files)).toEqual([
      '/etc/ssh/sshd_config.d/B.conf',
      '/etc/ssh/sshd_config.d/b.conf',
    ]);
    expect(resolveInclude(['/etc/ssh/sshd_config.d/[b]*'], files)).toEqual(['/etc/ssh/sshd_config.d/b.conf']);
  });

  it('stops an Include loop at depth 16 and says so, keeping the first value', () => {
    const files = new Map<string, string | null>([
      ['/etc/ssh/sshd_config', 'PermitRootLogin no\nInclude /etc/ssh/sshd_config\n'],
    ]);
    const r = evaluateFiles(files, '/etc/ssh/sshd_config', null, 'global');
    expect(r.context.settings.permitrootlogin).toBe('no');
    expect(r.errors.some((e) => e.includes('Include nested too deeply'))).toBe(true);
  });

  it('reports an unreadable included file and a malformed Match line', () => {
    const files = new Map<string, string | null>([
      ['/etc/ssh/sshd_config', 'Include /etc/ssh/secret.conf\nMatch Colour blue\n  PermitRootLogin yes\n'],
      ['/etc/ssh/secret.conf', null],
    ]);
    const r = evaluateFiles(files, '/etc/ssh/sshd_config', parseSpec('user=root,host=h,addr=192.0.2.10'), 'x');
    expect(r.errors).toEqual(
      expect.arrayContaining(['/etc/ssh/secret.conf: not readable', '/etc/ssh/sshd_config:2: malformed Match line']),
    );
    expect(r.context.settings.permitrootlogin).toBe('prohibit-password');
  });

  it('leaves out algorithm lists that modify the compiled-in default (+, -, ^)', () => {
    const files = new Map<string, string | null>([
      ['/etc/ssh/sshd_config', 'Ciphers +aes128-cbc\nMACs hmac-sha2-256\n'],
    ]);
    const r = evaluateFiles(files, '/etc/ssh/sshd_config', null, 'global');
    expect(r.context.settings).not.toHaveProperty('ciphers');
    expect(r.context.settings['ciphers:added']).toBe('aes128-cbc');
    expect(r.context.settings.macs).toBe('hmac-sha2-256');
  });
});

describe('Function: parseSshdT', () => {
  it('reads keywords lower-case, accumulates repeated ones and names prohibit-password consistently', () => {
    expect(parseSshdT('permitrootlogin without-password\nacceptenv LANG\nacceptenv LC_*\nmaxauthtries 6\n')).toEqual({
      permitrootlogin: 'prohibit-password',
      acceptenv: 'LANG\nLC_*',
      maxauthtries: '6',
    });
  });

  it('maps an older sshd printing challengeresponseauthentication to kbdinteractiveauthentication', () => {
    expect(parseSshdT('challengeresponseauthentication no')).toEqual({ kbdinteractiveauthentication: 'no' });
  });
});

describe('Function: parseFlags', () => {
  it('reads --k=v, --k v and bare --k, the last occurrence winning', () => {
    expect(
      parseFlags([
        '--config=/etc/kubernetes/kubelet/config.json',
        '--anonymous-auth',
        'false',
        '--v=2',
        '--rotate-certificates',
        '--v=4',
      ]),
    ).toEqual({
      config: '/etc/kubernetes/kubelet/config.json',
      'anonymous-auth': 'false',
      v: '4',
      'rotate-certificates': 'true',
    });
  });
});
