import { defineCheck } from '../../../src/core/check';
import type { CertificateInfo } from '../../../src/core/facts/k8s';
import { NSA_TLS } from './common';

const WEAK_SIGNATURE = /(md2|md5|sha1)with|with-sha1|^dsa-with-sha1$/i;

/** What is weak about one certificate of the served chain (a self-issued root's own signature is not used). */
export function certificateWeaknesses(c: CertificateInfo): string[] {
  const out: string[] = [];
  const bits = c.keyBits ?? 0;
  if ((c.keyType === 'RSA' || c.keyType === 'RSA-PSS') && bits > 0 && bits < 2048) out.push(`RSA ${bits}-bit key`);
  if (c.keyType === 'EC' && bits > 0 && bits < 256) out.push(`EC ${bits}-bit key`);
  if (c.keyType === 'DSA') out.push('DSA key');
  if (!c.selfIssued && c.signatureAlgorithm && WEAK_SIGNATURE.test(c.signatureAlgorithm)) {
    out.push(`${c.signatureAlgorithm} signature`);
  }
  return out;
}

/** Keys and signatures of the served chain: RSA >= 2048, EC >= 256, no MD5/SHA-1 signatures (live probe). */
export default defineCheck({
  id: 'k8s.tls.apiserver-cert-strength',
  title: 'The API server certificate chain uses strong keys and signatures (RSA 2048+, EC 256+, no SHA-1)',
  severity: 'high',
  category: 'tls',
  targetKind: 'cluster',
  benchmarks: [NSA_TLS],
  remediation:
    'Reissue the API server certificate (and any intermediate CA) with an RSA key of at least 2048 bits or an ' +
    'ECDSA P-256/P-384 key, signed with SHA-256 or stronger. kubeadm: `kubeadm certs renew apiserver` after ' +
    'setting `encryptionAlgorithm` in the ClusterConfiguration; other distributions: reissue from the cluster CA.',
  requires: ['k8s.apiserverTls'],
  evaluate({ facts }) {
    const probe = facts['k8s.apiserverTls'];
    const resource = { kind: 'Certificate', name: 'kube-apiserver' };
    if (probe.chain.length === 0) {
      return [{ status: 'unknown', resource, message: `Could not assess: ${probe.endpoint} served no certificate.` }];
    }
    const problems = probe.chain
      .map((c, i) => ({ position: i + 1, subject: c.subject, weaknesses: certificateWeaknesses(c) }))
      .filter((x) => x.weaknesses.length > 0);
    const leaf = probe.chain[0];
    if (problems.length === 0) {
      return [
        {
          status: 'pass',
          resource,
          message: `The chain served by ${probe.endpoint} uses strong keys and signatures (leaf: ${leaf.keyType ?? 'unknown'} ${leaf.keyBits ?? '?'} bits, ${leaf.signatureAlgorithm ?? 'unknown signature'}).`,
          evidence: {
            chain: probe.chain.map((c) => ({
              subject: c.subject,
              keyType: c.keyType,
              keyBits: c.keyBits,
              signatureAlgorithm: c.signatureAlgorithm,
            })),
          },
        },
      ];
    }
    const text = problems.map((p) => `${p.subject}: ${p.weaknesses.join(', ')}`).join('; ');
    return [
      {
        status: 'fail',
        resource,
        message: `The chain served by ${probe.endpoint} is weak (${text}).`,
        evidence: { problems },
      },
    ];
  },
});
