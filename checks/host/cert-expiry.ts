import { defineCheck } from '../../src/core/check';
import type { Finding } from '../../src/core/model';

const DAY = 86_400_000;

export default defineCheck({
  id: 'host.cert.expiry',
  title: 'Control-plane and kubelet certificates on the host are not about to expire',
  severity: 'high',
  category: 'host',
  targetKind: 'host',
  benchmarks: [
    {
      framework: 'NSA/CISA Kubernetes Hardening Guide',
      version: '1.2',
      control: 'Authentication: certificate management',
    },
  ],
  remediation:
    'Renew the certificate before it expires: on kubeadm control planes "kubeadm certs renew all" then restart the ' +
    'static Pods; kubelet certificates renew themselves with rotateCertificates: true (check that CSRs are approved).',
  requires: ['host.certs'],
  evaluate: ({ facts, target, now, options }): Finding[] => {
    const certs = facts['host.certs'];
    if (certs.length === 0) {
      return [
        {
          status: 'not-applicable',
          resource: { kind: 'Host', name: target.name },
          message: `${target.name} has no certificate under /etc/kubernetes/pki or /var/lib/kubelet/pki.`,
        },
      ];
    }
    return certs.map((c): Finding => {
      const resource = { kind: 'Certificate', name: c.path };
      if (c.error || !c.notAfter) {
        return {
          status: 'unknown',
          resource,
          message: `Could not assess certificate ${c.path} on ${target.name}: ${c.error ?? 'no expiry date'}.`,
        };
      }
      const days = Math.floor((Date.parse(c.notAfter) - now.getTime()) / DAY);
      const evidence = { notAfter: c.notAfter, daysLeft: days, ...(c.subject ? { subject: c.subject } : {}) };
      const date = c.notAfter.slice(0, 10);
      if (days < 0) {
        return {
          status: 'fail',
          severity: 'critical',
          resource,
          message: `Certificate ${c.path} on ${target.name} expired on ${date}.`,
          evidence,
        };
      }
      if (days < options.certExpiryDays.critical) {
        return {
          status: 'fail',
          severity: 'critical',
          resource,
          message: `Certificate ${c.path} on ${target.name} expires in ${days} days (${date}).`,
          evidence,
        };
      }
      if (days < options.certExpiryDays.high) {
        return {
          status: 'fail',
          severity: 'high',
          resource,
          message: `Certificate ${c.path} on ${target.name} expires in ${days} days (${date}).`,
          evidence,
        };
      }
      return {
        status: 'pass',
        resource,
        message: `Certificate ${c.path} on ${target.name} is valid for ${days} more days (${date}).`,
        evidence,
      };
    });
  },
});
