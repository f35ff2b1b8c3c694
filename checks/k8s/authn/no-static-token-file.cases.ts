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
]);
