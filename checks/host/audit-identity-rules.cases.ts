import { defineCases } from '../../test/support/cases';
import check, { IDENTITY_FILES } from './audit-identity-rules';
import { audit } from './os-case-helpers';

export default defineCases(check, [
  {
    name: 'passes every identity file watched with -p wa',
    facts: { 'host.audit': audit(IDENTITY_FILES.map((f) => `-w ${f} -p wa -k identity`)) },
    expect: IDENTITY_FILES.map((f) => ({ status: 'pass' as const, kind: 'AuditWatch', resource: f })),
  },
  {
    name: 'fails a file watched for reads only and a file not watched; passes a syscall rule with -F path and perm',
    facts: {
      'host.audit': audit([
        '-w /etc/group -p r -k identity',
        '-a always,exit -S all -F path=/etc/passwd -F perm=wa -F key=identity',
        '-w /etc/gshadow -p wa',
        '-w /etc/shadow -p wa',
      ]),
    },
    expect: [
      { status: 'fail', resource: '/etc/group', message: 'No audit rule' },
      { status: 'pass', resource: '/etc/passwd' },
      { status: 'pass', resource: '/etc/gshadow' },
      { status: 'pass', resource: '/etc/shadow' },
      { status: 'fail', resource: '/etc/security/opasswd' },
    ],
  },
  {
    name: 'is unknown when the loaded rules could not be read',
    facts: { 'host.audit': { ok: false, reason: 'the loaded audit rules could not be read (auditctl -l failed)' } },
    expect: [{ status: 'unknown', message: 'auditctl -l failed' }],
  },
  {
    name: 'says which rule watches each file, from the loaded rules, in full with its evidence',
    facts: { 'host.audit': audit(['-w /etc/passwd -p wa -k identity']) },
    expect: [
      {
        status: 'fail',
        resource: '/etc/group',
        message:
          'No audit rule on node-1 records writes and attribute changes of /etc/group (user and group identity; the ' +
          'loaded rules (auditctl -l), 1 rule).',
        evidence: { source: 'auditctl', ruleCount: 1, files: undefined },
      },
      {
        status: 'pass',
        resource: '/etc/passwd',
        message:
          'Changes to /etc/passwd (user and group identity) are audited on node-1 by "-w /etc/passwd -p wa -k ' +
          'identity" (the loaded rules (auditctl -l)).',
        evidence: { source: 'auditctl', ruleCount: 1, rule: '-w /etc/passwd -p wa -k identity', files: undefined },
      },
      { status: 'fail', resource: '/etc/gshadow' },
      { status: 'fail', resource: '/etc/shadow' },
      { status: 'fail', resource: '/etc/security/opasswd' },
    ],
  },
  {
    name: 'reads the rule files auditd loads at boot, naming them in the evidence',
    facts: {
      'host.audit': ((a) =>
        a.ok ? { ...a, value: { ...a.value, files: ['/etc/audit/rules.d/50-identity.rules'] } } : a)(
        audit(['-w /etc/group -p wa', '-w /etc/shadow -p wa'], 'files'),
      ),
    },
    expect: [
      {
        status: 'pass',
        resource: '/etc/group',
        message:
          'Changes to /etc/group (user and group identity) are audited on node-1 by "-w /etc/group -p wa" (the rule ' +
          'files auditd loads at boot).',
        evidence: { source: 'files', ruleCount: 2, files: ['/etc/audit/rules.d/50-identity.rules'] },
      },
      {
        status: 'fail',
        resource: '/etc/passwd',
        message:
          'No audit rule on node-1 records writes and attribute changes of /etc/passwd (user and group identity; the ' +
          'rule files auditd loads at boot, 2 rules).',
      },
      { status: 'fail', resource: '/etc/gshadow' },
      { status: 'pass', resource: '/etc/shadow' },
      { status: 'fail', resource: '/etc/security/opasswd' },
    ],
  },
  {
    name: 'needs both w and a: a watch of writes alone or attribute changes alone is not enough',
    facts: { 'host.audit': audit(['-w /etc/group -p w', '-w /etc/passwd -p a', '-w /etc/shadow -p aw']) },
    expect: [
      { status: 'fail', resource: '/etc/group' },
      { status: 'fail', resource: '/etc/passwd' },
      { status: 'fail', resource: '/etc/gshadow' },
      { status: 'pass', resource: '/etc/shadow' },
      { status: 'fail', resource: '/etc/security/opasswd' },
    ],
  },
  {
    name: 'a recursive watch of a folder covers the files in it, a name prefix or a non-recursive path rule does not',
    facts: {
      'host.audit': audit(['-w /etc/security -p wa', '-w /etc/pass -p wa', '-a always,exit -F path=/etc -F perm=wa']),
    },
    expect: [
      { status: 'fail', resource: '/etc/group' },
      { status: 'fail', resource: '/etc/passwd' },
      { status: 'fail', resource: '/etc/gshadow' },
      { status: 'fail', resource: '/etc/shadow' },
      { status: 'pass', resource: '/etc/security/opasswd', message: '"-w /etc/security -p wa"' },
    ],
  },
  {
    name: 'a recursive watch of / covers every file',
    facts: { 'host.audit': audit(['-w / -p wa']) },
    expect: IDENTITY_FILES.map((f) => ({ status: 'pass' as const, resource: f })),
  },
]);
