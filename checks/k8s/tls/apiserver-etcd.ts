import { defineCheck } from '../../../src/core/check';
import { cis, flagFindings, NSA_TLS, required } from './common';

/** CIS 1.2.23 and 1.2.26: the API server talks to etcd over TLS, verifying it and authenticating itself. */
export default defineCheck({
  id: 'k8s.tls.apiserver-etcd',
  title: 'The API server connects to etcd with TLS client certificates and verifies etcd',
  severity: 'high',
  category: 'tls',
  targetKind: 'cluster',
  benchmarks: [cis('1.2.23'), cis('1.2.26'), NSA_TLS],
  remediation:
    'Set `--etcd-cafile` (the etcd CA), `--etcd-certfile` and `--etcd-keyfile` (a client certificate etcd trusts) ' +
    'on kube-apiserver, and serve etcd over https. kubeadm sets them to /etc/kubernetes/pki/etcd/ca.crt and ' +
    '/etc/kubernetes/pki/apiserver-etcd-client.{crt,key}.',
  requires: ['k8s.controlPlane'],
  evaluate({ facts }) {
    return flagFindings(
      facts['k8s.controlPlane'],
      'kube-apiserver',
      [required('etcd-cafile'), required('etcd-certfile'), required('etcd-keyfile')],
      'has --etcd-cafile, --etcd-certfile and --etcd-keyfile',
    );
  },
});
