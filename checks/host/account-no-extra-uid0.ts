import { defineCheck } from '../../src/core/check';
import type { Finding } from '../../src/core/model';

export default defineCheck({
  id: 'host.account.no-extra-uid0',
  title: 'root is the only account with UID 0',
  severity: 'critical',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '6.2.5' }],
  remediation:
    'Remove the extra UID 0 account ("userdel NAME") or give it its own UID ("usermod -u NEWUID NAME"); every other ' +
    'account that needs root rights gets them through sudo, where they are logged.',
  requires: ['host.accounts'],
  evaluate: ({ facts, target }): Finding[] => {
    const extra = facts['host.accounts'].accounts.filter((a) => a.uid === 0 && a.name !== 'root');
    if (extra.length === 0) {
      return [
        {
          status: 'pass',
          resource: { kind: 'Host', name: target.name },
          message: `root is the only UID 0 account on ${target.name}.`,
        },
      ];
    }
    return extra.map((a) => ({
      status: 'fail' as const,
      resource: { kind: 'User', name: a.name },
      message: `Account ${a.name} has UID 0 on ${target.name}: it is root under another name.`,
      evidence: { uid: 0 },
    }));
  },
});
