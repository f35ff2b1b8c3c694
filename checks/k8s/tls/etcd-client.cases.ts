import { defineCases } from '../../../test/support/cases';
import check from './etcd-client';
import { controlPlane, instance, KUBEADM_ETCD, kubeadm, tlsFacts, without } from './fixtures';

export default defineCases(check, [
  {
    name: 'passes a kubeadm etcd (certificates, client-cert-auth=true)',
    facts: tlsFacts({ cp: kubeadm() }),
    expect: [
      {
        status: 'pass',
        resource: 'etcd/cp-1',
        kind: 'Etcd',
        message: 'etcd on cp-1 serves clients with a certificate and requires client certificates.',
      },
    ],
  },
  {
    name: 'fails when --client-cert-auth is false',
    facts: tlsFacts({ cp: kubeadm({ etcd: { 'client-cert-auth': 'false' } }) }),
    expect: [{ status: 'fail', resource: 'etcd/cp-1', message: '--client-cert-auth is not true' }],
  },
  {
    name: 'fails when --client-cert-auth is absent and --auto-tls=true',
    facts: tlsFacts({
      cp: controlPlane({ etcd: [instance({ ...without(KUBEADM_ETCD, 'client-cert-auth'), 'auto-tls': 'true' })] }),
    }),
    expect: [{ status: 'fail', message: '--client-cert-auth is not true, --auto-tls=true' }],
  },
  {
    name: 'passes --client-cert-auth=TRUE (values are case-insensitive)',
    facts: tlsFacts({ cp: kubeadm({ etcd: { 'client-cert-auth': 'TRUE' } }) }),
    expect: [{ status: 'pass' }],
  },
  {
    name: 'fails when the serving certificate is missing',
    facts: tlsFacts({ cp: controlPlane({ etcd: [instance(without(KUBEADM_ETCD, 'cert-file', 'key-file'))] }) }),
    expect: [{ status: 'fail', message: '--cert-file is missing, --key-file is missing' }],
  },
  {
    name: 'is unknown when no etcd Pod was seen (external etcd)',
    facts: tlsFacts({ cp: controlPlane({ 'kube-apiserver': [instance({})] }) }),
    expect: [{ status: 'unknown', resource: 'etcd', message: 'no etcd Pod seen' }],
  },
]);
