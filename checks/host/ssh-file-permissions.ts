import { defineCheck } from '../../src/core/check';
import type { Finding } from '../../src/core/model';
import { dil, hostResource, modeFindings } from './os-helpers';

export default defineCheck({
  id: 'host.ssh.file-permissions',
  title: 'sshd configuration and host keys are owned by root and not open to others',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [dil('5.2.1'), dil('5.2.2'), dil('5.2.3')],
  remediation:
    'Run "chown root:root" and "chmod 600" on /etc/ssh/sshd_config and its drop-ins and on every private host key ' +
    '(/etc/ssh/ssh_host_*_key; 640 with group ssh_keys where the distribution uses it), and "chmod 644" on the ' +
    'public keys (*.pub).',
  requires: ['host.sshFiles'],
  evaluate: ({ facts, target }): Finding[] => {
    const files = facts['host.sshFiles'].files;
    if (files.length === 0) {
      return [
        {
          status: 'not-applicable',
          resource: hostResource(target),
          message: `${target.name} has no sshd configuration and no SSH host key.`,
        },
      ];
    }
    return modeFindings(files, target, (f) => {
      if (f.role === 'host-key-pub') {
        return { forbidden: 0o133, expected: '644 or stricter', risk: 'others could replace the key clients trust' };
      }
      if (f.role === 'host-key') {
        return {
          forbidden: 0o137,
          expected: '600 (640 for a key group) or stricter',
          risk: 'whoever reads the private host key can impersonate this node to SSH clients',
        };
      }
      return {
        forbidden: 0o077,
        expected: '600 or stricter',
        risk: 'other users can read (or change) how sshd authenticates',
      };
    });
  },
});
