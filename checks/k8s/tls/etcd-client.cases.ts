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
  {
    name: 'pins the evidence of a passing instance, and reads padded values',
    facts: tlsFacts({
      cp: controlPlane({ etcd: [instance({ ...KUBEADM_ETCD, 'client-cert-auth': ' true ', 'auto-tls': ' TRUE' })] }),
    }),
    expect: [
      {
        status: 'fail',
        resource: 'etcd/cp-1',
        kind: 'Etcd',
        message: 'etcd on cp-1: --auto-tls=true.',
        evidence: { source: 'mirror-pod', node: 'cp-1', problems: ['--auto-tls=true'] },
      },
    ],
  },
  {
    name: 'fails a blank certificate flag on an instance of unknown node, naming where it was read',
    facts: tlsFacts({
      cp: controlPlane({
        etcd: [{ source: 'manifest-file', flags: { ...KUBEADM_ETCD, 'cert-file': '  ', 'key-file': '' } }],
      }),
    }),
    expect: [
      {
        status: 'fail',
        resource: 'etcd/unknown-node',
        kind: 'Etcd',
        message: 'etcd on an unknown node (manifest-file): --cert-file is missing, --key-file is missing.',
        evidence: {
          source: 'manifest-file',
          node: undefined,
          problems: ['--cert-file is missing', '--key-file is missing'],
        },
      },
    ],
  },
  {
    name: 'is unknown on a managed control plane, naming the provider with or without its evidence',
    facts: tlsFacts({ cp: { managed: 'gke', components: {} } }),
    expect: [
      {
        status: 'unknown',
        resource: 'etcd',
        kind: 'Etcd',
        message: 'Could not assess etcd: managed control plane: not visible to the scanner (gke).',
        evidence: { managed: 'gke' },
      },
    ],
  },
  {
    name: 'is unknown on EKS, with the evidence of the managed control plane',
    facts: tlsFacts({ cp: controlPlane({}, 'eks') }),
    expect: [
      {
        status: 'unknown',
        resource: 'etcd',
        message:
          'Could not assess etcd: managed control plane: not visible to the scanner (eks, server version v1.31.2-eks-7f9249a).',
        evidence: { managed: 'eks', managedEvidence: 'server version v1.31.2-eks-7f9249a' },
      },
    ],
  },
]);
