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
  {
    name: 'passes in full, naming every stack, with the evidence',
    facts: {
      'host.accounts': ok(accounts('set')),
      'host.pam': ok({ ...pam({ minlen: '15', minclass: '5' }), stacks: [STACK, '/etc/pam.d/password-auth'] }),
    },
    expect: [
      {
        status: 'pass',
        message:
          'Password quality on node-1: minlen 15, every character class required, in /etc/pam.d/system-auth, ' +
          '/etc/pam.d/password-auth.',
        evidence: { accountsWithPassword: ['ec2-user'], stacks: [STACK, '/etc/pam.d/password-auth'] },
      },
    ],
  },
  {
    name: 'fails in full with no stack, no minimum length and no class rule, for two accounts with a password',
    facts: {
      'host.accounts': ok({
        shadowReadable: true,
        accounts: [
          { name: 'root', uid: 0, password: 'set' },
          { name: 'ec2-user', uid: 1000, password: 'set' },
          { name: 'nobody', uid: 65534, password: 'empty' },
        ],
      }),
      'host.pam': ok({ stacks: [], modules: {}, settings: {} }),
    },
    expect: [
      {
        status: 'fail',
        message:
          'Password quality on node-1 (2 accounts with a password): no PAM password stack was found; minlen is not ' +
          'set (14 or more expected); neither minclass = 4 nor dcredit, ucredit, lcredit and ocredit = -1 require ' +
          'every character class.',
        evidence: { accountsWithPassword: ['root', 'ec2-user'], stacks: [], modules: {}, settings: {} },
      },
    ],
  },
  ...(
    [
      ['minclass 3 and no credits', { minclass: '3' }],
      ['three credits at -1 and one missing', { dcredit: '-1', ucredit: '-1', lcredit: '-1' }],
      ['credits at 0', { dcredit: '0', ucredit: '0', lcredit: '0', ocredit: '0' }],
      ['credits at +1', { dcredit: '1', ucredit: '1', lcredit: '1', ocredit: '1' }],
    ] as const
  ).map(([what, settings]) => ({
    name: `fails ${what}: not every character class is required`,
    facts: { 'host.accounts': ok(accounts('set')), 'host.pam': ok(pam({ minlen: '14', ...settings })) },
    expect: [
      {
        status: 'fail' as const,
        message:
          'Password quality on node-1 (1 account with a password): neither minclass = 4 nor dcredit, ucredit, ' +
          'lcredit and ocredit = -1 require every character class.',
      },
    ],
  })),
  {
    name: 'passes credits below -1 with minclass unset',
    facts: {
      'host.accounts': ok(accounts('set')),
      'host.pam': ok(pam({ minlen: '14', dcredit: '-2', ucredit: '-1', lcredit: '-3', ocredit: '-1' })),
    },
    expect: [{ status: 'pass' }],
  },
  {
    name: 'counts the locked accounts among all when none has a usable password',
    facts: {
      'host.accounts': ok({
        shadowReadable: true,
        accounts: [
          { name: 'root', uid: 0, password: 'locked' },
          { name: 'nobody', uid: 65534, password: 'empty' },
        ],
      }),
      'host.pam': ok(pam({})),
    },
    expect: [
      {
        status: 'not-applicable',
        message:
          'No account on node-1 has a usable password (every one is locked or empty), so password quality rules have nothing to guard.',
        evidence: { accounts: 2, locked: 1 },
      },
    ],
  },
  {
    name: 'is unknown in full when /etc/shadow was not read, with no reason given',
    facts: { 'host.accounts': ok({ shadowReadable: false, accounts: [] }), 'host.pam': ok(pam({})) },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess password quality on node-1: whether any account has a password is not known (/etc/shadow was not read).',
      },
    ],
  },
  {
    name: 'fails two stacks without a quality module, naming both',
    facts: {
      'host.accounts': ok(accounts('set')),
      'host.pam': ok({
        ...pam({ minlen: '14', minclass: '4' }, null),
        stacks: [STACK, '/etc/pam.d/password-auth'],
        modules: { [STACK]: null, '/etc/pam.d/password-auth': null },
      }),
    },
    expect: [
      {
        status: 'fail',
        message:
          'Password quality on node-1 (1 account with a password): /etc/pam.d/system-auth, /etc/pam.d/password-auth ' +
          'has no pam_pwquality or pam_cracklib line.',
      },
    ],
  },
]);
