import { defineCheck } from '../../src/core/check';
import type { Finding } from '../../src/core/model';
import { watchFindings } from './audit-helpers';
import { dil } from './os-helpers';

export default defineCheck({
  id: 'host.audit.sudoers-rules',
  title: 'Changes to sudoers are audited',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [dil('4.1.16')],
  remediation:
    'Add to /etc/audit/rules.d/50-scope.rules: "-w /etc/sudoers -p wa -k scope" and "-w /etc/sudoers.d -p wa -k scope"; ' +
    'load them with "augenrules --load".',
  requires: ['host.audit'],
  evaluate: ({ facts, target }): Finding[] =>
    watchFindings(facts['host.audit'], target, ['/etc/sudoers', '/etc/sudoers.d'], 'sudo rights'),
});
