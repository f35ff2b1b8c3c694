import { defineCheck } from '../../src/core/check';
import { evaluateSetting } from './sshd-setting';

export default defineCheck({
  id: 'host.ssh.hostbased-auth-disabled',
  title: 'SSH host-based authentication is disabled',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.9' }],
  remediation:
    'Set "HostbasedAuthentication no" in /etc/ssh/sshd_config and in every Match block that sets it (the compiled-in default). Reload sshd.',
  requires: ['host.sshd'],
  evaluate: (ctx) =>
    evaluateSetting(ctx, {
      key: 'hostbasedauthentication',
      label: 'HostbasedAuthentication',
      secure: (v) => v === 'no',
      expected: 'no',
      risk: 'trust in other hosts (.rhosts, shosts.equiv) lets their users log in without a key or password',
    }),
});
