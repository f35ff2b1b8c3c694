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
]);
