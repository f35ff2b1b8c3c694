import { defineCases } from '../../../test/support/cases';
import { apiserver, cpFacts, EKS, HARDENED, INVISIBLE } from '../authn/fixtures';
import check from './authz-mode';

export default defineCases(check, [
  {
    name: 'passes with --authorization-mode=Node,RBAC',
    facts: cpFacts(apiserver(HARDENED)),
    expect: [{ status: 'pass', resource: 'kube-apiserver/cp-1', kind: 'KubeApiServer' }],
  },
  {
    name: 'fails when --authorization-mode includes AlwaysAllow',
    facts: cpFacts(apiserver({ ...HARDENED, 'authorization-mode': 'RBAC,AlwaysAllow' })),
    expect: [{ status: 'fail', resource: 'kube-apiserver/cp-1', message: 'every request is allowed' }],
  },
  {
    name: 'judges each kube-apiserver of a highly available control plane on its own',
    facts: cpFacts({
      managed: null,
      components: {
        'kube-apiserver': [
          { source: 'mirror-pod', node: 'cp-1', flags: HARDENED },
          { source: 'mirror-pod', node: 'cp-2', flags: { ...HARDENED, 'authorization-mode': 'RBAC,AlwaysAllow' } },
        ],
      },
    }),
    expect: [
      { status: 'pass', resource: 'kube-apiserver/cp-1' },
      { status: 'fail', resource: 'kube-apiserver/cp-2' },
    ],
  },
  {
    name: 'fails when --authorization-mode is not set (the default is AlwaysAllow)',
    facts: cpFacts(apiserver({ 'client-ca-file': '/etc/kubernetes/pki/ca.crt' })),
    expect: [{ status: 'fail', message: 'not set (defaults to AlwaysAllow)', severity: 'critical' }],
  },
  {
    name: 'fails high when --authorization-mode=RBAC lacks Node',
    facts: cpFacts(apiserver({ 'authorization-mode': 'RBAC' })),
    expect: [{ status: 'fail', message: 'without Node', severity: 'high' }],
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
    name: 'passes in those words, with both flags in the evidence',
    facts: cpFacts(apiserver(HARDENED)),
    expect: [
      {
        status: 'pass',
        resource: 'kube-apiserver/cp-1',
        message: 'kube-apiserver on cp-1: --authorization-mode is Node,RBAC.',
        evidence: { '--authorization-mode': 'Node,RBAC', '--authorization-config': null },
      },
    ],
  },
  {
    name: 'fails critical, in those words, when --authorization-mode is not set',
    facts: cpFacts(apiserver({ 'client-ca-file': '/etc/kubernetes/pki/ca.crt' })),
    expect: [
      {
        status: 'fail',
        severity: 'critical',
        message:
          'kube-apiserver on cp-1: --authorization-mode is not set (defaults to AlwaysAllow): every request is allowed.',
      },
    ],
  },
  {
    name: 'fails high naming both modes missing when --authorization-mode has neither Node nor RBAC',
    facts: cpFacts(apiserver({ 'authorization-mode': 'Webhook' })),
    expect: [
      {
        status: 'fail',
        severity: 'high',
        message: 'kube-apiserver on cp-1: --authorization-mode is Webhook, without Node and RBAC.',
      },
    ],
  },
  {
    name: 'fails medium when authorization comes only from --authorization-config, which the scanner cannot read',
    facts: cpFacts(apiserver({ 'authorization-config': '/etc/kubernetes/authz.yaml' })),
    expect: [
      {
        status: 'fail',
        severity: 'medium',
        message:
          'kube-apiserver on cp-1: authorization comes from --authorization-config=/etc/kubernetes/authz.yaml, which the ' +
          'scanner cannot read; set --authorization-mode=Node,RBAC or review that file.',
        evidence: { '--authorization-mode': null, '--authorization-config': '/etc/kubernetes/authz.yaml' },
      },
    ],
  },
  {
    name: 'judges --authorization-mode when set beside --authorization-config',
    facts: cpFacts(apiserver({ ...HARDENED, 'authorization-config': '/etc/kubernetes/authz.yaml' })),
    expect: [{ status: 'pass', message: 'kube-apiserver on cp-1: --authorization-mode is Node,RBAC.' }],
  },
]);
