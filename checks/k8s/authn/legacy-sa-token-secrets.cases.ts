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
]);
