/**
 * Kernel parameters as systemd-sysctl applies them at boot. The order of the files is the real tool's: the probe
 * runs on a fixture root and the collector's order is compared with `systemd-analyze cat-config --root=ROOT
 * sysctl.d` (same names across /etc, /run, /usr/local/lib, /usr/lib and /lib, a /dev/null mask). systemd-sysctl
 * itself only writes to /proc/sys, so the assignment rules (later wins, explicit beats glob, `-key` excludes) are
 * tested on the examples of sysctl.d(5).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { runProbe } from '../../src/collectors/host/local';
import { applySysctl, orderConfigFiles, sysctlPath } from '../../src/collectors/host/parse-os';
import { parseProbeOutput } from '../../src/collectors/host/parse-probe';

const ANALYZE = ['/usr/bin/systemd-analyze', '/bin/systemd-analyze'].find((p) => existsSync(p));
let base = '';
beforeAll(() => {
  base = mkdtempSync(join(tmpdir(), 'cb-sysctl-'));
});
afterAll(() => rmSync(base, { recursive: true, force: true }));

function root(name: string, files: Record<string, string | null>): string {
  const r = join(base, name);
  for (const [rel, content] of Object.entries(files)) {
    const p = join(r, rel);
    mkdirSync(dirname(p), { recursive: true });
    if (content === null) symlinkSync('/dev/null', p);
    else writeFileSync(p, content);
  }
  return r;
}

/** systemd's own list of the files it applies, in order, as paths inside the root. */
function catConfig(r: string): { path: string; content: string }[] {
  const out = execFileSync(ANALYZE!, ['cat-config', `--root=${r}`, '--no-pager', 'sysctl.d'], { encoding: 'utf8' });
  const files: { path: string; content: string }[] = [];
  for (const line of out.split('\n')) {
    if (line.startsWith(`# ${r}/`)) files.push({ path: line.slice(2 + r.length), content: '' });
    else if (files.length > 0) files[files.length - 1].content += `${line}\n`;
  }
  return files;
}

const CORPUS: Record<string, string | null> = {
  'usr/lib/sysctl.d/50-default.conf': 'net.ipv4.conf.all.send_redirects = 1\nkernel.randomize_va_space = 1\n',
  'lib/sysctl.d/50-default.conf': 'kernel.randomize_va_space = 0\n',
  'usr/local/lib/sysctl.d/50-default.conf': 'kernel.randomize_va_space = 2\n',
  'usr/lib/sysctl.d/10-vendor.conf': 'net.ipv4.tcp_syncookies = 0\nfs.suid_dumpable = 2\n',
  'run/sysctl.d/10-vendor.conf': 'net.ipv4.tcp_syncookies = 1\n',
  'usr/lib/sysctl.d/30-masked.conf': 'net.ipv4.conf.all.log_martians = 0\n',
  'etc/sysctl.d/30-masked.conf': null,
  'etc/sysctl.d/99-local.conf':
    '; a comment\n# another\nfs/suid_dumpable=0\n-net.ipv4.conf.default.send_redirects = 0\n',
  'etc/sysctl.d/README': 'net.ipv4.tcp_syncookies = 0\n',
  'etc/sysctl.conf': 'net.ipv4.tcp_syncookies = 0\n',
};

describe('sysctl.d: the order of the files is systemd-analyze cat-config', () => {
  it('applies the same files in the same order as systemd, and the values that follow from it', async () => {
    if (!ANALYZE) throw new Error('systemd-analyze is not installed (it comes with systemd)');
    const r = root('corpus', CORPUS);
    const facts = parseProbeOutput((await runProbe(r)).stdout, { name: 'corpus', kind: 'host' }).facts;
    const f = facts['host.sysctl'];
    if (!f?.ok) throw new Error(`no sysctl fact: ${f?.reason}`);
    const systemd = catConfig(r);
    expect(f.value.files).toEqual(systemd.map((x) => x.path));
    // A reference for explicit keys only, on systemd's own concatenation: the last assignment wins.
    const reference: Record<string, string> = {};
    for (const x of systemd) {
      for (const line of x.content.split('\n')) {
        const m = /^-?\s*([^#;=\s][^=]*?)\s*=\s*(.*)$/.exec(line.trim());
        if (m) reference[sysctlPath(m[1])] = m[2];
      }
    }
    const got = Object.fromEntries(Object.entries(f.value.configured).map(([k, v]) => [sysctlPath(k), v.value]));
    expect(got).toEqual(reference);
    expect(f.value.configured).toMatchObject({
      'kernel.randomize_va_space': { value: '2', file: '/usr/local/lib/sysctl.d/50-default.conf' },
      'net.ipv4.tcp_syncookies': { value: '1', file: '/run/sysctl.d/10-vendor.conf' },
      'fs.suid_dumpable': { value: '0', file: '/etc/sysctl.d/99-local.conf' },
    });
    // /etc/sysctl.conf is not read by systemd-sysctl (only through a link in sysctl.d), README is not *.conf,
    // and the /dev/null link masks the vendor file of the same name.
    expect(f.value.configured['net.ipv4.conf.all.log_martians']).toBeUndefined();
  });
});

describe('Function: applySysctl (sysctl.d(5) examples)', () => {
  const apply = (content: string, keys: string[]) =>
    Object.fromEntries(
      Object.entries(applySysctl([{ path: '/etc/sysctl.d/x.conf', content }], keys)).map(([k, v]) => [k, v.value]),
    );

  it('treats "/" and "." alike, and swaps them when the first separator is a dot', () => {
    expect(sysctlPath('kernel.domainname')).toBe('kernel/domainname');
    expect(sysctlPath('kernel/domainname')).toBe('kernel/domainname');
    expect(sysctlPath('net.ipv4.conf.enp3s0/200.forwarding')).toBe('net/ipv4/conf/enp3s0.200/forwarding');
    expect(sysctlPath('net/ipv4/conf/enp3s0.200/forwarding')).toBe('net/ipv4/conf/enp3s0.200/forwarding');
    expect(apply('kernel/domainname = foo\n', ['kernel.domainname'])).toEqual({ 'kernel.domainname': 'foo' });
  });

  it('writes a glob value to every key, except one excluded with "-key" and one assigned explicitly', () => {
    const keys = ['net.ipv4.conf.all.rp_filter', 'net.ipv4.conf.default.rp_filter', 'net.ipv4.conf.eth0.rp_filter'];
    expect(
      apply('net.ipv4.conf.eth0.rp_filter = 1\nnet.ipv4.conf.*.rp_filter = 2\n-net.ipv4.conf.all.rp_filter\n', keys),
    ).toEqual({ 'net.ipv4.conf.default.rp_filter': '2', 'net.ipv4.conf.eth0.rp_filter': '1' });
  });

  it('lets a later assignment of a key win, and ignores "-" before a key with a value (ignore errors)', () => {
    expect(apply('a.b = 1\n-a.b = 2\n', ['a.b'])).toEqual({ 'a.b': '2' });
  });

  it('orders by file name whatever the folder, /etc hiding /usr/lib for the same name', () => {
    const order = orderConfigFiles([
      { path: '/usr/lib/sysctl.d/50-a.conf' },
      { path: '/etc/sysctl.d/50-a.conf' },
      { path: '/run/sysctl.d/10-b.conf' },
      { path: '/usr/lib/sysctl.d/99-c.conf' },
    ]).map((f) => f.path);
    expect(order).toEqual(['/run/sysctl.d/10-b.conf', '/etc/sysctl.d/50-a.conf', '/usr/lib/sysctl.d/99-c.conf']);
  });
});
