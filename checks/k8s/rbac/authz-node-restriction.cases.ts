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
  {
    name: 'passes and fails in those words, the deprecated --admission-control counting, with the flags in the evidence',
    facts: cpFacts({
      managed: null,
      components: {
        'kube-apiserver': [
          { source: 'mirror-pod', node: 'cp-1', flags: HARDENED },
          { source: 'mirror-pod', node: 'cp-2', flags: { 'admission-control': 'NodeRestriction' } },
          { source: 'mirror-pod', node: 'cp-3', flags: {} },
          {
            source: 'mirror-pod',
            node: 'cp-4',
            flags: { 'enable-admission-plugins': 'NodeRestriction', 'disable-admission-plugins': 'NodeRestriction' },
          },
        ],
      },
    }),
    expect: [
      {
        status: 'pass',
        resource: 'kube-apiserver/cp-1',
        message: 'kube-apiserver on cp-1: NodeRestriction is enabled.',
        evidence: {
          '--enable-admission-plugins': 'NodeRestriction',
          '--disable-admission-plugins': null,
          '--admission-control': null,
        },
      },
      {
        status: 'pass',
        resource: 'kube-apiserver/cp-2',
        evidence: {
          '--enable-admission-plugins': null,
          '--disable-admission-plugins': null,
          '--admission-control': 'NodeRestriction',
        },
      },
      {
        status: 'fail',
        resource: 'kube-apiserver/cp-3',
        message: 'kube-apiserver on cp-3: NodeRestriction is not in --enable-admission-plugins (not set).',
      },
      {
        status: 'fail',
        resource: 'kube-apiserver/cp-4',
        message: 'kube-apiserver on cp-4: --disable-admission-plugins disables NodeRestriction.',
        evidence: { '--disable-admission-plugins': 'NodeRestriction' },
      },
    ],
  },
]);
