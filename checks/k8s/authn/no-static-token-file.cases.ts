import { defineCases } from '../../../test/support/cases';
import { apiserver, cpFacts, EKS, HARDENED, INVISIBLE } from '../authn/fixtures';
import check from './no-static-token-file';

export default defineCases(check, [
  {
    name: 'passes when --token-auth-file is not set',
    facts: cpFacts(apiserver(HARDENED)),
    expect: [{ status: 'pass', resource: 'kube-apiserver/cp-1', kind: 'KubeApiServer' }],
  },
  {
    name: 'fails when --token-auth-file is set',
    facts: cpFacts(apiserver({ ...HARDENED, 'token-auth-file': '/etc/kubernetes/tokens.csv' })),
    expect: [
      {
        status: 'fail',
        resource: 'kube-apiserver/cp-1',
        message: '--token-auth-file is set (/etc/kubernetes/tokens.csv)',
      },
    ],
  },
  {
    name: 'judges each kube-apiserver of a highly available control plane on its own',
    facts: cpFacts({
      managed: null,
      components: {
        'kube-apiserver': [
          { source: 'mirror-pod', node: 'cp-1', flags: HARDENED },
          {
            source: 'mirror-pod',
            node: 'cp-2',
            flags: { ...HARDENED, 'token-auth-file': '/etc/kubernetes/tokens.csv' },
          },
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
    name: 'fails with the file named, the instance source and node and the flag as evidence',
    facts: cpFacts(apiserver({ 'token-auth-file': '/etc/kubernetes/tokens.csv' })),
    expect: [
      {
        status: 'fail',
        kind: 'KubeApiServer',
        resource: 'kube-apiserver/cp-1',
        message: 'kube-apiserver on cp-1: --token-auth-file is set (/etc/kubernetes/tokens.csv).',
        evidence: { source: 'mirror-pod', node: 'cp-1', '--token-auth-file': '/etc/kubernetes/tokens.csv' },
      },
    ],
  },
  {
    name: 'passes an instance without a node name, with null for the absent flag and no node as evidence',
    facts: cpFacts({ managed: null, components: { 'kube-apiserver': [{ source: 'manifest-file', flags: {} }] } }),
    expect: [
      {
        status: 'pass',
        resource: 'kube-apiserver/unknown-node',
        message: 'kube-apiserver on an unknown node: --token-auth-file is not set.',
        evidence: { source: 'manifest-file', node: undefined, '--token-auth-file': null },
      },
    ],
  },
  {
    name: 'is unknown on a managed control plane, naming the provider and the signature',
    facts: cpFacts(EKS),
    expect: [
      {
        status: 'unknown',
        kind: 'KubeApiServer',
        resource: 'kube-apiserver',
        message:
          'Cluster demo: managed control plane: not visible to the scanner (eks, from server version v1.30.4-eks-a737599).',
        evidence: { managed: 'eks', managedEvidence: 'server version v1.30.4-eks-a737599' },
      },
    ],
  },
  {
    name: 'is unknown on a managed control plane recognised without a recorded signature',
    facts: cpFacts({ managed: 'gke', components: {} }),
    expect: [{ status: 'unknown', message: '(gke, from its signature).' }],
  },
  {
    name: 'is unknown on a managed control plane even when an API server Pod is seen',
    facts: cpFacts({ ...apiserver({}), managed: 'aks' }),
    expect: [{ status: 'unknown', message: 'managed control plane' }],
  },
  {
    name: 'is unknown, saying why, when the kube-apiserver list is empty',
    facts: cpFacts({ managed: null, components: { 'kube-apiserver': [] } }),
    expect: [
      {
        status: 'unknown',
        resource: 'kube-apiserver',
        message:
          'Cluster demo: no kube-apiserver Pod seen and the control plane is not recognised as managed, so its flags are not visible to the scanner.',
      },
    ],
  },
]);
