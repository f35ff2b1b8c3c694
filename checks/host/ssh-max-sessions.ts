import { defineCheck } from '../../src/core/check';
import { dil } from './os-helpers';
import { evaluateSetting } from './sshd-setting';

export default defineCheck({
  id: 'host.ssh.max-sessions',
  title: 'SSH MaxSessions is 10 or less',
  severity: 'low',
  category: 'host',
  targetKind: 'host',
  // 5.2.23 asks for 4 or less: this check accepts up to 10, so it cannot stand for that control.
  benchmarks: [dil('5.2')],
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
