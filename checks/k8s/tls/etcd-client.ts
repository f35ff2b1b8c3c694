import { defineCheck } from '../../../src/core/check';
import { cis, flagFindings, mustBeTrue, mustNotBeTrue, NSA_TLS, required } from './common';

/** CIS 2.1, 2.2, 2.3: etcd serves clients over TLS and requires client certificates. */
export default defineCheck({
  id: 'k8s.tls.etcd-client',
  title: 'etcd serves clients over TLS and requires client certificates',
  severity: 'high',
  category: 'tls',
  targetKind: 'cluster',
  benchmarks: [cis('2.1'), cis('2.2'), cis('2.3'), NSA_TLS],
  remediation:
    'In /etc/kubernetes/manifests/etcd.yaml set `--cert-file` and `--key-file` (serving certificate), ' +
    '`--client-cert-auth=true` and `--trusted-ca-file`, and remove `--auto-tls=true` (self-signed certificates ' +
    'that no client verifies). Anyone who can reach etcd without a client certificate can read every Secret.',
  requires: ['k8s.controlPlane'],
  evaluate({ facts }) {
    return flagFindings(
      facts['k8s.controlPlane'],
      'etcd',
      [required('cert-file'), required('key-file'), mustBeTrue('client-cert-auth'), mustNotBeTrue('auto-tls')],
      'serves clients with a certificate and requires client certificates',
    );
  },
});
