import { defineCheck } from '../../../src/core/check';
import { cis, flagFindings, NSA_TLS, required } from './common';

/** CIS 1.2.24: the API server serves a certificate it was given, not one it generated for itself. */
export default defineCheck({
  id: 'k8s.tls.apiserver-serving-cert',
  title: 'The API server serves TLS with a configured certificate and key',
  severity: 'high',
  category: 'tls',
  targetKind: 'cluster',
  benchmarks: [cis('1.2.24'), NSA_TLS],
  remediation:
    'Set `--tls-cert-file` and `--tls-private-key-file` on kube-apiserver (in /etc/kubernetes/manifests/' +
    'kube-apiserver.yaml) to a serving certificate signed by the cluster CA. Without them the API server generates ' +
    'a self-signed certificate that clients cannot verify.',
  requires: ['k8s.controlPlane'],
  evaluate({ facts }) {
    return flagFindings(
      facts['k8s.controlPlane'],
      'kube-apiserver',
      [required('tls-cert-file'), required('tls-private-key-file')],
      'has --tls-cert-file and --tls-private-key-file',
    );
  },
});
