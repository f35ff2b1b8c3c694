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
]);
