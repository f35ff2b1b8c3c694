import { defineCheck } from '../../src/core/check';
import { evaluateSetting } from './sshd-setting';

const LISTS = ['allowusers', 'allowgroups', 'denyusers', 'denygroups'];

export default defineCheck({
  id: 'host.ssh.access-limited',
  title: 'SSH access is limited to named users or groups',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.2.18' }],
  remediation:
    'Limit who may log in with "AllowGroups ssh-users" (or AllowUsers, DenyUsers, DenyGroups) in /etc/ssh/sshd_config. Reload sshd.',
  requires: ['host.sshd'],
  evaluate: (ctx) =>
    evaluateSetting(ctx, {
      key: 'access',
      label: 'AllowUsers/AllowGroups/DenyUsers/DenyGroups',
      secure: (v) => v !== 'none',
      expected: 'set',
      risk: 'every account with a usable key or password may log in',
      // sshd -T prints no line for an empty list, and the file parser sets none: absent is "not set".
      read: (s) => {
        const set = LISTS.filter((k) => (s[k] ?? '') !== '');
        return set.length === 0 ? 'none' : set.map((k) => `${k} ${s[k].split('\n').join(',')}`).join('; ');
      },
    }),
});
