import { defineCases } from '../../../test/support/cases';
import check from './apiserver-serving-cert';
import { controlPlane, instance, KUBEADM_APISERVER, kubeadm, tlsFacts, without } from './fixtures';

export default defineCases(check, [
  {
    name: 'passes a kubeadm API server with --tls-cert-file and --tls-private-key-file, in a whole sentence',
    facts: tlsFacts({ cp: kubeadm() }),
    expect: [
      {
        status: 'pass',
        resource: 'kube-apiserver/cp-1',
        kind: 'KubeApiServer',
        message: 'kube-apiserver on cp-1 has --tls-cert-file and --tls-private-key-file.',
      },
    ],
  },
  {
    name: 'fails when --tls-private-key-file is missing on one of three API servers, naming the node',
    facts: tlsFacts({
      cp: controlPlane({
        'kube-apiserver': [
          instance(KUBEADM_APISERVER, 'cp-1'),
          instance(without(KUBEADM_APISERVER, 'tls-private-key-file'), 'cp-2'),
          instance(KUBEADM_APISERVER, 'cp-3'),
        ],
      }),
    }),
    expect: [
      { status: 'pass', resource: 'kube-apiserver/cp-1' },
      { status: 'fail', resource: 'kube-apiserver/cp-2', message: 'on cp-2: --tls-private-key-file is missing.' },
      { status: 'pass', resource: 'kube-apiserver/cp-3' },
    ],
  },
  {
    name: 'fails when both flags are missing (self-signed certificate generated at start)',
    facts: tlsFacts({
      cp: controlPlane({
        'kube-apiserver': [instance(without(KUBEADM_APISERVER, 'tls-cert-file', 'tls-private-key-file'))],
      }),
    }),
    expect: [{ status: 'fail', message: '--tls-cert-file is missing, --tls-private-key-file is missing' }],
  },
  {
    name: 'fails when a flag is present but empty',
    facts: tlsFacts({
      cp: controlPlane({ 'kube-apiserver': [instance({ ...KUBEADM_APISERVER, 'tls-cert-file': '' })] }),
    }),
    expect: [{ status: 'fail', message: '--tls-cert-file is missing' }],
  },
  {
    name: 'is unknown on a managed control plane (EKS), never pass',
    facts: tlsFacts({ cp: controlPlane({}, 'eks') }),
    expect: [{ status: 'unknown', message: 'managed control plane: not visible to the scanner' }],
  },
  {
    name: 'is unknown when no kube-apiserver Pod was seen',
    facts: tlsFacts({ cp: controlPlane({ etcd: [] }) }),
    expect: [{ status: 'unknown', message: 'no kube-apiserver Pod seen' }],
  },
  {
    name: 'is unknown when the control-plane facts could not be collected',
    facts: { 'k8s.controlPlane': { ok: false, reason: 'pods is forbidden in kube-system' } },
    expect: [{ status: 'unknown', message: 'pods is forbidden' }],
  },
]);
