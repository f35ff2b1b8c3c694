import { defineCheck } from '../../src/core/check';
import { evaluateSetting } from './sshd-setting';

export default defineCheck({
  id: 'host.ssh.max-sessions',
  title: 'SSH MaxSessions is 10 or less',
  severity: 'low',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.23' }],
  remediation:
    'Set "MaxSessions 10" (or less) in /etc/ssh/sshd_config and in every Match block that sets it. Reload sshd.',
  requires: ['host.sshd'],
  evaluate: (ctx) =>
    evaluateSetting(ctx, {
      key: 'maxsessions',
      label: 'MaxSessions',
      secure: (v) => /^\d+$/.test(v) && Number(v) <= 10,
      expected: '10 or less',
      risk: 'one connection can open more sessions than the benchmark accepts',
    }),
});
