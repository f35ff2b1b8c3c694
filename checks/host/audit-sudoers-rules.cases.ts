import { defineCases } from '../../test/support/cases';
import check from './audit-sudoers-rules';
import { audit } from './os-case-helpers';

export default defineCases(check, [
  {
    name: 'passes sudoers and sudoers.d watched (a directory watch covers the folder)',
    facts: { 'host.audit': audit(['-w /etc/sudoers -p wa -k scope', '-w /etc/sudoers.d -p wa -k scope'], 'files') },
    expect: [
      { status: 'pass', resource: '/etc/sudoers', message: 'the rule files auditd loads at boot' },
      { status: 'pass', resource: '/etc/sudoers.d' },
    ],
  },
  {
    name: 'fails with no rules at all',
    facts: { 'host.audit': audit([]) },
    expect: [
      { status: 'fail', resource: '/etc/sudoers', message: '0 rules' },
      { status: 'fail', resource: '/etc/sudoers.d' },
    ],
  },
  {
    name: 'passes /etc/sudoers through a watch of /etc with every permission (no -p)',
    facts: { 'host.audit': audit(['-w /etc']) },
    expect: [
      { status: 'pass', resource: '/etc/sudoers' },
      { status: 'pass', resource: '/etc/sudoers.d' },
    ],
  },
]);
