import { defineCheck } from '../../../src/core/check';
import { daysLeft, expiryFinding, NSA_TLS } from './common';

/**
 * Every certificate the API server serves (leaf and intermediates, and the CA when it is sent) is checked; the one
 * that expires first decides. Severity follows `options.certExpiryDays` (high within 30 days, critical within 7).
 */
export default defineCheck({
  id: 'k8s.tls.apiserver-cert-expiry',
  title: 'The API server certificate is not expired or about to expire',
  severity: 'high',
  category: 'tls',
  targetKind: 'cluster',
  benchmarks: [NSA_TLS],
  remediation:
    'Renew the API server serving certificate before it expires: on kubeadm clusters `kubeadm certs check-expiration` ' +
    'then `kubeadm certs renew apiserver` and restart the kube-apiserver static Pod; on other distributions, ' +
    'reissue the certificate from the cluster CA. Automate renewal (kubeadm renews on control-plane upgrades).',
  requires: ['k8s.apiserverTls'],
  evaluate({ facts, now, options }) {
    const probe = facts['k8s.apiserverTls'];
    const resource = { kind: 'Certificate', name: 'kube-apiserver' };
    if (probe.chain.length === 0) {
      return [{ status: 'unknown', resource, message: `Could not assess: ${probe.endpoint} served no certificate.` }];
    }
    const readable = probe.chain
      .map((c, i) => ({ c, i }))
      .filter(({ c }) => !Number.isNaN(new Date(c.notAfter).getTime()));
    if (readable.length === 0) {
      return [
        { status: 'unknown', resource, message: `Could not read the certificate dates served by ${probe.endpoint}.` },
      ];
    }
    const first = readable.reduce((a, b) => (daysLeft(b.c.notAfter, now) < daysLeft(a.c.notAfter, now) ? b : a));
    const what =
      first.i === 0
        ? `The API server certificate at ${probe.endpoint} (${first.c.subject})`
        : `Certificate ${first.i + 1} of the chain served by ${probe.endpoint} (${first.c.subject})`;
    return [
      expiryFinding(first.c, what, resource, now, options, {
        endpoint: probe.endpoint,
        chain: probe.chain.map((c) => ({ subject: c.subject, notAfter: c.notAfter })),
      }),
    ];
  },
});
