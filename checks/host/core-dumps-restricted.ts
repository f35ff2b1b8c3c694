import { defineCheck } from '../../src/core/check';
import type { Finding } from '../../src/core/model';
import { dil, hostResource } from './os-helpers';

export default defineCheck({
  id: 'host.os.core-dumps-restricted',
  title: 'Core dumps are restricted (hard core 0, fs.suid_dumpable 0)',
  severity: 'low',
  category: 'host',
  targetKind: 'host',
  benchmarks: [dil('1.5.1')],
  remediation:
    'Add "* hard core 0" to /etc/security/limits.conf (or a file in limits.d) and "fs.suid_dumpable = 0" to a file ' +
    'in /etc/sysctl.d; apply with "sysctl --system". Core dumps of privileged processes hold their secrets.',
  requires: ['host.limits', 'host.sysctl'],
  evaluate: ({ facts, target }): Finding[] => {
    const limits = facts['host.limits'];
    const sysctl = facts['host.sysctl'];
    // pam_limits: a later line for the same domain and type replaces an earlier one.
    const hard = limits.core.filter((c) => c.domain === '*' && (c.type === 'hard' || c.type === '-')).at(-1);
    const running = sysctl.runtime?.['fs.suid_dumpable'];
    const conf = sysctl.configured['fs.suid_dumpable'];
    const dumpable = running ?? conf?.value;
    const evidence = {
      hardCore: hard ? { value: hard.value, file: hard.at.file, line: hard.at.line } : null,
      suidDumpable: { running: running ?? null, configured: conf ?? null },
    };
    const problems: string[] = [];
    if (hard?.value !== '0') {
      problems.push(hard ? `"${hard.at.text}" (${hard.at.file}) allows core files` : 'no "* hard core 0" limit');
    }
    if (dumpable !== undefined && dumpable !== '0') problems.push(`fs.suid_dumpable is ${dumpable}`);
    else if (conf && conf.value !== '0') problems.push(`fs.suid_dumpable is set to ${conf.value} by ${conf.file}`);
    if (problems.length > 0) {
      return [
        {
          status: 'fail',
          resource: hostResource(target),
          message: `Core dumps are not restricted on ${target.name}: ${problems.join('; ')}.`,
          evidence,
        },
      ];
    }
    if (dumpable === undefined) {
      return [
        {
          status: 'unknown',
          resource: hostResource(target),
          message: `Could not assess fs.suid_dumpable on ${target.name}: no sysctl.d file sets it and ${sysctl.runtimeNote ?? 'the running value was not read'} (the hard core limit is 0).`,
          evidence,
        },
      ];
    }
    return [
      {
        status: 'pass',
        resource: hostResource(target),
        message: `Core dumps are restricted on ${target.name}: hard core 0 (${hard?.at.file}) and fs.suid_dumpable 0.`,
        evidence,
      },
    ];
  },
});
