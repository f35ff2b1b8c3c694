import { defineCheck } from '../../src/core/check';
import { evaluateSetting } from './sshd-setting';

export default defineCheck({
  id: 'host.ssh.x11-forwarding-disabled',
  title: 'SSH X11 forwarding is disabled',
  severity: 'low',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.6' }],
  remediation:
    'Set "X11Forwarding no" in /etc/ssh/sshd_config and in every Match block that sets it (Ubuntu ships "yes"). Reload sshd.',
  requires: ['host.sshd'],
  evaluate: (ctx) =>
    evaluateSetting(ctx, {
      key: 'x11forwarding',
      label: 'X11Forwarding',
      secure: (v) => v === 'no',
      expected: 'no',
      risk: 'an X11 display of the client is exposed to the node',
    }),
});
