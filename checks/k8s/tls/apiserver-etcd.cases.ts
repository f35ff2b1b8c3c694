import { defineCases } from '../../../test/support/cases';
import check from './apiserver-etcd';
import { controlPlane, instance, KUBEADM_APISERVER, kubeadm, tlsFacts, without } from './fixtures';

export default defineCases(check, [
  {
    name: 'passes with --etcd-cafile, --etcd-certfile and --etcd-keyfile, in a whole sentence',
    facts: tlsFacts({ cp: kubeadm() }),
    expect: [
      {
        status: 'pass',
        resource: 'kube-apiserver/cp-1',
        message: 'kube-apiserver on cp-1 has --etcd-cafile, --etcd-certfile and --etcd-keyfile.',
      },
    ],
  },
  {
    name: 'fails when --etcd-cafile is missing (etcd not verified)',
    facts: tlsFacts({ cp: controlPlane({ 'kube-apiserver': [instance(without(KUBEADM_APISERVER, 'etcd-cafile'))] }) }),
    expect: [{ status: 'fail', message: 'kube-apiserver on cp-1: --etcd-cafile is missing.' }],
  },
  {
    name: 'fails when the client certificate and key are missing',
    facts: tlsFacts({
      cp: controlPlane({ 'kube-apiserver': [instance(without(KUBEADM_APISERVER, 'etcd-certfile', 'etcd-keyfile'))] }),
    }),
    expect: [{ status: 'fail', message: '--etcd-certfile is missing, --etcd-keyfile is missing' }],
  },
  {
    name: 'is unknown on a managed control plane',
    facts: tlsFacts({ cp: controlPlane({}, 'gke') }),
    expect: [{ status: 'unknown', message: 'managed control plane' }],
  },
]);
