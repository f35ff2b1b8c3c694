import type { HostLimits } from '../../src/core/facts/host';
import { defineCases } from '../../test/support/cases';
import check from './core-dumps-restricted';
import { ok, sysctl } from './os-case-helpers';

const limits = (...lines: string[]): HostLimits => ({
  files: ['/etc/security/limits.conf'],
  core: lines.map((text, i) => {
    const [domain, type, , value] = text.split(/\s+/);
    return { domain, type, value, at: { file: '/etc/security/limits.conf', line: i + 1, text } };
  }),
});

export default defineCases(check, [
  {
    name: 'passes with * hard core 0 and fs.suid_dumpable 0',
    facts: { 'host.limits': ok(limits('* hard core 0')), 'host.sysctl': sysctl({ 'fs.suid_dumpable': '0' }) },
    expect: [{ status: 'pass', message: 'hard core 0' }],
  },
  {
    name: 'fails without a hard core limit and with suid_dumpable 2',
    facts: { 'host.limits': ok(limits('* soft core 0')), 'host.sysctl': sysctl({ 'fs.suid_dumpable': '2' }) },
    expect: [{ status: 'fail', message: 'no "* hard core 0" limit; fs.suid_dumpable is 2' }],
  },
  {
    name: 'fails when a later line raises the hard limit',
    facts: {
      'host.limits': ok(limits('* hard core 0', '* hard core unlimited')),
      'host.sysctl': sysctl({ 'fs.suid_dumpable': '0' }),
    },
    expect: [{ status: 'fail', message: '"* hard core unlimited"' }],
  },
  {
    name: 'is unknown under a host root when no sysctl.d file sets fs.suid_dumpable',
    facts: { 'host.limits': ok(limits('* hard core 0')), 'host.sysctl': sysctl(null) },
    expect: [{ status: 'unknown', message: 'fs.suid_dumpable' }],
  },
]);
