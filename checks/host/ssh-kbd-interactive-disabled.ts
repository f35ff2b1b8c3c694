import { defineCheck } from '../../src/core/check';
import { evaluateSetting } from './sshd-setting';

export default defineCheck({
  id: 'host.ssh.kbd-interactive-disabled',
  title: 'SSH keyboard-interactive authentication is disabled (KbdInteractiveAuthentication no)',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2' }],
  remediation:
    'Set "KbdInteractiveAuthentication no" (older systems: "ChallengeResponseAuthentication no", an alias) in /etc/ssh/sshd_config ' +
    'and in every Match block that sets it; check with "sshd -T | grep kbdinteractive" and reload sshd.',
  requires: ['host.sshd'],
  evaluate: (ctx) =>
    evaluateSetting(ctx, {
      key: 'kbdinteractiveauthentication',
      label: 'KbdInteractiveAuthentication',
      secure: (v) => v === 'no',
      expected: 'no',
      risk: 'keyboard-interactive (PAM) prompts accept passwords even when PasswordAuthentication is no',
    }),
});
