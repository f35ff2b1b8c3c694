import { defineCases } from '../../../test/support/cases';
import { apiserver, cpFacts, EKS, HARDENED, INVISIBLE } from '../authn/fixtures';
import check from './client-ca';

export default defineCases(check, [
  {
    name: 'passes when --client-ca-file names the cluster CA',
    facts: cpFacts(apiserver(HARDENED)),
    expect: [{ status: 'pass', resource: 'kube-apiserver/cp-1', kind: 'KubeApiServer' }],
  },
  {
    name: 'fails when --client-ca-file is not set',
    facts: cpFacts(apiserver({ 'authorization-mode': 'Node,RBAC' })),
    expect: [{ status: 'fail', resource: 'kube-apiserver/cp-1', message: '--client-ca-file is not set' }],
  },
  {
    name: 'judges each kube-apiserver of a highly available control plane on its own',
    facts: cpFacts({
      managed: null,
      components: {
        'kube-apiserver': [
          { source: 'mirror-pod', node: 'cp-1', flags: HARDENED },
          { source: 'mirror-pod', node: 'cp-2', flags: { 'authorization-mode': 'Node,RBAC' } },
        ],
      },
    }),
    expect: [
      { status: 'pass', resource: 'kube-apiserver/cp-1' },
      { status: 'fail', resource: 'kube-apiserver/cp-2' },
    ],
  },
  {
    name: 'is unknown on a managed control plane (EKS), never pass',
    facts: cpFacts(EKS),
    expect: [{ status: 'unknown', message: 'managed control plane: not visible to the scanner' }],
  },
  {
    name: 'is unknown when no kube-apiserver Pod is seen on a cluster not recognised as managed',
    facts: cpFacts(INVISIBLE),
    expect: [{ status: 'unknown', message: 'no kube-apiserver Pod seen' }],
  },
  {
    name: 'passes naming the CA file and fails an empty value, with the flag as evidence',
    facts: cpFacts({
      managed: null,
      components: {
        'kube-apiserver': [
          { source: 'mirror-pod', node: 'cp-1', flags: { 'client-ca-file': '/etc/kubernetes/pki/ca.crt' } },
          { source: 'mirror-pod', node: 'cp-2', flags: { 'client-ca-file': '' } },
        ],
      },
    }),
    expect: [
      {
        status: 'pass',
        resource: 'kube-apiserver/cp-1',
        message: 'kube-apiserver on cp-1: --client-ca-file is /etc/kubernetes/pki/ca.crt.',
        evidence: { '--client-ca-file': '/etc/kubernetes/pki/ca.crt' },
      },
      {
        status: 'fail',
        resource: 'kube-apiserver/cp-2',
        message: 'kube-apiserver on cp-2: --client-ca-file is not set.',
        evidence: { '--client-ca-file': '' },
      },
    ],
  },
]);
