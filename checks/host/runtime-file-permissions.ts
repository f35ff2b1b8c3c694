import { defineCheck } from '../../src/core/check';
import type { Finding } from '../../src/core/model';
import { hostResource, modeFindings } from './os-helpers';

export default defineCheck({
  id: 'host.runtime.file-permissions',
  title: "The container runtime's socket and configuration are owned by root and not open to others",
  severity: 'high',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '4.1' }],
  remediation:
    'Keep the runtime socket (/run/containerd/containerd.sock, /run/crio/crio.sock, /run/docker.sock) owned by root ' +
    'with mode 660 or stricter and no access for others, and its configuration (/etc/containerd, /etc/crio, ' +
    '/etc/docker, the systemd units) owned by root and not writable by group or others.',
  requires: ['host.runtime'],
  evaluate: ({ facts, target }): Finding[] => {
    const rt = facts['host.runtime'];
    if (rt.files.length === 0) {
      return [
        {
          status: 'not-applicable',
          resource: hostResource(target),
          message: `${target.name} has no containerd, CRI-O or Docker socket or configuration.`,
        },
      ];
    }
    return modeFindings(rt.files, target, (f) =>
      f.role === 'runtime-socket'
        ? {
            forbidden: 0o007,
            expected: 'no access for others (660 or stricter)',
            risk: 'whoever can use the runtime socket can start a privileged container: root on the node',
          }
        : {
            forbidden: 0o022,
            expected: 'not writable by group or others (644 or stricter)',
            risk: 'whoever can change the runtime configuration can run code as root on the node',
          },
    );
  },
});
