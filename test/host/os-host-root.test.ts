/**
 * The operating-system hardening checks on fixture host roots, through the real probe (`sh probe.sh ROOT`, as
 * `scan --host-root` runs it): every check passes on the hardened node and fails on the weak one, and the sudoers
 * rules are read as sudo reads them (includes, skipped names, continuation lines), never executed.
 */
import { rmSync, symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { hostChecks } from '../../checks/host';
import { runProbe } from '../../src/collectors/host/local';
import { parseProbeOutput } from '../../src/collectors/host/parse-probe';
import { evaluateTarget } from '../../src/core/engine';
import type { Result } from '../../src/core/model';
import { makeRoot, workerNode } from './make-root';
import { osHardened, osWeak } from './os-roots';

const OS_CHECKS = [
  'host.ssh.file-permissions',
  'host.sudo.no-nopasswd',
  'host.sudo.use-pty',
  'host.sudo.logfile',
  'host.pam.password-quality',
  'host.kernel.parameters',
  'host.kernel.modules-disabled',
  'host.audit.auditd-enabled',
  'host.audit.identity-rules',
  'host.audit.sudoers-rules',
  'host.audit.kubernetes-rules',
  'host.time.sync',
  'host.mac.enforcing',
  'host.os.core-dumps-restricted',
  'host.os.auto-security-updates',
  'host.runtime.file-permissions',
  'host.ssh.login-grace-time',
  'host.ssh.client-alive-count-max',
  'host.ssh.max-sessions',
  'host.ssh.log-level',
  'host.ssh.x11-forwarding-disabled',
  'host.ssh.user-environment-disabled',
  'host.ssh.hostbased-auth-disabled',
  'host.ssh.ignore-rhosts',
];
const now = new Date('2026-11-30T00:00:00Z');
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(dirname(r), { recursive: true, force: true });
});

async function scan(name: string, spec: ReturnType<typeof osHardened>, after?: (root: string) => void) {
  const root = makeRoot(name, { ...workerNode().files, ...spec });
  roots.push(root);
  after?.(root);
  const tf = parseProbeOutput((await runProbe(root)).stdout, { name, kind: 'host' });
  return { tf, results: evaluateTarget(hostChecks, tf, { now }) };
}
const of = (results: Result[], id: string) => results.filter((r) => r.checkId === id);

describe('Host root: operating-system hardening', () => {
  it('passes every operating-system check on the hardened node', async () => {
    const { results } = await scan('os-hardened', osHardened());
    const problems = OS_CHECKS.flatMap((id) => {
      const rs = of(results, id);
      if (rs.length === 0) return [`${id}: no result`];
      return rs.filter((r) => r.status !== 'pass').map((r) => `${id}: ${r.status}: ${r.message}`);
    });
    expect(problems).toEqual([]);
  });

  it('fails every operating-system check on the weak node', async () => {
    const { results, tf } = await scan('os-weak', osWeak(), (root) => {
      symlinkSync('/dev/null', join(root, 'etc/systemd/system/auditd.service'));
    });
    const problems = OS_CHECKS.flatMap((id) => {
      const rs = of(results, id);
      if (!rs.some((r) => r.status === 'fail'))
        return [`${id}: no failing result (${rs.map((r) => r.status).join(', ')})`];
      return rs.filter((r) => r.status === 'unknown').map((r) => `${id}: unknown: ${r.message}`);
    });
    expect(problems).toEqual([]);
    expect(of(results, 'host.audit.auditd-enabled')[0].message).toContain('is not enabled at boot');
    const nopasswd = of(results, 'host.sudo.no-nopasswd');
    expect(nopasswd.map((r) => r.resource.name)).toEqual(['/etc/sudoers.d/90-cloud-init-users:2']);
    expect(
      of(results, 'host.kernel.parameters')
        .filter((r) => r.status === 'fail')
        .map((r) => r.resource.name),
    ).toEqual(['net.ipv4.tcp_syncookies']);
    const sudo = tf.facts['host.sudo'];
    expect(sudo?.ok && sudo.value.files).toEqual(['/etc/sudoers', '/etc/sudoers.d/90-cloud-init-users']);
  });

  it('reads sudoers as sudo does: the last global Defaults wins, Defaults:user and skipped names do not count', async () => {
    const { tf } = await scan('os-sudo', osHardened());
    const sudo = tf.facts['host.sudo'];
    if (!sudo?.ok) throw new Error(`no sudo fact: ${sudo?.reason}`);
    expect(sudo.value.files).toEqual(['/etc/sudoers', '/etc/sudoers.d/10-ops']);
    expect(sudo.value.defaults.use_pty).toMatchObject({ value: true, at: { file: '/etc/sudoers', line: 5 } });
    expect(sudo.value.defaults.logfile?.value).toBe('/var/log/sudo.log');
    expect(sudo.value.nopasswd).toEqual([]);
  });

  it('makes the sudo facts unknown, never "no NOPASSWD", when a sudoers file cannot be read', async () => {
    const spec = osHardened();
    spec['etc/sudoers.d/10-ops'] = { content: 'ops ALL=(ALL) NOPASSWD: ALL\n', mode: 0o000 };
    const { results } = await scan('os-sudo-unreadable', spec);
    // The tests may run as root, who reads a 000 file: then the rule is found and fails.
    const r = of(results, 'host.sudo.no-nopasswd');
    expect(r.some((x) => x.status === 'pass')).toBe(false);
  });
});
