import { defineCases } from '../../test/support/cases';
import check from './audit-sudoers-rules';
import { audit } from './os-case-helpers';

export default defineCases(check, [
  {
    name: 'passes sudoers and sudoers.d watched (a directory watch covers the folder)',
    facts: { 'host.audit': audit(['-w /etc/sudoers -p wa -k scope', '-w /etc/sudoers.d -p wa -k scope'], 'files') },
    expect: [
      {
        status: 'pass',
        kind: 'AuditWatch',
        resource: '/etc/sudoers',
        message:
          'Changes to /etc/sudoers (sudo rights) are audited on node-1 by "-w /etc/sudoers -p wa -k scope" (the rule files auditd loads at boot).',
        evidence: { source: 'files', ruleCount: 2, rule: '-w /etc/sudoers -p wa -k scope' },
      },
      { status: 'pass', resource: '/etc/sudoers.d' },
    ],
  },
  {
    name: 'fails with no rules at all',
    facts: { 'host.audit': audit([]) },
    expect: [
      {
        status: 'fail',
        resource: '/etc/sudoers',
        message:
          'No audit rule on node-1 records writes and attribute changes of /etc/sudoers (sudo rights; the loaded rules (auditctl -l), 0 rules).',
        evidence: { source: 'auditctl', ruleCount: 0, rule: undefined },
      },
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
