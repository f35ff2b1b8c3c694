import { defineCases } from '../../../test/support/cases';
import { apiserver, cpFacts, EKS, HARDENED, INVISIBLE } from '../authn/fixtures';
import check from './authz-no-abac';

export default defineCases(check, [
  {
    name: 'passes with --authorization-mode=Node,RBAC',
    facts: cpFacts(apiserver(HARDENED)),
    expect: [{ status: 'pass', resource: 'kube-apiserver/cp-1', kind: 'KubeApiServer' }],
  },
  {
    name: 'fails when --authorization-mode enables ABAC',
    facts: cpFacts(apiserver({ ...HARDENED, 'authorization-mode': 'Node,RBAC,ABAC' })),
    expect: [{ status: 'fail', resource: 'kube-apiserver/cp-1', message: 'which enables ABAC' }],
  },
  {
    name: 'judges each kube-apiserver of a highly available control plane on its own',
    facts: cpFacts({
      managed: null,
      components: {
        'kube-apiserver': [
          { source: 'mirror-pod', node: 'cp-1', flags: HARDENED },
          { source: 'mirror-pod', node: 'cp-2', flags: { ...HARDENED, 'authorization-mode': 'Node,RBAC,ABAC' } },
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
    name: 'passes and fails in those words, with both flags in the evidence',
    facts: cpFacts({
      managed: null,
      components: {
        'kube-apiserver': [
          { source: 'mirror-pod', node: 'cp-1', flags: HARDENED },
          { source: 'mirror-pod', node: 'cp-2', flags: {} },
          {
            source: 'mirror-pod',
            node: 'cp-3',
            flags: { 'authorization-mode': 'ABAC,RBAC', 'authorization-policy-file': '/etc/kubernetes/abac.jsonl' },
          },
        ],
      },
    }),
    expect: [
      {
        status: 'pass',
        resource: 'kube-apiserver/cp-1',
        message: 'kube-apiserver on cp-1: ABAC is not enabled (--authorization-mode is Node,RBAC).',
        evidence: { '--authorization-mode': 'Node,RBAC', '--authorization-policy-file': null },
      },
      {
        status: 'pass',
        resource: 'kube-apiserver/cp-2',
        message: 'kube-apiserver on cp-2: ABAC is not enabled (--authorization-mode is not set).',
      },
      {
        status: 'fail',
        resource: 'kube-apiserver/cp-3',
        message: 'kube-apiserver on cp-3: --authorization-mode is ABAC,RBAC, which enables ABAC.',
        evidence: { '--authorization-mode': 'ABAC,RBAC', '--authorization-policy-file': '/etc/kubernetes/abac.jsonl' },
      },
    ],
  },
]);
