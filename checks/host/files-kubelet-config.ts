import { defineCheck } from '../../src/core/check';
import type { HostFile } from '../../src/core/facts/host';
import type { Finding } from '../../src/core/model';

const fileResource = (f: HostFile) => ({ kind: 'File', name: f.path });

export default defineCheck({
  id: 'host.files.kubelet-config',
  title: 'Kubelet configuration and kubeconfig files are owned by root and not writable by group or others',
  severity: 'high',
  category: 'host',
  targetKind: 'host',
  benchmarks: [
    // Ownership only: the check accepts 644, and CIS Kubernetes 4.1.5 and 4.1.9 ask for 600 (the EKS benchmark's
    // 3.1.1 and 3.1.3 ask for 644, what the check judges).
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '4.1.6' },
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '4.1.10' },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '3.1.1' },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '3.1.2' },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '3.1.3' },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '3.1.4' },
  ],
  remediation:
    'Run "chown root:root FILE" and "chmod 600 FILE" on the kubelet configuration file (for example ' +
    '/var/lib/kubelet/config.yaml) and on every kubeconfig (/etc/kubernetes/kubelet.conf, admin.conf, ' +
    'controller-manager.conf, scheduler.conf).',
  requires: ['host.files'],
  uses: ['host.kubelet'],
  evaluate: ({ facts, target, optional }): Finding[] => {
    const files = facts['host.files'].filter(
      (f) => !f.absent && (f.role === 'kubelet-config' || f.role === 'kubeconfig'),
    );
    if (files.length === 0) {
      const k = optional['host.kubelet'];
      const kubeletPresent = k?.ok === true && k.value.present;
      return [
        kubeletPresent
          ? {
              status: 'unknown',
              resource: { kind: 'Host', name: target.name },
              message: `Could not assess the kubelet's files on ${target.name}: a kubelet runs but none of its configuration files was found.`,
            }
          : {
              status: 'not-applicable',
              resource: { kind: 'Host', name: target.name },
              message: `${target.name} has no kubelet configuration file or kubeconfig.`,
            },
      ];
    }
    return files.map((f): Finding => {
      if (f.error || f.mode === undefined || f.uid === undefined) {
        return {
          status: 'unknown',
          resource: fileResource(f),
          message: `Could not assess ${f.path} on ${target.name}: ${f.error ?? 'no mode or owner'}.`,
        };
      }
      const mode = Number.parseInt(f.mode, 8);
      const problems: string[] = [];
      if (mode & 0o022)
        problems.push(
          `mode ${f.mode} lets ${mode & 0o020 ? 'the group' : ''}${mode & 0o022 ? (mode & 0o020 && mode & 0o002 ? ' and ' : '') : ''}${mode & 0o002 ? 'others' : ''} write it`,
        );
      if (f.uid !== 0) problems.push(`it is owned by UID ${f.uid}, not root`);
      const evidence = { mode: f.mode, uid: f.uid, gid: f.gid, role: f.role };
      if (problems.length > 0) {
        return {
          status: 'fail',
          resource: fileResource(f),
          message: `${f.path} on ${target.name}: ${problems.join('; ')}.`,
          evidence,
        };
      }
      return {
        status: 'pass',
        resource: fileResource(f),
        message: `${f.path} on ${target.name} is owned by root with mode ${f.mode}.`,
        evidence,
      };
    });
  },
});
