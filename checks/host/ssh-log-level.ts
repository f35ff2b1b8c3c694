import { defineCheck } from '../../src/core/check';
import { evaluateSetting } from './sshd-setting';

export default defineCheck({
  id: 'host.ssh.log-level',
  title: 'SSH LogLevel is INFO or VERBOSE',
  severity: 'low',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.5' }],
  remediation:
    'Set "LogLevel VERBOSE" (or INFO) in /etc/ssh/sshd_config and in every Match block that sets it. Reload sshd.',
  requires: ['host.sshd'],
  evaluate: (ctx) =>
    evaluateSetting(ctx, {
      key: 'loglevel',
      label: 'LogLevel',
      secure: (v) => v === 'info' || v === 'verbose',
      expected: 'INFO or VERBOSE',
      risk: 'logins are not recorded (QUIET, FATAL, ERROR) or user privacy leaks into the logs (DEBUG)',
    }),
});
