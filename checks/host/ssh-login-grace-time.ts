import { defineCheck } from '../../src/core/check';
import { evaluateSetting } from './sshd-setting';

export default defineCheck({
  id: 'host.ssh.login-grace-time',
  title: 'SSH LoginGraceTime is one minute or less',
  severity: 'low',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.17' }],
  remediation:
    'Set "LoginGraceTime 60" (or less, never 0) in /etc/ssh/sshd_config; the compiled-in default is 120 seconds. Reload sshd.',
  requires: ['host.sshd'],
  evaluate: (ctx) =>
    evaluateSetting(ctx, {
      key: 'logingracetime',
      label: 'LoginGraceTime',
      secure: (v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 60,
      expected: 'between 1 and 60 seconds',
      risk: 'unauthenticated connections are held open longer than the benchmark accepts (0 means no limit)',
    }),
});
