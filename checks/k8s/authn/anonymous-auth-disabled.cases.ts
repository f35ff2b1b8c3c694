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
    name: 'is unknown, not pass, when requests time out, are reset or answer 5xx, quoting each reason whole',
    facts: cpFacts(apiserver(HARDENED), probe([401, TIMEOUT, RESET, 503])),
    expect: [
      {
        status: 'unknown',
        resource: 'kube-apiserver',
        message:
          'Could not assess anonymous access from the live probe of https://10.0.0.1:6443: /api: network error talking to https://10.0.0.1:6443 (ETIMEDOUT); /apis: network error talking to https://10.0.0.1:6443 (ECONNRESET); /api/v1/namespaces/default/pods?limit=1: server error (HTTP 503).',
      },
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
  {
    name: 'passes on 401 everywhere but health and version, whatever those answer, with the endpoint and requests as evidence',
    facts: {
      ...cpFacts(apiserver(HARDENED)),
      'k8s.anonymousProbe': {
        ok: true,
        value: {
          endpoint: 'https://10.0.0.1:6443',
          requests: [
            { path: '/version?timeout=5s', status: 200, outcome: 'allowed' },
            { path: '/healthz', status: 200, outcome: 'allowed' },
            { path: '/livez', status: 200, outcome: 'allowed' },
            { path: '/readyz', status: 200, outcome: 'allowed' },
            { path: '/api', status: 401, outcome: 'refused' },
          ],
        },
      },
    },
    expect: [
      {
        status: 'pass',
        kind: 'KubeApiServer',
        resource: 'kube-apiserver',
        message: 'The API server https://10.0.0.1:6443 rejected every unauthenticated request (401).',
        evidence: { endpoint: 'https://10.0.0.1:6443' },
      },
      { status: 'pass', resource: 'kube-apiserver/cp-1' },
    ],
  },
  {
    name: 'passes on 403 with the reason it is safe',
    facts: { ...cpFacts(apiserver(HARDENED)), ...probe([200, 403, 401, 403]) },
    expect: [
      {
        status: 'pass',
        resource: 'kube-apiserver',
        message:
          'The API server https://10.0.0.1:6443 refused unauthenticated requests beyond health and version (403: anonymous requests are authenticated as system:anonymous but authorized nothing).',
      },
      { status: 'pass', resource: 'kube-apiserver/cp-1' },
    ],
  },
  {
    name: 'fails high, naming each answered path and status, when only cluster-wide paths are answered',
    facts: { ...cpFacts(apiserver(HARDENED)), ...probe([200, 200, 200, 401]) },
    expect: [
      {
        status: 'fail',
        severity: 'high',
        resource: 'kube-apiserver',
        message: 'The API server https://10.0.0.1:6443 answered unauthenticated requests to /api (200), /apis (200).',
      },
      { status: 'pass', resource: 'kube-apiserver/cp-1' },
    ],
  },
  {
    name: 'is unknown, quoting each undecided request without its final period, beside the instance result',
    facts: {
      ...cpFacts(apiserver(HARDENED)),
      'k8s.anonymousProbe': {
        ok: true,
        value: {
          endpoint: 'https://10.0.0.1:6443',
          requests: [
            { path: '/api', status: 401, outcome: 'refused' },
            { path: '/apis', status: null, outcome: 'unknown', reason: 'timed out.' },
            { path: '/api/v1/namespaces/default/pods?limit=1', status: null, outcome: 'unknown' },
          ],
        },
      },
    },
    expect: [
      {
        status: 'unknown',
        resource: 'kube-apiserver',
        message:
          'Could not assess anonymous access from the live probe of https://10.0.0.1:6443: /apis: timed out; /api/v1/namespaces/default/pods?limit=1: no answer.',
        evidence: { endpoint: 'https://10.0.0.1:6443' },
      },
      { status: 'pass', resource: 'kube-apiserver/cp-1' },
    ],
  },
  {
    name: 'is unknown when the probe asked only health and version',
    facts: {
      ...cpFacts(apiserver(HARDENED)),
      'k8s.anonymousProbe': {
        ok: true,
        value: { endpoint: 'https://10.0.0.1:6443', requests: [{ path: '/version', status: 200, outcome: 'allowed' }] },
      },
    },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess anonymous access from the live probe of https://10.0.0.1:6443: no request beyond health and version was made.',
      },
      { status: 'pass', resource: 'kube-apiserver/cp-1' },
    ],
  },
  {
    name: 'is unknown with both reasons when the probe failed and the control plane is managed',
    facts: { ...cpFacts(EKS), 'k8s.anonymousProbe': { ok: false, reason: 'no route to the API server' } },
    expect: [
      {
        status: 'unknown',
        kind: 'KubeApiServer',
        resource: 'kube-apiserver',
        message:
          'Could not assess anonymous access: live probe: no route to the API server; Cluster demo: managed control plane: not visible to the scanner (eks, from server version v1.30.4-eks-a737599).',
      },
    ],
  },
  {
    name: 'is unknown with both reasons without a probe when no API server Pod is seen',
    facts: cpFacts(INVISIBLE),
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess anonymous access: no live probe; Cluster demo: no kube-apiserver Pod seen and the control plane is not recognised as managed, so its flags are not visible to the scanner.',
      },
    ],
  },
  {
    name: 'fails an instance without a node name on its flag alone, naming it by an unknown node',
    facts: {
      ...cpFacts({
        managed: null,
        components: { 'kube-apiserver': [{ source: 'manifest-file', flags: { 'anonymous-auth': 'true' } }] },
      }),
    },
    expect: [
      {
        status: 'fail',
        kind: 'KubeApiServer',
        resource: 'kube-apiserver/unknown-node',
        message: 'kube-apiserver on an unknown node: --anonymous-auth is true.',
        evidence: { '--anonymous-auth': 'true', source: 'manifest-file' },
      },
    ],
  },
  {
    name: 'passes an instance with --anonymous-auth=false and keeps the flag as evidence, without a probe',
    facts: cpFacts(apiserver(HARDENED)),
    expect: [
      {
        status: 'pass',
        resource: 'kube-apiserver/cp-1',
        message: 'kube-apiserver on cp-1: --anonymous-auth is false.',
        evidence: { '--anonymous-auth': 'false', source: 'mirror-pod' },
      },
    ],
  },
  {
    name: 'fails an instance without the flag, saying the default, with null as evidence',
    facts: cpFacts(apiserver({})),
    expect: [
      {
        status: 'fail',
        message: 'kube-apiserver on cp-1: --anonymous-auth is not set (defaults to true).',
        evidence: { '--anonymous-auth': null },
      },
    ],
  },
  {
    name: 'judges no kube-apiserver Pod of a managed control plane by its flags: the probe alone decides',
    facts: {
      ...cpFacts({ ...EKS, components: { 'kube-apiserver': [{ source: 'mirror-pod', node: 'cp-1', flags: {} }] } }),
      ...probe([200, 401, 401, 401]),
    },
    expect: [
      {
        status: 'pass',
        resource: 'kube-apiserver',
        message: 'The API server https://10.0.0.1:6443 rejected every unauthenticated request (401).',
      },
    ],
  },
  {
    name: 'is unknown on a managed control plane without a probe, even when a kube-apiserver Pod is seen',
    facts: cpFacts({
      ...EKS,
      components: { 'kube-apiserver': [{ source: 'mirror-pod', node: 'cp-1', flags: { 'anonymous-auth': 'true' } }] },
    }),
    expect: [
      {
        status: 'unknown',
        resource: 'kube-apiserver',
        message:
          'Could not assess anonymous access: no live probe; Cluster demo: managed control plane: not visible to the scanner (eks, from server version v1.30.4-eks-a737599).',
      },
    ],
  },
]);
