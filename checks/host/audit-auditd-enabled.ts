import { defineCheck } from '../../src/core/check';
import type { Finding } from '../../src/core/model';
import { dil, hostResource } from './os-helpers';
import { serviceState } from './service-helpers';

export default defineCheck({
  id: 'host.audit.auditd-enabled',
  title: 'The audit daemon runs (auditd)',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [dil('4.1.2'), dil('4.1.3')],
  remediation: 'Install the audit package (audit or auditd) and run "systemctl enable --now auditd".',
  requires: ['host.services'],
  evaluate: ({ facts, target }): Finding[] => {
    const s = serviceState(facts['host.services'], [{ process: 'auditd', units: ['auditd.service'] }]);
    return [
      {
        status: s.status,
        resource: hostResource(target),
        message:
          s.status === 'pass'
            ? `auditd ${s.how} on ${target.name}.`
            : s.status === 'fail'
              ? `auditd ${s.how} on ${target.name}: security-relevant events are not recorded.`
              : `Could not assess auditd on ${target.name}: ${s.how}.`,
        evidence: s.evidence,
      },
    ];
  },
});
