import { defineCheck } from '../../src/core/check';
import type { Finding } from '../../src/core/model';

export default defineCheck({
  id: 'host.account.no-empty-passwords',
  title: 'No account has an empty password field',
  severity: 'high',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '6.2.1' }],
  remediation:
    'Lock every account with an empty password field ("passwd -l NAME") or set a password; an empty field lets ' +
    'anyone log in as that account wherever PAM allows it (console, su, services with nullok).',
  requires: ['host.accounts'],
  evaluate: ({ facts, target }): Finding[] => {
    const a = facts['host.accounts'];
    const hostResource = { kind: 'Host', name: target.name };
    if (!a.shadowReadable) {
      return [
        {
          status: 'unknown',
          resource: hostResource,
          message: `Could not assess password fields on ${target.name}: ${a.shadowError ?? '/etc/shadow could not be read'}.`,
        },
      ];
    }
    const empty = a.accounts.filter((x) => x.password === 'empty');
    if (empty.length > 0) {
      return empty.map((x) => ({
        status: 'fail' as const,
        resource: { kind: 'User', name: x.name },
        message: `Account ${x.name} has an empty password field on ${target.name}.`,
        evidence: { password: 'empty', uid: x.uid },
      }));
    }
    return [
      { status: 'pass', resource: hostResource, message: `No account has an empty password field on ${target.name}.` },
    ];
  },
});
