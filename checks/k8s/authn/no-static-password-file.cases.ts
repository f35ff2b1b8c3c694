import { defineCases } from '../../../test/support/cases';
import { apiserver, cpFacts, EKS, HARDENED, INVISIBLE } from '../authn/fixtures';
import check from './no-static-password-file';

export default defineCases(check, [
  {
    name: 'passes when --basic-auth-file is not set',
    facts: cpFacts(apiserver(HARDENED)),
    expect: [{ status: 'pass', resource: 'kube-apiserver/cp-1', kind: 'KubeApiServer' }],
  },
  {
    name: 'fails when --basic-auth-file is set',
    facts: cpFacts(apiserver({ ...HARDENED, 'basic-auth-file': '/etc/kubernetes/basic.csv' })),
    expect: [{ status: 'fail', resource: 'kube-apiserver/cp-1', message: '--basic-auth-file is set' }],
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
            flags: { ...HARDENED, 'basic-auth-file': '/etc/kubernetes/basic.csv' },
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
    name: 'fails an empty --basic-auth-file (set, even empty) and passes without it, with the whole message',
    facts: cpFacts({
      managed: null,
      components: {
        'kube-apiserver': [
          { source: 'mirror-pod', node: 'cp-1', flags: { 'basic-auth-file': '' } },
          { source: 'mirror-pod', node: 'cp-2', flags: {} },
        ],
      },
    }),
    expect: [
      {
        status: 'fail',
        resource: 'kube-apiserver/cp-1',
        message: 'kube-apiserver on cp-1: --basic-auth-file is set ().',
        evidence: { '--basic-auth-file': '' },
      },
      {
        status: 'pass',
        resource: 'kube-apiserver/cp-2',
        message: 'kube-apiserver on cp-2: --basic-auth-file is not set.',
        evidence: { '--basic-auth-file': null },
      },
    ],
  },
]);
