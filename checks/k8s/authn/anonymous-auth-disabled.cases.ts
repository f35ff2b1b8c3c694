import type { KAnonymousProbe } from '../../../src/core/facts/k8s';
import type { FactSet } from '../../../src/core/model';
import { defineCases } from '../../../test/support/cases';
import check from './anonymous-auth-disabled';
import { apiserver, cpFacts, EKS, HARDENED, INVISIBLE } from './fixtures';

const probe = (statuses: (number | null)[]): FactSet => ({
  'k8s.anonymousProbe': {
    ok: true,
    value: {
      endpoint: 'https://10.0.0.1:6443',
      requests: ['/version', '/api', '/apis', '/api/v1/namespaces/default/pods?limit=1'].map((path, i) => ({
        path,
        status: statuses[i],
      })),
    } satisfies KAnonymousProbe,
  },
});

export default defineCases(check, [
  {
    name: 'passes when every unauthenticated request gets 401 and --anonymous-auth=false',
    facts: cpFacts(apiserver(HARDENED), probe([401, 401, 401, 401])),
    expect: [
      { status: 'pass', resource: 'kube-apiserver', message: 'rejected every unauthenticated request' },
      { status: 'pass', resource: 'kube-apiserver/cp-1' },
    ],
  },
  {
    name: 'fails critical when an unauthenticated namespaced list is answered 200',
    facts: cpFacts(EKS, probe([200, 200, 200, 200])),
    expect: [{ status: 'fail', resource: 'kube-apiserver', severity: 'critical', message: '/api (200)' }],
  },
  {
    name: 'passes on EKS when anonymous requests are authenticated but denied (403) beyond /version',
    facts: cpFacts(EKS, probe([200, 403, 403, 403])),
    expect: [{ status: 'pass', resource: 'kube-apiserver', message: '403' }],
  },
  {
    name: 'fails when --anonymous-auth is not set (defaults to true), even if the probe was refused',
    facts: cpFacts(apiserver({ 'authorization-mode': 'Node,RBAC' }), probe([200, 403, 403, 403])),
    expect: [
      { status: 'pass', resource: 'kube-apiserver' },
      { status: 'fail', resource: 'kube-apiserver/cp-1', message: 'not set (defaults to true)' },
    ],
  },
  {
    name: 'is unknown from manifests of a cluster whose API server Pod is not among them',
    facts: cpFacts(INVISIBLE, { 'k8s.anonymousProbe': { ok: false, reason: 'not available from manifests' } }),
    expect: [{ status: 'unknown', message: 'not available from manifests' }],
  },
]);
