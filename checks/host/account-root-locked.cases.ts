import type { HostAccounts } from '../../src/core/facts/host';
import { defineCases } from '../../test/support/cases';
import check from './account-root-locked';

const accounts = (root: HostAccounts['accounts'][number]['password'], shadowReadable = true) => ({
  ok: true as const,
  value: {
    accounts: [
      { name: 'root', uid: 0, password: root },
      { name: 'ec2-user', uid: 1000, password: 'set' as const },
    ],
    shadowReadable,
    ...(shadowReadable ? {} : { shadowError: '/etc/shadow does not exist' }),
  },
});

export default defineCases(check, [
  {
    name: 'passes when root is locked',
    facts: { 'host.accounts': accounts('locked') },
    expect: [{ status: 'pass', kind: 'User', resource: 'root' }],
  },
  {
    name: 'fails when root has a usable password hash',
    facts: { 'host.accounts': accounts('set') },
    expect: [{ status: 'fail', resource: 'root', message: 'usable password' }],
  },
  {
    name: 'fails when root has an empty password field',
    facts: { 'host.accounts': accounts('empty') },
    expect: [{ status: 'fail', message: 'empty password' }],
  },
  {
    name: 'is unknown without /etc/shadow',
    facts: { 'host.accounts': accounts('unknown', false) },
    expect: [{ status: 'unknown', message: '/etc/shadow does not exist' }],
  },
  {
    name: 'is unknown when root has no /etc/shadow entry',
    facts: { 'host.accounts': accounts('unknown') },
    expect: [{ status: 'unknown', message: 'no entry in /etc/shadow' }],
  },
]);
