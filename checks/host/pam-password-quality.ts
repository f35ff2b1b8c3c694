import { defineCheck } from '../../src/core/check';
import type { Finding } from '../../src/core/model';
import { dil, hostResource } from './os-helpers';

const CREDITS = ['dcredit', 'ucredit', 'lcredit', 'ocredit'];

export default defineCheck({
  id: 'host.pam.password-quality',
  title: 'Passwords must be long and varied (pam_pwquality) where accounts have passwords',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [dil('5.3.1')],
  remediation:
    'Add "password requisite pam_pwquality.so retry=3" to the password stack (/etc/pam.d/common-password, or ' +
    'system-auth and password-auth) and set "minlen = 14" and "minclass = 4" in /etc/security/pwquality.conf. ' +
    'Better on a node: lock every password ("passwd -l") and log in with keys or SSM only.',
  requires: ['host.pam', 'host.accounts'],
  evaluate: ({ facts, target }): Finding[] => {
    const accounts = facts['host.accounts'];
    const pam = facts['host.pam'];
    const resource = hostResource(target);
    if (!accounts.shadowReadable) {
      return [
        {
          status: 'unknown',
          resource,
          message: `Could not assess password quality on ${target.name}: whether any account has a password is not known (${accounts.shadowError ?? '/etc/shadow was not read'}).`,
        },
      ];
    }
    const withPassword = accounts.accounts.filter((a) => a.password === 'set').map((a) => a.name);
    if (withPassword.length === 0) {
      return [
        {
          status: 'not-applicable',
          resource,
          message: `No account on ${target.name} has a usable password (every one is locked or empty), so password quality rules have nothing to guard.`,
          evidence: {
            accounts: accounts.accounts.length,
            locked: accounts.accounts.filter((a) => a.password === 'locked').length,
          },
        },
      ];
    }
    const value = (k: string) => pam.settings[k]?.value;
    const problems: string[] = [];
    const missing = pam.stacks.filter((s) => pam.modules[s] === null);
    if (pam.stacks.length === 0) problems.push('no PAM password stack was found');
    if (missing.length > 0) problems.push(`${missing.join(', ')} has no pam_pwquality or pam_cracklib line`);
    const minlen = Number(value('minlen') ?? 'NaN');
    if (!(minlen >= 14)) problems.push(`minlen is ${value('minlen') ?? 'not set'} (14 or more expected)`);
    const minclass = Number(value('minclass') ?? '0');
    const credits = CREDITS.every((c) => Number(value(c) ?? '0') <= -1);
    if (!(minclass >= 4) && !credits) {
      problems.push(
        'neither minclass = 4 nor dcredit, ucredit, lcredit and ocredit = -1 require every character class',
      );
    }
    const evidence = {
      accountsWithPassword: withPassword,
      stacks: pam.stacks,
      modules: pam.modules,
      settings: pam.settings,
    };
    if (problems.length > 0) {
      return [
        {
          status: 'fail',
          resource,
          message: `Password quality on ${target.name} (${withPassword.length} account${withPassword.length === 1 ? '' : 's'} with a password): ${problems.join('; ')}.`,
          evidence,
        },
      ];
    }
    return [
      {
        status: 'pass',
        resource,
        message: `Password quality on ${target.name}: minlen ${minlen}, every character class required, in ${pam.stacks.join(', ')}.`,
        evidence,
      },
    ];
  },
});
