import { defineCheck } from '../../src/core/check';
import type { Finding } from '../../src/core/model';
import { dil, hostResource } from './os-helpers';
import { serviceState } from './service-helpers';

export default defineCheck({
  id: 'host.time.sync',
  title: 'Time is synchronised (chrony, systemd-timesyncd or ntpd)',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [dil('2.2.1.1')],
  remediation:
    'Run one time synchronisation daemon: "systemctl enable --now chronyd" (Amazon Linux, RHEL; the Amazon Time ' +
    'Sync Service at 169.254.169.123 on EC2) or systemd-timesyncd. Certificates, tokens and audit trails depend on it.',
  requires: ['host.services'],
  evaluate: ({ facts, target }): Finding[] => {
    const s = serviceState(facts['host.services'], [
      { process: 'chronyd', units: ['chronyd.service', 'chrony.service'] },
      { process: 'systemd-timesyn', units: ['systemd-timesyncd.service'] },
      { process: 'ntpd', units: ['ntpd.service', 'ntp.service', 'openntpd.service'] },
      { process: 'ntpsec', units: ['ntpsec.service'] },
      { process: 'openntpd', units: [] },
    ]);
    return [
      {
        status: s.status,
        resource: hostResource(target),
        message:
          s.status === 'unknown'
            ? `Could not assess time synchronisation on ${target.name}: ${s.how}.`
            : `Time synchronisation ${s.how} on ${target.name}${s.status === 'fail' ? ': clocks drift, and certificate and token lifetimes stop meaning what they say' : ''}.`,
        evidence: s.evidence,
      },
    ];
  },
});
