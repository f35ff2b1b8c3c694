import { defineCases } from '../../test/support/cases';
import { at, sudo } from './os-case-helpers';
import check from './sudo-logfile';

export default defineCases(check, [
  {
    name: 'passes when Defaults logfile names a file',
    facts: {
      'host.sudo': sudo({
        defaults: { logfile: { value: '/var/log/sudo.log', at: at('Defaults logfile="/var/log/sudo.log"') } },
      }),
    },
    expect: [{ status: 'pass', message: 'logs to /var/log/sudo.log' }],
  },
  {
    name: 'fails when no logfile is set',
    facts: { 'host.sudo': sudo() },
    expect: [{ status: 'fail', message: 'sets no logfile' }],
  },
  {
    name: 'is not applicable to sudo-rs, which has no logfile setting and logs to the system log',
    facts: { 'host.sudo': sudo({ version: '0.2.5', implementation: 'sudo-rs' }) },
    expect: [
      {
        status: 'not-applicable',
        message:
          'sudo on node-1 is sudo-rs 0.2.5, which logs to the system log only (it has no logfile setting): keep that log.',
        evidence: { files: ['/etc/sudoers'], implementation: 'sudo-rs', logfile: null },
      },
    ],
  },
  {
    name: 'is not applicable to sudo-rs of unknown version, even with a logfile line it ignores',
    facts: {
      'host.sudo': sudo({
        implementation: 'sudo-rs',
        defaults: { logfile: { value: '/var/log/sudo.log', at: at('Defaults logfile="/var/log/sudo.log"') } },
      }),
    },
    expect: [
      {
        status: 'not-applicable',
        message: 'sudo on node-1 is sudo-rs, which logs to the system log only',
        evidence: { logfile: { value: '/var/log/sudo.log' } },
      },
    ],
  },
  {
    name: 'fails when !logfile turns it off',
    facts: { 'host.sudo': sudo({ defaults: { logfile: { value: false, at: at('Defaults !logfile') } } }) },
    expect: [{ status: 'fail', message: 'turns its log file off' }],
  },
  {
    name: 'passes in full, naming the file and line, with the evidence',
    facts: {
      'host.sudo': sudo({
        defaults: {
          logfile: {
            value: '/var/log/sudo.log',
            at: at('Defaults logfile=/var/log/sudo.log', '/etc/sudoers.d/10-log', 3),
          },
        },
      }),
    },
    expect: [
      {
        status: 'pass',
        message: 'sudo on node-1 logs to /var/log/sudo.log (/etc/sudoers.d/10-log line 3).',
        evidence: {
          files: ['/etc/sudoers'],
          logfile: { value: '/var/log/sudo.log', at: { file: '/etc/sudoers.d/10-log', line: 3 } },
        },
      },
    ],
  },
  {
    name: 'fails an empty logfile in full, quoting the line',
    facts: { 'host.sudo': sudo({ defaults: { logfile: { value: '', at: at('Defaults logfile=""') } } }) },
    expect: [
      {
        status: 'fail',
        message: 'sudo on node-1 turns its log file off ("Defaults logfile=""", /etc/sudoers line 10).',
      },
    ],
  },
  {
    name: 'fails in full when no logfile is set, with the evidence',
    facts: { 'host.sudo': sudo() },
    expect: [
      {
        status: 'fail',
        message: 'sudoers on node-1 sets no logfile: sudo use is only in the system log, which is easier to lose.',
        evidence: { files: ['/etc/sudoers'], logfile: null },
      },
    ],
  },
  {
    name: 'does not apply when sudo is not installed',
    facts: { 'host.sudo': sudo({ installed: false, files: [] }) },
    expect: [{ status: 'not-applicable' }],
  },
]);
