import { defineCheck } from '../../../src/core/check';
import type { Finding } from '../../../src/core/model';
import { expiryFinding, NSA_TLS } from './common';

/**
 * Opt-in (`clusters[].readTlsSecrets`: reading Secrets needs extra RBAC): the leaf certificate of every
 * `kubernetes.io/tls` Secret, in every namespace (an expiring webhook certificate in kube-system breaks the cluster
 * as surely as an application's). The collector keeps only the certificate's metadata, never `tls.key`.
 */
export default defineCheck({
  id: 'k8s.tls.secret-expiry',
  title: 'TLS Secrets hold certificates that are not expired or about to expire',
  severity: 'high',
  category: 'tls',
  targetKind: 'cluster',
  benchmarks: [NSA_TLS],
  remediation:
    'Renew the certificate in the Secret (`kubectl create secret tls NAME --cert=... --key=... --dry-run=client -o ' +
    'yaml | kubectl apply -f -`) and restart or reload the workloads that mount it. Prefer cert-manager, which ' +
    'renews certificates before they expire.',
  requires: ['k8s.tlsSecrets'],
  evaluate({ facts, now, options }) {
    const findings: Finding[] = [];
    for (const s of facts['k8s.tlsSecrets']) {
      const resource = { kind: 'Secret', namespace: s.namespace, name: s.name };
      if (!s.certificate) {
        findings.push({
          status: 'unknown',
          resource,
          message: `Could not read the certificate of Secret ${s.namespace}/${s.name}: ${(s.error ?? 'no certificate').replace(/\.$/, '')}.`,
        });
        continue;
      }
      findings.push(
        expiryFinding(s.certificate, `The certificate in Secret ${s.namespace}/${s.name}`, resource, now, options, {
          sans: s.certificate.sans,
        }),
      );
    }
    return findings;
  },
});
