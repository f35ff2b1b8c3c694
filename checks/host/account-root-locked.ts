import { defineCheck } from '../../src/core/check';

export default defineCheck({
  id: 'host.account.root-locked',
  title: "The root account's password is locked",
  severity: 'high',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '5.4' }],
  remediation:
    'Lock the root password with "passwd -l root" (or "usermod -L root"): the password field in /etc/shadow then starts ' +
    'with "!". Administrators use their own accounts and sudo; console recovery uses the cloud provider\'s tools.',
  requires: ['host.accounts'],
  evaluate: ({ facts, target }) => {
    const a = facts['host.accounts'];
    const resource = { kind: 'User', name: 'root' };
    if (!a.shadowReadable) {
      return [
        {
          status: 'unknown',
          resource,
          message: `Could not assess the root password of ${target.name}: ${a.shadowError ?? '/etc/shadow could not be read'}.`,
        },
      ];
    }
    const root = a.accounts.find((x) => x.name === 'root');
    if (!root) {
      return [
        {
          status: 'unknown',
          resource,
          message: `Could not assess the root password of ${target.name}: /etc/passwd has no root account.`,
        },
      ];
    }
    if (root.password === 'locked') {
      return [
        {
          status: 'pass',
          resource,
          message: `root's password is locked on ${target.name}.`,
          evidence: { password: 'locked' },
        },
      ];
    }
    if (root.password === 'unknown') {
      return [
        {
          status: 'unknown',
          resource,
          message: `Could not assess the root password of ${target.name}: root has no entry in /etc/shadow.`,
        },
      ];
    }
    return [
      {
        status: 'fail',
        resource,
        message:
          root.password === 'empty'
            ? `root has an empty password on ${target.name}: anyone at a console or through PAM can become root.`
            : `root has a usable password on ${target.name}: it can be guessed or reused.`,
        evidence: { password: root.password },
      },
    ];
  },
});
