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
  {
    name: 'passes, saying so, with the locked state as evidence',
    facts: { 'host.accounts': accounts('locked') },
    expect: [
      {
        status: 'pass',
        kind: 'User',
        resource: 'root',
        message: "root's password is locked on node-1.",
        evidence: { password: 'locked' },
      },
    ],
  },
  {
    name: 'fails a usable password with the risk and the state as evidence',
    facts: { 'host.accounts': accounts('set') },
    expect: [
      {
        status: 'fail',
        kind: 'User',
        resource: 'root',
        message: 'root has a usable password on node-1: it can be guessed or reused.',
        evidence: { password: 'set' },
      },
    ],
  },
  {
    name: 'fails an empty password with the risk and the state as evidence',
    facts: { 'host.accounts': accounts('empty') },
    expect: [
      {
        status: 'fail',
        message: 'root has an empty password on node-1: anyone at a console or through PAM can become root.',
        evidence: { password: 'empty' },
      },
    ],
  },
  {
    name: "is unknown, quoting the reader's error, without /etc/shadow",
    facts: { 'host.accounts': accounts('unknown', false) },
    expect: [
      {
        status: 'unknown',
        kind: 'User',
        resource: 'root',
        message: 'Could not assess the root password of node-1: /etc/shadow does not exist.',
      },
    ],
  },
  {
    name: 'is unknown without /etc/shadow and without an error message',
    facts: { 'host.accounts': { ok: true, value: { accounts: [], shadowReadable: false } } },
    expect: [{ status: 'unknown', message: 'root password of node-1: /etc/shadow could not be read.' }],
  },
  {
    name: 'is unknown when /etc/passwd has no root account',
    facts: {
      'host.accounts': {
        ok: true,
        value: { accounts: [{ name: 'toor', uid: 0, password: 'locked' as const }], shadowReadable: true },
      },
    },
    expect: [
      {
        status: 'unknown',
        kind: 'User',
        resource: 'root',
        message: 'Could not assess the root password of node-1: /etc/passwd has no root account.',
      },
    ],
  },
  {
    name: 'is unknown, saying so, when root has no /etc/shadow entry',
    facts: { 'host.accounts': accounts('unknown') },
    expect: [
      { status: 'unknown', message: 'Could not assess the root password of node-1: root has no entry in /etc/shadow.' },
    ],
  },
]);
