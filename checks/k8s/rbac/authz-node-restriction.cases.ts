import { defineCases } from '../../../test/support/cases';
import { apiserver, cpFacts, EKS, HARDENED, INVISIBLE } from '../authn/fixtures';
import check from './authz-node-restriction';

export default defineCases(check, [
  {
    name: 'passes when NodeRestriction is enabled',
    facts: cpFacts(apiserver(HARDENED)),
    expect: [{ status: 'pass', resource: 'kube-apiserver/cp-1', kind: 'KubeApiServer' }],
  },
  {
    name: 'fails when NodeRestriction is not enabled',
    facts: cpFacts(apiserver({ ...HARDENED, 'enable-admission-plugins': 'PodSecurity' })),
    expect: [
      {
        status: 'fail',
        resource: 'kube-apiserver/cp-1',
        message: 'NodeRestriction is not in --enable-admission-plugins (PodSecurity)',
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
          { source: 'mirror-pod', node: 'cp-2', flags: { ...HARDENED, 'enable-admission-plugins': 'PodSecurity' } },
        ],
      },
    }),
    expect: [
      { status: 'pass', resource: 'kube-apiserver/cp-1' },
      { status: 'fail', resource: 'kube-apiserver/cp-2' },
    ],
  },
  {
    name: 'fails when --disable-admission-plugins disables NodeRestriction',
    facts: cpFacts(apiserver({ ...HARDENED, 'disable-admission-plugins': 'NodeRestriction' })),
    expect: [{ status: 'fail', message: 'disables NodeRestriction' }],
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
