import { defineCases } from '../../../test/support/cases';
import check from './etcd-peer';
import { controlPlane, instance, KUBEADM_ETCD, kubeadm, tlsFacts, without } from './fixtures';

export default defineCases(check, [
  {
    name: 'passes a kubeadm etcd with peer certificates and peer-client-cert-auth=true, in a whole sentence',
    facts: tlsFacts({ cp: kubeadm() }),
    expect: [
      {
        status: 'pass',
        resource: 'etcd/cp-1',
        message: 'etcd on cp-1 uses peer certificates and requires them from peers.',
      },
    ],
  },
  {
    name: 'fails when --peer-auto-tls=true on one member of three',
    facts: tlsFacts({
      cp: controlPlane({
        etcd: [
          instance(KUBEADM_ETCD, 'cp-1'),
          instance({ ...KUBEADM_ETCD, 'peer-auto-tls': 'true' }, 'cp-2'),
          instance(KUBEADM_ETCD, 'cp-3'),
        ],
      }),
    }),
    expect: [
      { status: 'pass', resource: 'etcd/cp-1' },
      { status: 'fail', resource: 'etcd/cp-2', message: 'etcd on cp-2: --peer-auto-tls=true.' },
      { status: 'pass', resource: 'etcd/cp-3' },
    ],
  },
  {
    name: 'fails without peer certificates',
    facts: tlsFacts({
      cp: controlPlane({
        etcd: [instance(without(KUBEADM_ETCD, 'peer-cert-file', 'peer-key-file', 'peer-client-cert-auth'))],
      }),
    }),
    expect: [
      {
        status: 'fail',
        message: '--peer-cert-file is missing, --peer-key-file is missing, --peer-client-cert-auth is not true',
      },
    ],
  },
  {
    name: 'is unknown on a managed control plane',
    facts: tlsFacts({ cp: controlPlane({}, 'aks') }),
    expect: [{ status: 'unknown', message: 'managed control plane: not visible to the scanner' }],
  },
]);
