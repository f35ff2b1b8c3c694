import { defineCheck } from '../../src/core/check';
import { evaluateSetting } from './sshd-setting';

export default defineCheck({
  id: 'host.ssh.max-auth-tries',
  title: 'SSH MaxAuthTries is 4 or less',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.7' }],
  remediation:
    'Set "MaxAuthTries 4" (or lower) in /etc/ssh/sshd_config before any Match block, and in every Match block that sets it; ' +
    'the compiled-in default is 6. Reload sshd.',
  requires: ['host.sshd'],
  evaluate: (ctx) =>
    evaluateSetting(ctx, {
      key: 'maxauthtries',
      label: 'MaxAuthTries',
      secure: (v) => /^\d+$/.test(v) && Number(v) <= 4,
      expected: '4 or less',
      risk: 'each connection allows more guesses than the benchmark accepts',
    }),
});
