import { defineCheck } from '../../src/core/check';
import type { Finding } from '../../src/core/model';
import { noSudo, SUDOERS } from './sudo-helpers';

export default defineCheck({
  id: 'host.sudo.logfile',
  title: 'sudo keeps its own log file',
  severity: 'low',
  category: 'host',
  targetKind: 'host',
  benchmarks: [],
  remediation: 'Add \'Defaults logfile="/var/log/sudo.log"\' to /etc/sudoers (with visudo).',
  requires: ['host.sudo'],
  evaluate: ({ facts, target }): Finding[] => {
    const sudo = facts['host.sudo'];
    const na = noSudo(sudo, target);
    if (na) return na;
    const set = sudo.defaults.logfile;
    if (sudo.implementation === 'sudo-rs') {
      // sudo-rs has no logfile setting: it logs every attempt to the system log, whatever sudoers says.
      return [
        {
          status: 'not-applicable',
          resource: SUDOERS,
          message: `sudo on ${target.name} is sudo-rs${sudo.version ? ` ${sudo.version}` : ''}, which logs to the system log only (it has no logfile setting): keep that log.`,
          evidence: { files: sudo.files, implementation: sudo.implementation, logfile: set ?? null },
        },
      ];
    }
    const evidence = { files: sudo.files, logfile: set ?? null };
    if (set && typeof set.value === 'string' && set.value !== '') {
      return [
        {
          status: 'pass',
          resource: SUDOERS,
          message: `sudo on ${target.name} logs to ${set.value} (${set.at.file} line ${set.at.line}).`,
          evidence,
        },
      ];
    }
    return [
      {
        status: 'fail',
        resource: SUDOERS,
        message: set
          ? `sudo on ${target.name} turns its log file off ("${set.at.text}", ${set.at.file} line ${set.at.line}).`
          : `sudoers on ${target.name} sets no logfile: sudo use is only in the system log, which is easier to lose.`,
        evidence,
      },
    ];
  },
});
