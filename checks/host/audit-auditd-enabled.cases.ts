import { defineCases } from '../../test/support/cases';
import check from './audit-auditd-enabled';
import { services } from './os-case-helpers';

export default defineCases(check, [
  {
    name: 'passes when the auditd process runs, with the services seen as evidence',
    facts: { 'host.services': services({ running: ['auditd', 'chronyd'] }) },
    expect: [
      {
        status: 'pass',
        kind: 'Host',
        message: 'auditd is running (auditd) on node-1.',
        evidence: { running: ['auditd', 'chronyd'], enabled: [], masked: [] },
      },
    ],
  },
  {
    name: 'fails when it does not run on a live host, saying events are not recorded',
    facts: { 'host.services': services({ running: ['chronyd'], enabled: ['auditd.service'] }) },
    expect: [
      {
        status: 'fail',
        message: 'auditd is not running (no auditd process) on node-1: security-relevant events are not recorded.',
        evidence: { running: ['chronyd'], enabled: ['auditd.service'], masked: [] },
      },
    ],
  },
  {
    name: 'passes under a host root when auditd.service is enabled at boot',
    facts: { 'host.services': services({ enabled: ['auditd.service'] }) },
    expect: [
      {
        status: 'pass',
        message: 'auditd is enabled at boot (auditd.service; the host root shows no running process) on node-1.',
        evidence: { running: null, enabled: ['auditd.service'], masked: [] },
      },
    ],
  },
  {
    name: 'fails under a host root when the unit is masked',
    facts: { 'host.services': services({ enabled: ['auditd.service'], masked: ['auditd.service'] }) },
    expect: [
      {
        status: 'fail',
        message:
          'auditd is not enabled at boot (none of auditd.service is enabled) on node-1: security-relevant events are not recorded.',
        evidence: { running: null, enabled: ['auditd.service'], masked: ['auditd.service'] },
      },
    ],
  },
  {
    name: 'is unknown under a host root when the unit folders could not be read',
    facts: { 'host.services': services({ error: '/etc/systemd/system could not be listed completely' }) },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess auditd on node-1: the systemd unit folders could not be read (/etc/systemd/system could not be listed completely).',
        evidence: { running: null, enabled: [], masked: [] },
      },
    ],
  },
]);
