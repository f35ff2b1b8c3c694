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
  {
    name: 'fails an extra UID 0 account with the risk and its UID as evidence, and not a UID 1 account',
    facts: {
      'host.accounts': {
        ok: true,
        value: {
          shadowReadable: false,
          accounts: [
            { name: 'root', uid: 0, password: 'locked' as const },
            { name: 'daemon', uid: 1, password: 'locked' as const },
            { name: 'toor', uid: 0, password: 'unknown' as const },
          ],
        },
      },
    },
    expect: [
      {
        status: 'fail',
        kind: 'User',
        resource: 'toor',
        message: 'Account toor has UID 0 on node-1: it is root under another name.',
        evidence: { uid: 0 },
      },
    ],
  },
  {
    name: 'passes, saying so, for the host',
    facts: {
      'host.accounts': {
        ok: true,
        value: { shadowReadable: true, accounts: [{ name: 'root', uid: 0, password: 'locked' as const }] },
      },
    },
    expect: [
      { status: 'pass', kind: 'Host', resource: 'node-1', message: 'root is the only UID 0 account on node-1.' },
    ],
  },
]);
