import { defineCheck } from '../../src/core/check';
import { evaluateSetting } from './sshd-setting';

export default defineCheck({
  id: 'host.ssh.tcp-forwarding-disabled',
  title: 'SSH TCP forwarding is disabled',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.21' }],
  remediation:
    'Set "AllowTcpForwarding no" in /etc/ssh/sshd_config and in every Match block that sets it; the compiled-in default is yes. Reload sshd.',
  requires: ['host.sshd'],
  evaluate: (ctx) =>
    evaluateSetting(ctx, {
      key: 'allowtcpforwarding',
      label: 'AllowTcpForwarding',
      secure: (v) => v === 'no',
      expected: 'no',
      risk: 'a user with SSH access can tunnel into the cluster network (the API server, Pods, the metadata service) through the node',
    }),
});
