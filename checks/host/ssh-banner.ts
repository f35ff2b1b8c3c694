import { defineCheck } from '../../src/core/check';
import { evaluateSetting } from './sshd-setting';

export default defineCheck({
  id: 'host.ssh.banner',
  title: 'SSH shows a warning banner',
  severity: 'info',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.19' }],
  remediation: 'Set "Banner /etc/issue.net" in /etc/ssh/sshd_config, with the warning text in that file. Reload sshd.',
  requires: ['host.sshd'],
  evaluate: (ctx) =>
    evaluateSetting(ctx, {
      key: 'banner',
      label: 'Banner',
      secure: (v) => v !== 'none' && v !== '',
      expected: 'a file',
      risk: 'no legal warning is shown before login',
    }),
});
