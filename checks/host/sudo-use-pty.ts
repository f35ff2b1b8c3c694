import { defineCheck } from '../../src/core/check';
import type { HostSudo } from '../../src/core/facts/host';
import type { Finding } from '../../src/core/model';
import { noSudo, SUDOERS } from './sudo-helpers';

/** sudo 1.9.14 turned use_pty on by default; sudo-rs has always had it on by default. */
function defaultsToPty(version: string, implementation: HostSudo['implementation']): boolean {
  if (implementation === 'sudo-rs') return true;
  const [maj, min, patch] = version.split(/[.p]/).map(Number);
  return maj > 1 || (maj === 1 && (min > 9 || (min === 9 && patch >= 14)));
}

export default defineCheck({
  id: 'host.sudo.use-pty',
  title: 'sudo runs commands in a pseudo-terminal (use_pty)',
  severity: 'low',
  category: 'host',
  targetKind: 'host',
  benchmarks: [],
  remediation: 'Add "Defaults use_pty" to /etc/sudoers (with visudo) and remove any "Defaults !use_pty".',
  requires: ['host.sudo'],
  evaluate: ({ facts, target }): Finding[] => {
    const sudo = facts['host.sudo'];
    const na = noSudo(sudo, target);
    if (na) return na;
    const set = sudo.defaults.use_pty;
    const evidence = {
      files: sudo.files,
      version: sudo.version ?? null,
      ...(sudo.implementation ? { implementation: sudo.implementation } : {}),
      use_pty: set ?? null,
    };
    if (set && set.value === false) {
      return [
        {
          status: 'fail',
          resource: SUDOERS,
          message: `sudo on ${target.name} has "${set.at.text}" (${set.at.file} line ${set.at.line}): a command run with sudo can keep running in the background after sudo returns.`,
          evidence,
        },
      ];
    }
    if (set) {
      return [
        {
          status: 'pass',
          resource: SUDOERS,
          message: `sudo on ${target.name} sets use_pty (${set.at.file} line ${set.at.line}).`,
          evidence,
        },
      ];
    }
    if (sudo.version === undefined) {
      return [
        {
          status: 'unknown',
          resource: SUDOERS,
          message: `Could not assess use_pty of sudo on ${target.name}: sudoers does not set it, and the default depends on the sudo version (on since 1.9.14), which is not known here.`,
          evidence,
        },
      ];
    }
    const on = defaultsToPty(sudo.version, sudo.implementation);
    const name = `${sudo.implementation ?? 'sudo'} ${sudo.version}`;
    return [
      {
        status: on ? 'pass' : 'fail',
        resource: SUDOERS,
        message: on
          ? `${name} on ${target.name} uses a pseudo-terminal by default (sudoers does not turn it off).`
          : `${name} on ${target.name} does not use a pseudo-terminal by default and sudoers does not set use_pty.`,
        evidence,
      },
    ];
  },
});
