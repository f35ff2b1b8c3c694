import { defineCases } from '../../../test/support/cases';
import check from './apiserver-kubelet';
import { controlPlane, instance, KUBEADM_APISERVER, kubeadm, tlsFacts, without } from './fixtures';

export default defineCases(check, [
  {
    name: 'fails a default kubeadm API server: --kubelet-certificate-authority is missing',
    facts: tlsFacts({ cp: kubeadm() }),
    expect: [{ status: 'fail', message: '--kubelet-certificate-authority is missing' }],
  },
  {
    name: 'passes with client certificate, key and kubelet CA, in a whole sentence',
    facts: tlsFacts({ cp: kubeadm({ apiserver: { 'kubelet-certificate-authority': '/etc/kubernetes/pki/ca.crt' } }) }),
    expect: [
      {
        status: 'pass',
        resource: 'kube-apiserver/cp-1',
        message: 'kube-apiserver on cp-1 has kubelet client credentials and --kubelet-certificate-authority.',
      },
    ],
  },
  {
    name: 'fails when the kubelet client key is missing',
    facts: tlsFacts({
      cp: controlPlane({
        'kube-apiserver': [
          instance({ ...without(KUBEADM_APISERVER, 'kubelet-client-key'), 'kubelet-certificate-authority': '/ca.crt' }),
        ],
      }),
    }),
    expect: [{ status: 'fail', message: '--kubelet-client-key is missing' }],
  },
  {
    name: 'is unknown when no kube-apiserver Pod was seen',
    facts: tlsFacts({ cp: controlPlane({}) }),
    expect: [{ status: 'unknown', message: 'no kube-apiserver Pod seen' }],
  },
]);
