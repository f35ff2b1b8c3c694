import { defineCases } from '../../../test/support/cases';
import check from './legacy-sa-token-secrets';

export default defineCases(check, [
  {
    name: 'passes when no Secret is of type kubernetes.io/service-account-token',
    facts: { 'k8s.secrets': { ok: true, value: [{ namespace: 'web', name: 'db', type: 'Opaque' }] } },
    expect: [{ status: 'pass', kind: 'Cluster' }],
  },
  {
    name: 'fails each service-account-token Secret and names its ServiceAccount',
    facts: {
      'k8s.secrets': {
        ok: true,
        value: [
          {
            namespace: 'ci',
            name: 'deployer-token',
            type: 'kubernetes.io/service-account-token',
            serviceAccountName: 'deployer',
          },
          { namespace: 'web', name: 'tls', type: 'kubernetes.io/tls' },
        ],
      },
    },
    expect: [{ status: 'fail', resource: 'ci/deployer-token', message: 'ServiceAccount ci/deployer' }],
  },
  {
    name: 'is unknown when Secrets could not be listed',
    facts: { 'k8s.secrets': { ok: false, reason: 'forbidden: list secrets at cluster scope' } },
    expect: [{ status: 'unknown', message: 'forbidden: list secrets' }],
  },
  {
    name: 'fails each token Secret with its type and ServiceAccount as evidence, and one without a ServiceAccount',
    facts: {
      'k8s.secrets': {
        ok: true,
        value: [
          {
            namespace: 'ci',
            name: 'deployer-token',
            type: 'kubernetes.io/service-account-token',
            serviceAccountName: 'deployer',
          },
          { namespace: 'ci', name: 'orphan-token', type: 'kubernetes.io/service-account-token' },
        ],
      },
    },
    expect: [
      {
        status: 'fail',
        kind: 'Secret',
        resource: 'ci/deployer-token',
        message: 'Secret ci/deployer-token holds a long-lived token for ServiceAccount ci/deployer.',
        evidence: { type: 'kubernetes.io/service-account-token', serviceAccount: 'deployer' },
      },
      {
        status: 'fail',
        resource: 'ci/orphan-token',
        message: 'Secret ci/orphan-token holds a long-lived token.',
        evidence: { type: 'kubernetes.io/service-account-token', serviceAccount: undefined },
      },
    ],
  },
  {
    name: 'passes the cluster, saying so',
    facts: { 'k8s.secrets': { ok: true, value: [] } },
    expect: [
      {
        status: 'pass',
        kind: 'Cluster',
        resource: 'demo',
        message: 'Cluster demo has no Secret of type kubernetes.io/service-account-token.',
      },
    ],
  },
]);
