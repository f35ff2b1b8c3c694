import { defineCheck } from '../../src/core/check';
import { evaluateSetting } from './sshd-setting';

export default defineCheck({
  id: 'host.ssh.password-auth-disabled',
  title: 'SSH password authentication is disabled (PasswordAuthentication no)',
  severity: 'high',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2' }],
  remediation:
    'Set "PasswordAuthentication no" in /etc/ssh/sshd_config before any Match block, and in every Match block that sets it; ' +
    'make sure every user has an authorized key first, check with "sshd -T | grep passwordauthentication" and reload sshd.',
  requires: ['host.sshd'],
  evaluate: (ctx) =>
    evaluateSetting(ctx, {
      key: 'passwordauthentication',
      label: 'PasswordAuthentication',
      secure: (v) => v === 'no',
      expected: 'no',
      risk: 'passwords can be guessed or reused: only keys should open a session',
    }),
});
