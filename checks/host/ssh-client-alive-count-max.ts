import { defineCheck } from '../../src/core/check';
import { evaluateSetting } from './sshd-setting';

export default defineCheck({
  id: 'host.ssh.client-alive-count-max',
  title: 'SSH idle sessions time out (ClientAliveCountMax 1-3)',
  severity: 'low',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.16' }],
  remediation:
    'Set "ClientAliveCountMax 3" (or less, never 0) with "ClientAliveInterval 300" (or less) in /etc/ssh/sshd_config. Reload sshd.',
  requires: ['host.sshd'],
  evaluate: (ctx) =>
    evaluateSetting(ctx, {
      key: 'clientalivecountmax',
      label: 'ClientAliveCountMax',
      secure: (v) => /^\d+$/.test(v) && Number(v) >= 1 && Number(v) <= 3,
      expected: 'between 1 and 3',
      risk: 'idle sessions stay open too long (0 disables the disconnection since OpenSSH 8.2)',
    }),
});
