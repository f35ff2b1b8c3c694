import { defineCheck } from '../../src/core/check';
import { evaluateSetting } from './sshd-setting';

export default defineCheck({
  id: 'host.ssh.ignore-rhosts',
  title: 'SSH IgnoreRhosts is enabled',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.8' }],
  remediation: 'Set "IgnoreRhosts yes" in /etc/ssh/sshd_config (the compiled-in default). Reload sshd.',
  requires: ['host.sshd'],
  evaluate: (ctx) =>
    evaluateSetting(ctx, {
      key: 'ignorerhosts',
      label: 'IgnoreRhosts',
      secure: (v) => v === 'yes',
      expected: 'yes',
      risk: '.rhosts and .shosts files of users are honoured',
    }),
});
