import { defineCheck } from '../../src/core/check';
import { evaluateSetting } from './sshd-setting';

export default defineCheck({
  id: 'host.ssh.root-login-disabled',
  title: 'SSH root login is disabled (PermitRootLogin no)',
  severity: 'high',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.10' }],
  remediation:
    'Set "PermitRootLogin no" in /etc/ssh/sshd_config, before any Match block, and remove or change every Match block ' +
    'that sets it to anything else; check with "sshd -T -C user=root,host=x,addr=1.2.3.4 | grep permitrootlogin", ' +
    'then reload sshd (systemctl reload sshd). Administrators log in as themselves and use sudo.',
  requires: ['host.sshd'],
  evaluate: (ctx) =>
    evaluateSetting(ctx, {
      key: 'permitrootlogin',
      label: 'PermitRootLogin',
      secure: (v) => v === 'no',
      rootOnly: true,
      expected: 'no',
      risk: 'root can still log in over SSH (prohibit-password, without-password and forced-commands-only still admit a key)',
    }),
});
