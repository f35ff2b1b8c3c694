/** The operating-system sections' parsers on their own: sudoers, PAM, audit rule forms. */
import { probeOutput } from '../../bench/gen/fleet';
import { auditWatches, buildPam, buildSudo, HOST_OS_FACT_KEYS } from '../../src/collectors/host/parse-os';
import { parseProbeOutput } from '../../src/collectors/host/parse-probe';

describe('Function: buildSudo', () => {
  const sudo = (files: Record<string, string | undefined>, binary = true, version?: string) => {
    const r = buildSudo(
      binary,
      version,
      Object.entries(files).map(([path, content]) =>
        content === undefined ? { path, error: 'not readable' } : { path, content },
      ),
    );
    if (!r.ok) throw new Error(r.reason);
    return r.value;
  };

  it('follows #includedir in place, in name order, and an @include relative to the including file', () => {
    const v = sudo({
      '/etc/sudoers': 'Defaults use_pty\n#includedir /etc/sudoers.d\nDefaults !use_pty\n',
      '/etc/sudoers.d/b': '@include extra\n',
      '/etc/sudoers.d/a': 'Defaults use_pty\n',
      '/etc/sudoers.d/extra': 'ops ALL=(ALL) NOPASSWD: /usr/bin/systemctl\n',
    });
    expect(v.files).toEqual(['/etc/sudoers', '/etc/sudoers.d/a', '/etc/sudoers.d/b', '/etc/sudoers.d/extra']);
    expect(v.defaults.use_pty).toMatchObject({ value: false, at: { file: '/etc/sudoers', line: 3 } });
    expect(v.nopasswd).toEqual([
      { file: '/etc/sudoers.d/extra', line: 1, text: 'ops ALL=(ALL) NOPASSWD: /usr/bin/systemctl' },
    ]);
  });

  it('joins continuation lines, splits Defaults on commas outside quotes, ignores scoped Defaults and aliases', () => {
    const v = sudo({
      '/etc/sudoers':
        'Defaults env_reset, logfile="/var/log/a, b.log", use_pty\nDefaults:ops !use_pty\n' +
        'Cmnd_Alias NOPASSWD_CMDS = /bin/ls\nalice ALL=(ALL) \\\n  NOPASSWD: ALL\n',
    });
    expect(v.defaults.logfile?.value).toBe('/var/log/a, b.log');
    expect(v.defaults.use_pty?.value).toBe(true);
    expect(v.nopasswd.map((l) => l.line)).toEqual([4]);
  });

  it('counts "!authenticate" (for everyone or some users) as NOPASSWD', () => {
    const v = sudo({ '/etc/sudoers': 'Defaults !authenticate\nDefaults:ops !authenticate\n' });
    expect(v.nopasswd.map((l) => l.text)).toEqual(['Defaults !authenticate', 'Defaults:ops !authenticate']);
  });

  it('is unknown when a file cannot be read, not installed without binary and sudoers', () => {
    expect(
      buildSudo(true, undefined, [
        { path: '/etc/sudoers', content: '' },
        { path: '/etc/sudoers.d/x', error: 'not readable (permission denied)' },
      ]),
    ).toEqual({
      ok: false,
      reason: 'the sudoers files could not be read completely (/etc/sudoers.d/x: not readable (permission denied))',
    });
    expect(sudo({}, false).installed).toBe(false);
    expect(sudo({ '/etc/sudoers': '' }, true, 'Sudo version 1.9.15p5').version).toBe('1.9.15p5');
    expect(sudo({ '/etc/sudoers': '' }, true, 'Sudo version 1.9.15p5')).not.toHaveProperty('implementation');
    expect(sudo({ '/etc/sudoers': '' }, true, 'sudo-rs 0.2.5')).toMatchObject({
      version: '0.2.5',
      implementation: 'sudo-rs',
    });
  });
});

describe('Function: buildPam', () => {
  it('takes pwquality.conf, then its drop-ins, then the module arguments of each stack', () => {
    const r = buildPam([
      { path: '/etc/security/pwquality.conf.d/10.conf', content: 'minlen = 12\n' },
      { path: '/etc/security/pwquality.conf', content: 'minlen = 8\nminclass = 4\n' },
      { path: '/etc/pam.d/common-password', content: 'password requisite pam_pwquality.so retry=3 minlen=15\n' },
    ]);
    expect(r.ok && r.value).toEqual({
      stacks: ['/etc/pam.d/common-password'],
      modules: { '/etc/pam.d/common-password': 'pam_pwquality' },
      settings: {
        minlen: { value: '15', from: '/etc/pam.d/common-password' },
        minclass: { value: '4', from: '/etc/security/pwquality.conf' },
        retry: { value: '3', from: '/etc/pam.d/common-password' },
      },
    });
  });
});

describe('Function: auditWatches', () => {
  it('reads watches, path and dir rules in both orders, with every access when no permission is given', () => {
    expect(
      auditWatches([
        '-w /etc/passwd -p wa -k identity',
        '-w /etc/sudoers.d/ -k scope',
        '-a exit,always -F arch=b64 -S all -F dir=/etc/containerd/ -F perm=wa -F key=cri',
        '-A always,exit -F path=/etc/shadow -F perm!=r -F perm=wa',
      ]).map((w) => [w.path, w.perms, w.recursive]),
    ).toEqual([
      ['/etc/passwd', 'wa', true],
      ['/etc/sudoers.d', 'rwxa', true],
      ['/etc/containerd', 'wa', true],
      ['/etc/shadow', 'wa', false],
    ]);
  });
});

describe('The fleet bench output', () => {
  it('carries every operating-system section, parsed without a missing or malformed one', () => {
    const { output } = probeOutput(7, 42, false);
    const facts = parseProbeOutput(output, { name: 'bench', kind: 'host' }).facts;
    const bad = HOST_OS_FACT_KEYS.filter((k) => !facts[k]?.ok).map((k) => {
      const f = facts[k];
      return `${k}: ${f && !f.ok ? f.reason : 'absent'}`;
    });
    expect(bad).toEqual([]);
  });
});
