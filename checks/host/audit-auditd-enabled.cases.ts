import { defineCases } from '../../test/support/cases';
import check from './audit-auditd-enabled';
import { services } from './os-case-helpers';

export default defineCases(check, [
  {
    name: 'passes when the auditd process runs',
    facts: { 'host.services': services({ running: ['auditd', 'chronyd'] }) },
    expect: [{ status: 'pass', kind: 'Host', message: 'is running (auditd)' }],
  },
  {
    name: 'fails when it does not run on a live host',
    facts: { 'host.services': services({ running: ['chronyd'], enabled: ['auditd.service'] }) },
    expect: [{ status: 'fail', message: 'is not running' }],
  },
  {
    name: 'passes under a host root when auditd.service is enabled at boot',
    facts: { 'host.services': services({ enabled: ['auditd.service'] }) },
    expect: [{ status: 'pass', message: 'is enabled at boot' }],
  },
  {
    name: 'fails under a host root when the unit is masked',
    facts: { 'host.services': services({ enabled: ['auditd.service'], masked: ['auditd.service'] }) },
    expect: [{ status: 'fail', message: 'is not enabled at boot' }],
  },
  {
    name: 'is unknown under a host root when the unit folders could not be read',
    facts: { 'host.services': services({ error: '/etc/systemd/system could not be listed completely' }) },
    expect: [{ status: 'unknown', message: 'could not be listed' }],
  },
]);
