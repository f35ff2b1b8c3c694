import { defineCheck } from '../../src/core/check';
import { evaluateSetting } from './sshd-setting';

/** start:rate:full as sshd -T prints it: start 10 or less, rate 30 or more, full 60 or less. */
function maxStartupsSecure(v: string): boolean {
  const m = /^(\d+):(\d+):(\d+)$/.exec(v);
  return m !== null && Number(m[1]) <= 10 && Number(m[2]) >= 30 && Number(m[3]) <= 60;
}

export default defineCheck({
  id: 'host.ssh.max-startups',
  title: 'SSH MaxStartups is 10:30:60 or stricter',
  severity: 'low',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.22' }],
  remediation:
    'Set "MaxStartups 10:30:60" in /etc/ssh/sshd_config (start 10 or less, rate 30 or more, full 60 or less); the compiled-in default is 10:30:100. Reload sshd.',
  requires: ['host.sshd'],
  evaluate: (ctx) =>
    evaluateSetting(ctx, {
      key: 'maxstartups',
      label: 'MaxStartups',
      secure: maxStartupsSecure,
      expected: '10:30:60 or stricter',
      risk: 'floods of unauthenticated connections can exhaust the daemon',
    }),
});
