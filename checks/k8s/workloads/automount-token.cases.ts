import type { KServiceAccount, KWorkload } from '../../../src/core/facts/k8s';
import type { FactSet } from '../../../src/core/model';
import { defineCases } from '../../../test/support/cases';
import check from './automount-token';
import { deployment } from './fixtures';

const facts = (workloads: KWorkload[], accounts: KServiceAccount[]): FactSet => ({
  'k8s.workloads': { ok: true, value: workloads },
  'k8s.serviceAccounts': { ok: true, value: accounts },
});

export default defineCases(check, [
  {
    name: 'passes a pod spec that sets false, or one that leaves it to a ServiceAccount that sets false',
    facts: facts(
      [
        deployment('a', {}, { automountServiceAccountToken: false }),
        deployment('b', {}, { serviceAccountName: 'quiet' }),
      ],
      [{ namespace: 'shop', name: 'quiet', automountServiceAccountToken: false }],
    ),
    expect: [
      { status: 'pass', resource: 'shop/a', message: 'sets automountServiceAccountToken: false' },
      {
        status: 'pass',
        resource: 'shop/b',
        message: 'ServiceAccount shop/quiet sets automountServiceAccountToken: false',
      },
    ],
  },
  {
    name: 'fails a pod spec that sets true over a ServiceAccount that says false, and the default ServiceAccount unseen',
    facts: facts(
      [deployment('a', {}, { automountServiceAccountToken: true, serviceAccountName: 'quiet' }), deployment('b', {})],
      [{ namespace: 'shop', name: 'quiet', automountServiceAccountToken: false }],
    ),
    expect: [
      { status: 'fail', resource: 'shop/a', message: 'sets automountServiceAccountToken: true' },
      {
        status: 'fail',
        resource: 'shop/b',
        evidence: { serviceAccount: 'default', podSetting: null, serviceAccountSetting: 'not seen' },
      },
    ],
  },
  {
    name: 'is unknown for an unset pod spec whose named ServiceAccount the input does not hold',
    facts: facts([deployment('a', {}, { serviceAccountName: 'elsewhere' })], []),
    expect: [{ status: 'unknown', resource: 'shop/a', message: 'which the input does not hold' }],
  },
  {
    name: 'passes the cluster when every workload runs in an excluded namespace',
    facts: facts([deployment('a', {})], []),
    options: { excludedNamespaces: ['shop'] },
    expect: [{ status: 'pass', kind: 'Cluster', message: 'runs no workload outside the excluded namespaces.' }],
  },
  {
    name: 'fails an unset pod spec whose ServiceAccount sets true, with that setting as evidence',
    facts: facts(
      [deployment('a', {}, { serviceAccountName: 'loud' })],
      [{ namespace: 'shop', name: 'loud', automountServiceAccountToken: true }],
    ),
    expect: [
      {
        status: 'fail',
        resource: 'shop/a',
        evidence: { serviceAccount: 'loud', podSetting: null, serviceAccountSetting: true },
      },
    ],
  },
]);
