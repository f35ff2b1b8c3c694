import { defineCheck } from '../../src/core/check';
import type { Finding } from '../../src/core/model';
import { watchFindings } from './audit-helpers';
import { dil } from './os-helpers';

export const IDENTITY_FILES = ['/etc/group', '/etc/passwd', '/etc/gshadow', '/etc/shadow', '/etc/security/opasswd'];

export default defineCheck({
  id: 'host.audit.identity-rules',
  title: 'Changes to users and groups are audited',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [dil('4.1.6')],
  remediation:
    'Add to /etc/audit/rules.d/50-identity.rules: "-w /etc/group -p wa -k identity", and the same for /etc/passwd, ' +
    '/etc/gshadow, /etc/shadow and /etc/security/opasswd; load them with "augenrules --load".',
  requires: ['host.audit'],
  evaluate: ({ facts, target }): Finding[] =>
    watchFindings(facts['host.audit'], target, IDENTITY_FILES, 'user and group identity'),
});
