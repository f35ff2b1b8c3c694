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
]);
