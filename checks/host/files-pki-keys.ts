import { defineCheck } from '../../src/core/check';
import type { Finding } from '../../src/core/model';

export default defineCheck({
  id: 'host.files.pki-keys',
  title: 'Kubernetes PKI private keys are readable by their owner only',
  severity: 'critical',
  category: 'host',
  targetKind: 'host',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '1.1.21' },
    {
      framework: 'NSA/CISA Kubernetes Hardening Guide',
      version: '1.2',
      control: 'Protect the control plane: key material',
    },
  ],
  remediation:
    'Run "chmod 600" on every private key under /etc/kubernetes/pki (and /var/lib/kubelet/pki), keep them owned by ' +
    'root, and rotate any key that other users could have read.',
  requires: ['host.files'],
  evaluate: ({ facts, target }): Finding[] => {
    const keys = facts['host.files'].filter((f) => f.role === 'pki-key');
    if (keys.length === 0) {
      return [
        {
          status: 'not-applicable',
          resource: { kind: 'Host', name: target.name },
          message: `${target.name} has no private key under /etc/kubernetes/pki or /var/lib/kubelet/pki.`,
        },
      ];
    }
    return keys.map((f): Finding => {
      const resource = { kind: 'File', name: f.path };
      if (f.error || f.mode === undefined) {
        return {
          status: 'unknown',
          resource,
          message: `Could not assess ${f.path} on ${target.name}: ${f.error ?? 'no mode'}.`,
        };
      }
      const mode = Number.parseInt(f.mode, 8);
      const evidence = { mode: f.mode, uid: f.uid, gid: f.gid };
      if (mode & 0o077) {
        const who = [mode & 0o070 ? 'the group' : '', mode & 0o007 ? 'others' : ''].filter(Boolean).join(' and ');
        return {
          status: 'fail',
          resource,
          message: `Private key ${f.path} on ${target.name} has mode ${f.mode}: ${who} can ${mode & 0o044 ? 'read' : 'use'} it.`,
          evidence,
        };
      }
      return {
        status: 'pass',
        resource,
        message: `Private key ${f.path} on ${target.name} has mode ${f.mode}.`,
        evidence,
      };
    });
  },
});
