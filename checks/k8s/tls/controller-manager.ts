import { defineCheck } from '../../../src/core/check';
import { cis, flagFindings, mustBeTrue, NSA_TLS, required } from './common';

/** CIS 1.3.3, 1.3.4, 1.3.5: the controller manager signs tokens, hands out the root CA, uses per-controller credentials. */
export default defineCheck({
  id: 'k8s.tls.controller-manager',
  title: 'The controller manager has the root CA, a service account signing key and per-controller credentials',
  severity: 'medium',
  category: 'tls',
  targetKind: 'cluster',
  benchmarks: [cis('1.3.3'), cis('1.3.4'), cis('1.3.5'), NSA_TLS],
  remediation:
    'In /etc/kubernetes/manifests/kube-controller-manager.yaml set `--root-ca-file` (so pods can verify the API ' +
    'server), `--service-account-private-key-file` (the key that signs service account tokens) and ' +
    '`--use-service-account-credentials=true` (each controller runs with its own least-privilege identity).',
  requires: ['k8s.controlPlane'],
  evaluate({ facts }) {
    return flagFindings(
      facts['k8s.controlPlane'],
      'kube-controller-manager',
      [
        required('root-ca-file'),
        required('service-account-private-key-file'),
        mustBeTrue('use-service-account-credentials'),
      ],
      'has --root-ca-file, --service-account-private-key-file and --use-service-account-credentials=true',
    );
  },
});
