import { defineCheck } from '../../src/core/check';
import { evaluateSetting } from './sshd-setting';

export default defineCheck({
  id: 'host.ssh.user-environment-disabled',
  title: 'SSH PermitUserEnvironment is disabled',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.12' }],
  remediation: 'Set "PermitUserEnvironment no" in /etc/ssh/sshd_config (the compiled-in default). Reload sshd.',
  requires: ['host.sshd'],
  evaluate: (ctx) =>
    evaluateSetting(ctx, {
      key: 'permituserenvironment',
      label: 'PermitUserEnvironment',
      secure: (v) => v === 'no',
      expected: 'no',
      risk: 'users can set environment variables (LD_PRELOAD) for sshd-started processes and bypass restrictions',
    }),
});
