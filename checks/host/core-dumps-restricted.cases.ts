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
  {
    name: 'passes in full, naming the limits file, with the evidence',
    facts: { 'host.limits': ok(limits('* hard core 0')), 'host.sysctl': sysctl({ 'fs.suid_dumpable': '0' }) },
    expect: [
      {
        status: 'pass',
        message: 'Core dumps are restricted on node-1: hard core 0 (/etc/security/limits.conf) and fs.suid_dumpable 0.',
        evidence: {
          hardCore: { value: '0', file: '/etc/security/limits.conf', line: 1 },
          suidDumpable: { running: '0', configured: null },
        },
      },
    ],
  },
  {
    name: 'passes a "-" limit (soft and hard), and a later soft line leaves the hard limit alone',
    facts: {
      'host.limits': ok(limits('* - core 0', '* soft core unlimited')),
      'host.sysctl': sysctl({ 'fs.suid_dumpable': '0' }),
    },
    expect: [{ status: 'pass', evidence: { hardCore: { value: '0', line: 1 } } }],
  },
  {
    name: 'fails a hard limit for a group only: it is not every user',
    facts: {
      'host.limits': ok(limits('@admins hard core 0')),
      'host.sysctl': sysctl({ 'fs.suid_dumpable': '0' }),
    },
    expect: [
      {
        status: 'fail',
        message: 'Core dumps are not restricted on node-1: no "* hard core 0" limit.',
        evidence: { hardCore: null },
      },
    ],
  },
  {
    name: 'fails in full a limit that allows core files',
    facts: {
      'host.limits': ok(limits('* hard core unlimited')),
      'host.sysctl': sysctl({ 'fs.suid_dumpable': '0' }),
    },
    expect: [
      {
        status: 'fail',
        message:
          'Core dumps are not restricted on node-1: "* hard core unlimited" (/etc/security/limits.conf) allows core files.',
      },
    ],
  },
  {
    name: 'fails a sysctl.d value the next boot applies although the running value is 0',
    facts: {
      'host.limits': ok(limits('* hard core 0')),
      'host.sysctl': sysctl({ 'fs.suid_dumpable': '0' }, { 'fs.suid_dumpable': '2' }),
    },
    expect: [
      {
        status: 'fail',
        message: 'Core dumps are not restricted on node-1: fs.suid_dumpable is set to 2 by /etc/sysctl.d/60-cis.conf.',
        evidence: {
          suidDumpable: { running: '0', configured: { value: '2', file: '/etc/sysctl.d/60-cis.conf' } },
        },
      },
    ],
  },
  {
    name: 'passes under a host root on the value sysctl.d sets',
    facts: {
      'host.limits': ok(limits('* hard core 0')),
      'host.sysctl': sysctl(null, { 'fs.suid_dumpable': '0' }),
    },
    expect: [
      {
        status: 'pass',
        evidence: {
          suidDumpable: { running: null, configured: { value: '0', file: '/etc/sysctl.d/60-cis.conf' } },
        },
      },
    ],
  },
  {
    name: 'is unknown in full when neither value is known, saying why',
    facts: { 'host.limits': ok(limits('* hard core 0')), 'host.sysctl': sysctl(null) },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess fs.suid_dumpable on node-1: no sysctl.d file sets it and the running kernel is not ' +
          'visible under a host root (the hard core limit is 0).',
      },
    ],
  },
  {
    name: 'is unknown in full when the running value was not read, with no reason given',
    facts: { 'host.limits': ok(limits('* hard core 0')), 'host.sysctl': sysctl({}) },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess fs.suid_dumpable on node-1: no sysctl.d file sets it and the running value was not read ' +
          '(the hard core limit is 0).',
      },
    ],
  },
]);
