import { defineCheck } from '../../src/core/check';
import { evaluateSetting } from './sshd-setting';

export default defineCheck({
  id: 'host.ssh.pubkey-auth-enabled',
  title: 'SSH key-based authentication is enabled (PubkeyAuthentication yes)',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2' }],
  remediation:
    'Set "PubkeyAuthentication yes" (the default) in /etc/ssh/sshd_config and remove every "PubkeyAuthentication no", including in ' +
    'Match blocks; check with "sshd -T | grep pubkeyauthentication" and reload sshd.',
  requires: ['host.sshd'],
  evaluate: (ctx) =>
    evaluateSetting(ctx, {
      key: 'pubkeyauthentication',
      label: 'PubkeyAuthentication',
      secure: (v) => v === 'yes',
      expected: 'yes',
      risk: 'key-based login is unavailable, which pushes people towards passwords',
    }),
});
