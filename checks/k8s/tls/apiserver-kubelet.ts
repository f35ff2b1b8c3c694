import { defineCheck } from '../../../src/core/check';
import { cis, flagFindings, NSA_TLS, required } from './common';

/** CIS 1.2.4 and 1.2.5: the API server authenticates to kubelets and verifies their serving certificates. */
export default defineCheck({
  id: 'k8s.tls.apiserver-kubelet',
  title: 'The API server authenticates to kubelets with a client certificate and verifies them',
  severity: 'medium',
  category: 'tls',
  targetKind: 'cluster',
  benchmarks: [cis('1.2.4'), cis('1.2.5'), NSA_TLS],
  remediation:
    'Set `--kubelet-client-certificate` and `--kubelet-client-key` on kube-apiserver, and ' +
    '`--kubelet-certificate-authority` to the CA that signs kubelet serving certificates (enable ' +
    '`serverTLSBootstrap: true` on kubelets and approve their CSRs). Without the CA, `kubectl exec` and `logs` ' +
    'traffic to kubelets can be intercepted.',
  requires: ['k8s.controlPlane'],
  evaluate({ facts }) {
    return flagFindings(
      facts['k8s.controlPlane'],
      'kube-apiserver',
      [
        required('kubelet-client-certificate'),
        required('kubelet-client-key'),
        required('kubelet-certificate-authority'),
      ],
      'has kubelet client credentials and --kubelet-certificate-authority',
    );
  },
});
