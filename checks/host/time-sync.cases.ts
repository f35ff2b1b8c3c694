import { defineCases } from '../../test/support/cases';
import { services } from './os-case-helpers';
import check from './time-sync';

export default defineCases(check, [
  {
    name: 'passes when chronyd runs',
    facts: { 'host.services': services({ running: ['chronyd'] }) },
    expect: [{ status: 'pass', message: 'is running (chronyd)' }],
  },
  {
    name: 'passes when systemd-timesyncd runs (comm is cut at 15 characters)',
    facts: { 'host.services': services({ running: ['systemd-timesyn'] }) },
    expect: [{ status: 'pass' }],
  },
  {
    name: 'fails on a live host with no time daemon',
    facts: { 'host.services': services({ running: [] }) },
    expect: [{ status: 'fail', message: 'clocks drift' }],
  },
  {
    name: 'passes under a host root when chronyd.service is enabled',
    facts: { 'host.services': services({ enabled: ['chronyd.service'] }) },
    expect: [{ status: 'pass', message: 'chronyd.service' }],
  },
  ...(['chronyd', 'systemd-timesyn', 'ntpd', 'ntpsec', 'openntpd'] as const).map((daemon) => ({
    name: `passes a live host running ${daemon}, naming it`,
    facts: { 'host.services': services({ running: ['sshd', daemon] }) },
    expect: [{ status: 'pass' as const, message: `Time synchronisation is running (${daemon}) on node-1.` }],
  })),
  ...(
    [
      'chronyd.service',
      'chrony.service',
      'systemd-timesyncd.service',
      'ntpd.service',
      'ntp.service',
      'openntpd.service',
      'ntpsec.service',
    ] as const
  ).map((unit) => ({
    name: `passes a host root with ${unit} enabled, naming it`,
    facts: { 'host.services': services({ enabled: ['sshd.service', unit] }) },
    expect: [
      {
        status: 'pass' as const,
        message: `Time synchronisation is enabled at boot (${unit}; the host root shows no running process) on node-1.`,
      },
    ],
  })),
  {
    name: 'fails a live host with no time daemon, naming every process looked for',
    facts: { 'host.services': services({ running: ['sshd'] }) },
    expect: [
      {
        status: 'fail',
        message:
          'Time synchronisation is not running (no chronyd, systemd-timesyn, ntpd, ntpsec, openntpd process) on node-1: ' +
          'clocks drift, and certificate and token lifetimes stop meaning what they say.',
      },
    ],
  },
  {
    name: 'fails a host root whose only time unit is masked, naming every unit looked for',
    facts: { 'host.services': services({ enabled: ['chronyd.service'], masked: ['chronyd.service'] }) },
    expect: [
      {
        status: 'fail',
        message:
          'Time synchronisation is not enabled at boot (none of chronyd.service, chrony.service, ' +
          'systemd-timesyncd.service, ntpd.service, ntp.service, openntpd.service, ntpsec.service is enabled) on ' +
          'node-1: clocks drift, and certificate and token lifetimes stop meaning what they say.',
      },
    ],
  },
  {
    name: 'is unknown when the unit folders could not be read and no time unit is seen enabled',
    facts: { 'host.services': services({ error: 'EACCES reading /etc/systemd/system' }) },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess time synchronisation on node-1: the systemd unit folders could not be read (EACCES reading /etc/systemd/system).',
      },
    ],
  },
]);
