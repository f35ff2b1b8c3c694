/**
 * The operating-system sections read by a probe that is not root (the unprivileged user nobody): a sudoers.d,
 * sysctl.d, modprobe.d or audit rules folder it cannot list, or a file it cannot read, makes those checks unknown
 * with the reason, never passing.
 */
import { chmodSync, rmSync } from 'node:fs';
import { dirname } from 'node:path';
import auditSudoers from '../../checks/host/audit-sudoers-rules';
import kernelModules from '../../checks/host/kernel-modules-disabled';
import kernelParameters from '../../checks/host/kernel-parameters';
import sudoNoNopasswd from '../../checks/host/sudo-no-nopasswd';
import { runProbe } from '../../src/collectors/host/local';
import { parseProbeOutput } from '../../src/collectors/host/parse-probe';
import { evaluateCheck } from '../../src/core/engine';
import type { TargetFacts } from '../../src/core/model';
import { makeRoot } from './make-root';
import { osHardened } from './os-roots';

const now = new Date('2026-11-30T00:00:00Z');
const roots: string[] = [];
afterAll(() => {
  for (const r of roots) rmSync(dirname(r), { recursive: true, force: true });
});

async function probeAsNobody(
  privateDirs: string[],
  privateFiles: string[] = [],
  openFiles: string[] = [],
): Promise<TargetFacts> {
  if (process.getuid?.() !== 0) throw new Error('this test runs the probe as another user: run it as root');
  const spec = osHardened();
  spec['etc/modprobe.d/00-local.conf'] = 'blacklist dccp\n';
  const r = makeRoot('node', spec);
  roots.push(r);
  chmodSync(dirname(r), 0o755);
  for (const d of privateDirs) chmodSync(`${r}/${d}`, 0o700);
  for (const f of privateFiles) chmodSync(`${r}/${f}`, 0o600);
  for (const f of openFiles) chmodSync(`${r}/${f}`, 0o644);
  const run = await runProbe(r, {
    shell: '/usr/bin/setpriv',
    shellArgs: ['--reuid=65534', '--regid=65534', '--clear-groups', '/bin/sh'],
  });
  return parseProbeOutput(run.stdout, { name: 'node', kind: 'host' });
}

describe('Probe as an unprivileged user: operating-system sections', () => {
  it('a sudoers it cannot read makes NOPASSWD unknown, not passing', async () => {
    const tf = await probeAsNobody([], ['etc/sudoers']);
    const r = evaluateCheck(sudoNoNopasswd, tf, { now });
    expect(r.map((x) => x.status)).toEqual(['unknown']);
    expect(r[0].message).toContain('/etc/sudoers: not readable (permission denied)');
  });

  it('a sudoers.d of mode 700 makes NOPASSWD unknown', async () => {
    const tf = await probeAsNobody(['etc/sudoers.d'], [], ['etc/sudoers']);
    const r = evaluateCheck(sudoNoNopasswd, tf, { now });
    expect(r.map((x) => x.status)).toEqual(['unknown']);
    expect(r[0].message).toContain('/etc/sudoers.d: permission denied');
  });

  it('a sysctl.d, modprobe.d or audit rules.d of mode 700 makes those checks unknown', async () => {
    const tf = await probeAsNobody(['etc/sysctl.d', 'etc/modprobe.d', 'etc/audit/rules.d']);
    for (const check of [kernelParameters, kernelModules, auditSudoers]) {
      const r = evaluateCheck(check, tf, { now });
      expect([check.id, [...new Set(r.map((x) => x.status))]]).toEqual([check.id, ['unknown']]);
      expect(r[0].message).toContain('permission denied');
    }
  });
});
