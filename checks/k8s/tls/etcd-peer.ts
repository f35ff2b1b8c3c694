import { defineCheck } from '../../../src/core/check';
import { cis, flagFindings, mustBeTrue, mustNotBeTrue, NSA_TLS, required } from './common';

/** CIS 2.4, 2.5, 2.6: etcd members talk to each other over TLS with certificates they verify. */
export default defineCheck({
  id: 'k8s.tls.etcd-peer',
  title: 'etcd peers communicate over TLS with verified certificates',
  severity: 'medium',
  category: 'tls',
  targetKind: 'cluster',
  benchmarks: [cis('2.4'), cis('2.5'), cis('2.6'), NSA_TLS],
  remediation:
    'In /etc/kubernetes/manifests/etcd.yaml set `--peer-cert-file`, `--peer-key-file`, ' +
    '`--peer-trusted-ca-file` and `--peer-client-cert-auth=true`, and remove `--peer-auto-tls=true`. These apply ' +
    'even to a single member: a member added later joins over the same settings.',
  requires: ['k8s.controlPlane'],
  evaluate({ facts }) {
    return flagFindings(
      facts['k8s.controlPlane'],
      'etcd',
      [
        required('peer-cert-file'),
        required('peer-key-file'),
        mustBeTrue('peer-client-cert-auth'),
        mustNotBeTrue('peer-auto-tls'),
      ],
      'uses peer certificates and requires them from peers',
    );
  },
});
