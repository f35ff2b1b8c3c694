import type { AnonymousRequest, KAnonymousProbe } from '../../../src/core/facts/k8s';
import type { FactSet } from '../../../src/core/model';
import { defineCases } from '../../../test/support/cases';
import check from './anonymous-auth-disabled';
import { apiserver, cpFacts, EKS, HARDENED, INVISIBLE } from './fixtures';

const PATHS = ['/version', '/api', '/apis', '/api/v1/namespaces/default/pods?limit=1'];

/** One answer per probe path: a status as the collector classifies it, or a request that got no answer. */
type Answer = number | { status: number | null; reason: string };

function request(path: string, a: Answer): AnonymousRequest {
  if (typeof a === 'object') return { path, status: a.status, outcome: 'unknown', reason: a.reason };
  if (a === 401 || a === 403) return { path, status: a, outcome: 'refused' };
  if (a >= 200 && a < 300) return { path, status: a, outcome: 'allowed' };
  return { path, status: a, outcome: 'unknown', reason: `server error (HTTP ${a})` };
}

const probe = (answers: Answer[]): FactSet => ({
  'k8s.anonymousProbe': {
    ok: true,
    value: {
      endpoint: 'https://10.0.0.1:6443',
      requests: PATHS.map((path, i) => request(path, answers[i])),
    } satisfies KAnonymousProbe,
  },
});

const TIMEOUT = { status: null, reason: 'network error talking to https://10.0.0.1:6443 (ETIMEDOUT)' };
const RESET = { status: null, reason: 'network error talking to https://10.0.0.1:6443 (ECONNRESET)' };
const THROTTLED = { status: 429, reason: 'throttled (HTTP 429, Retry-After 5)' };

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
    name: 'is unknown, not pass, when the namespaced list is throttled (429) and the rest refused',
    facts: cpFacts(apiserver(HARDENED), probe([401, 401, 401, THROTTLED])),
    expect: [
      {
        status: 'unknown',
        resource: 'kube-apiserver',
        message: '/api/v1/namespaces/default/pods?limit=1: throttled (HTTP 429',
      },
      { status: 'pass', resource: 'kube-apiserver/cp-1' },
    ],
  },
  {
    name: 'is unknown, not pass, when requests time out, are reset or answer 5xx',
    facts: cpFacts(apiserver(HARDENED), probe([401, TIMEOUT, RESET, 503])),
    expect: [
      { status: 'unknown', resource: 'kube-apiserver', message: '/api: network error' },
      { status: 'pass', resource: 'kube-apiserver/cp-1' },
    ],
  },
  {
    name: 'is unknown when no request got an answer at all',
    facts: cpFacts(apiserver(HARDENED), probe([RESET, RESET, RESET, RESET])),
    expect: [
      { status: 'unknown', resource: 'kube-apiserver', message: 'ECONNRESET' },
      { status: 'pass', resource: 'kube-apiserver/cp-1' },
    ],
  },
  {
    name: 'is unknown on a managed control plane when the probe proves nothing, with both reasons',
    facts: cpFacts(EKS, probe([200, 403, 500, 403])),
    expect: [{ status: 'unknown', resource: 'kube-apiserver', message: '/apis: server error (HTTP 500); Cluster' }],
  },
  {
    name: 'fails when one request is answered 2xx even though another gave no evidence',
    facts: cpFacts(EKS, probe([200, 200, TIMEOUT, 403])),
    expect: [{ status: 'fail', resource: 'kube-apiserver', severity: 'high', message: '/api (200)' }],
  },
  {
    name: 'passes from the probe whatever /version answers, since version is public',
    facts: cpFacts(EKS, probe([TIMEOUT, 401, 401, 401])),
    expect: [{ status: 'pass', resource: 'kube-apiserver', message: '401' }],
  },
  {
    name: 'is unknown from manifests of a cluster whose API server Pod is not among them',
    facts: cpFacts(INVISIBLE, { 'k8s.anonymousProbe': { ok: false, reason: 'not available from manifests' } }),
    expect: [{ status: 'unknown', message: 'not available from manifests' }],
  },
]);
