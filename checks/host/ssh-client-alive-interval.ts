import { defineCheck } from '../../src/core/check';
import { evaluateSetting } from './sshd-setting';

export default defineCheck({
  id: 'host.ssh.client-alive-interval',
  title: 'SSH idle sessions time out (ClientAliveInterval 1-300)',
  severity: 'low',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.16' }],
  remediation:
    'Set "ClientAliveInterval 300" (or less, never 0) and "ClientAliveCountMax 3" (or less, never 0) in /etc/ssh/sshd_config and in every Match block that sets them. Reload sshd.',
  requires: ['host.sshd'],
  evaluate: (ctx) =>
    evaluateSetting(ctx, {
      key: 'clientaliveinterval',
      label: 'ClientAliveInterval',
      secure: (v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 300,
      expected: 'between 1 and 300 seconds',
      risk: 'idle sessions are never probed and closed (0 disables the check)',
    }),
});
