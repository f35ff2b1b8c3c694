import { defineCases } from '../../test/support/cases';
import check from './account-no-empty-passwords';

export default defineCases(check, [
  {
    name: 'passes when every password field is locked or set',
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
    expect: [{ status: 'pass', kind: 'Host' }],
  },
  {
    name: 'fails the account whose password field is empty',
    facts: {
      'host.accounts': {
        ok: true,
        value: {
          accounts: [
            { name: 'root', uid: 0, password: 'locked' },
            { name: 'guest', uid: 1001, password: 'empty' },
          ],
          shadowReadable: true,
        },
      },
    },
    expect: [{ status: 'fail', kind: 'User', resource: 'guest' }],
  },
  {
    name: 'is unknown without /etc/shadow',
    facts: {
      'host.accounts': {
        ok: true,
        value: {
          accounts: [{ name: 'root', uid: 0, password: 'unknown' }],
          shadowReadable: false,
          shadowError: '/etc/shadow does not exist',
        },
      },
    },
    expect: [{ status: 'unknown', message: '/etc/shadow does not exist' }],
  },
  {
    name: 'fails each account with an empty password field, with its UID as evidence, and nothing for the others',
    facts: {
      'host.accounts': {
        ok: true,
        value: {
          shadowReadable: true,
          accounts: [
            { name: 'root', uid: 0, password: 'locked' as const },
            { name: 'guest', uid: 1001, password: 'empty' as const },
            { name: 'kiosk', uid: 1002, password: 'empty' as const },
            { name: 'ops', uid: 1000, password: 'unknown' as const },
          ],
        },
      },
    },
    expect: [
      {
        status: 'fail',
        kind: 'User',
        resource: 'guest',
        message: 'Account guest has an empty password field on node-1.',
        evidence: { password: 'empty', uid: 1001 },
      },
      { status: 'fail', kind: 'User', resource: 'kiosk', evidence: { password: 'empty', uid: 1002 } },
    ],
  },
  {
    name: 'passes, saying so, for the host',
    facts: {
      'host.accounts': {
        ok: true,
        value: { shadowReadable: true, accounts: [{ name: 'root', uid: 0, password: 'set' as const }] },
      },
    },
    expect: [
      {
        status: 'pass',
        kind: 'Host',
        resource: 'node-1',
        message: 'No account has an empty password field on node-1.',
      },
    ],
  },
  {
    name: "is unknown, quoting the reader's error, without /etc/shadow",
    facts: {
      'host.accounts': {
        ok: true,
        value: {
          shadowReadable: false,
          shadowError: 'permission denied',
          accounts: [{ name: 'guest', uid: 1001, password: 'empty' as const }],
        },
      },
    },
    expect: [
      {
        status: 'unknown',
        kind: 'Host',
        resource: 'node-1',
        message: 'Could not assess password fields on node-1: permission denied.',
      },
    ],
  },
  {
    name: 'is unknown without /etc/shadow and without an error message',
    facts: { 'host.accounts': { ok: true, value: { shadowReadable: false, accounts: [] } } },
    expect: [
      { status: 'unknown', message: 'Could not assess password fields on node-1: /etc/shadow could not be read.' },
    ],
  },
]);
