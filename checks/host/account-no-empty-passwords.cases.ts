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
]);
