import { defineCheck } from '../../src/core/check';
import { evaluateSetting } from './sshd-setting';

export default defineCheck({
  id: 'host.ssh.empty-passwords-disabled',
  title: 'SSH refuses accounts with empty passwords (PermitEmptyPasswords no)',
  severity: 'high',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.11' }],
  remediation:
    'Set "PermitEmptyPasswords no" (the default) in /etc/ssh/sshd_config and in every Match block that sets it, then reload sshd; ' +
    'lock accounts that have an empty password (passwd -l NAME).',
  requires: ['host.sshd'],
  evaluate: (ctx) =>
    evaluateSetting(ctx, {
      key: 'permitemptypasswords',
      label: 'PermitEmptyPasswords',
      secure: (v) => v === 'no',
      expected: 'no',
      risk: 'an account without a password can log in with nothing at all',
    }),
});
