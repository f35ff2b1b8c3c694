import type { HostAccounts, HostPasswordQuality } from '../../src/core/facts/host';
import { defineCases } from '../../test/support/cases';
import { ok } from './os-case-helpers';
import check from './pam-password-quality';

const accounts = (password: 'set' | 'locked'): HostAccounts => ({
  shadowReadable: true,
  accounts: [
    { name: 'root', uid: 0, password: 'locked' },
    { name: 'ec2-user', uid: 1000, password },
  ],
});
const STACK = '/etc/pam.d/system-auth';
const pam = (settings: Record<string, string>, module: string | null = 'pam_pwquality'): HostPasswordQuality => ({
  stacks: [STACK],
  modules: { [STACK]: module },
  settings: Object.fromEntries(
    Object.entries(settings).map(([k, v]) => [k, { value: v, from: '/etc/security/pwquality.conf' }]),
  ),
});

export default defineCases(check, [
  {
    name: 'passes with pam_pwquality, minlen 14 and minclass 4',
    facts: { 'host.accounts': ok(accounts('set')), 'host.pam': ok(pam({ minlen: '14', minclass: '4' })) },
    expect: [{ status: 'pass', message: 'minlen 14' }],
  },
  {
    name: 'passes with every credit at -1 instead of minclass',
    facts: {
      'host.accounts': ok(accounts('set')),
      'host.pam': ok(pam({ minlen: '16', dcredit: '-1', ucredit: '-1', lcredit: '-1', ocredit: '-1' })),
    },
    expect: [{ status: 'pass' }],
  },
  {
    name: 'fails with a short minimum and no quality module in the stack',
    facts: { 'host.accounts': ok(accounts('set')), 'host.pam': ok(pam({ minlen: '8' }, null)) },
    expect: [{ status: 'fail', message: 'has no pam_pwquality or pam_cracklib line; minlen is 8' }],
  },
  {
    name: 'is not applicable when no account has a usable password',
    facts: { 'host.accounts': ok(accounts('locked')), 'host.pam': ok(pam({})) },
    expect: [{ status: 'not-applicable', message: 'No account', evidence: { accounts: 2, locked: 2 } }],
  },
  {
    name: 'is unknown when /etc/shadow could not be read',
    facts: {
      'host.accounts': ok({ shadowReadable: false, shadowError: '/etc/shadow is not readable', accounts: [] }),
      'host.pam': ok(pam({})),
    },
    expect: [{ status: 'unknown', message: '/etc/shadow is not readable' }],
  },
]);
