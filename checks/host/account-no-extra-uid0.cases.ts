import { defineCases } from '../../test/support/cases';
import check from './account-no-extra-uid0';

export default defineCases(check, [
  {
    name: 'passes when root is the only UID 0 account',
    facts: {
      'host.accounts': {
        ok: true,
        value: {
          accounts: [
            { name: 'root', uid: 0, password: 'locked' },
            { name: 'ops', uid: 1000, password: 'set' },
          ],
          shadowReadable: true,
        },
      },
    },
    expect: [{ status: 'pass', kind: 'Host', resource: 'node-1' }],
  },
  {
    name: 'fails each extra UID 0 account ("toor" and "backdoor")',
    facts: {
      'host.accounts': {
        ok: true,
        value: {
          accounts: [
            { name: 'root', uid: 0, password: 'locked' },
            { name: 'toor', uid: 0, password: 'locked' },
            { name: 'backdoor', uid: 0, password: 'set' },
          ],
          shadowReadable: false,
        },
      },
    },
    expect: [
      { status: 'fail', kind: 'User', resource: 'toor' },
      { status: 'fail', kind: 'User', resource: 'backdoor' },
    ],
  },
  {
    name: 'is unknown when /etc/passwd could not be read',
    facts: { 'host.accounts': { ok: false, reason: '/etc/passwd is missing or not readable' } },
    expect: [{ status: 'unknown', message: '/etc/passwd' }],
  },
]);
