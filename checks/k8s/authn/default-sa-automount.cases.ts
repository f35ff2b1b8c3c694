import { defineCases } from '../../../test/support/cases';
import check from './default-sa-automount';

export default defineCases(check, [
  {
    name: 'passes a default ServiceAccount with automountServiceAccountToken: false and fails one without it',
    facts: {
      'k8s.serviceAccounts': {
        ok: true,
        value: [
          { namespace: 'web', name: 'default', automountServiceAccountToken: false },
          { namespace: 'ci', name: 'default' },
          { namespace: 'ci', name: 'deployer' },
          { namespace: 'kube-system', name: 'default' },
        ],
      },
    },
    expect: [
      { status: 'pass', resource: 'web/default' },
      { status: 'fail', resource: 'ci/default', message: 'does not set automountServiceAccountToken: false' },
    ],
  },
  {
    name: 'fails kube-system default too when no namespace is excluded',
    facts: {
      'k8s.serviceAccounts': {
        ok: true,
        value: [{ namespace: 'kube-system', name: 'default', automountServiceAccountToken: true }],
      },
    },
    options: { excludedNamespaces: [] },
    expect: [{ status: 'fail', resource: 'kube-system/default', message: 'sets automountServiceAccountToken: true' }],
  },
  {
    name: 'is unknown when ServiceAccounts could not be listed',
    facts: { 'k8s.serviceAccounts': { ok: false, reason: 'forbidden: list serviceaccounts at cluster scope' } },
    expect: [{ status: 'unknown', message: 'forbidden' }],
  },
  {
    name: 'passes and fails with the whole story and the setting as evidence',
    facts: {
      'k8s.serviceAccounts': {
        ok: true,
        value: [
          { namespace: 'web', name: 'default', automountServiceAccountToken: false },
          { namespace: 'ci', name: 'default' },
          { namespace: 'ops', name: 'default', automountServiceAccountToken: true },
        ],
      },
    },
    expect: [
      {
        status: 'pass',
        kind: 'ServiceAccount',
        resource: 'web/default',
        message: 'ServiceAccount web/default sets automountServiceAccountToken: false.',
        evidence: { automountServiceAccountToken: false },
      },
      {
        status: 'fail',
        resource: 'ci/default',
        message: 'ServiceAccount ci/default does not set automountServiceAccountToken: false.',
        evidence: { automountServiceAccountToken: null },
      },
      {
        status: 'fail',
        resource: 'ops/default',
        message: 'ServiceAccount ops/default sets automountServiceAccountToken: true.',
        evidence: { automountServiceAccountToken: true },
      },
    ],
  },
  {
    name: 'passes the cluster, saying so, when every default ServiceAccount is in an excluded namespace',
    facts: {
      'k8s.serviceAccounts': {
        ok: true,
        value: [
          { namespace: 'kube-system', name: 'default' },
          { namespace: 'web', name: 'builder' },
        ],
      },
    },
    expect: [
      {
        status: 'pass',
        kind: 'Cluster',
        resource: 'demo',
        message: 'Cluster demo has no default ServiceAccount outside the excluded namespaces.',
      },
    ],
  },
]);
