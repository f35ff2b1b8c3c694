import { defineCheck } from '../../../src/core/check';
import type { KServiceAccount, KWorkload } from '../../../src/core/facts/k8s';
import type { Finding } from '../../../src/core/model';
import { cis, eks, workloadLabel, workloadRef } from './common';

/**
 * The token is mounted unless the pod spec says false, or the pod spec says nothing and its ServiceAccount says
 * false (the pod's setting wins). A ServiceAccount the input does not hold leaves an unset pod spec undecided,
 * except `default`, which Kubernetes creates in every namespace without the setting.
 */
export default defineCheck({
  id: 'k8s.workloads.automount-token',
  title: 'Workloads mount a ServiceAccount token only where they set it on purpose',
  severity: 'low',
  category: 'workload',
  targetKind: 'cluster',
  benchmarks: [
    cis('5.1.6'),
    eks('4.1.6'),
    {
      framework: 'NSA/CISA Kubernetes Hardening Guide',
      version: '1.2',
      control: 'Pod security: service account tokens',
    },
  ],
  remediation:
    'Set `automountServiceAccountToken: false` in the pod spec of the workloads named in the findings (or on their ' +
    'ServiceAccount) unless they call the Kubernetes API: a mounted token is a credential any process of the pod ' +
    'can read and use with the rights of its ServiceAccount.',
  requires: ['k8s.workloads', 'k8s.serviceAccounts'],
  evaluate: ({ facts, options, target }) => {
    const excluded = new Set(options.excludedNamespaces);
    const accounts = new Map(facts['k8s.serviceAccounts'].map((s) => [`${s.namespace}/${s.name}`, s] as const));
    const workloads = facts['k8s.workloads'].filter((w) => !excluded.has(w.namespace));
    if (workloads.length === 0) {
      return [
        {
          status: 'pass',
          resource: { kind: 'Cluster', name: target.name },
          message: `Cluster ${target.name} runs no workload outside the excluded namespaces.`,
        },
      ];
    }
    return workloads.map((w) => judge(w, accounts.get(`${w.namespace}/${w.serviceAccountName}`)));
  },
});

function judge(w: KWorkload, sa: KServiceAccount | undefined): Finding {
  const resource = workloadRef(w);
  const label = workloadLabel(w);
  const saLabel = `ServiceAccount ${w.namespace}/${w.serviceAccountName}`;
  const evidence = {
    serviceAccount: w.serviceAccountName,
    podSetting: w.automountServiceAccountToken ?? null,
    serviceAccountSetting: sa ? (sa.automountServiceAccountToken ?? null) : 'not seen',
  };
  if (w.automountServiceAccountToken === false) {
    return { status: 'pass', resource, message: `${label} sets automountServiceAccountToken: false.`, evidence };
  }
  if (w.automountServiceAccountToken === true) {
    return {
      status: 'fail',
      resource,
      message: `${label} sets automountServiceAccountToken: true: its pods hold a token of ${saLabel}.`,
      evidence,
    };
  }
  if (!sa && w.serviceAccountName !== 'default') {
    return {
      status: 'unknown',
      resource,
      message: `${label} leaves token mounting to ${saLabel}, which the input does not hold.`,
      evidence,
    };
  }
  if (sa?.automountServiceAccountToken === false) {
    return {
      status: 'pass',
      resource,
      message: `${label} mounts no token: ${saLabel} sets automountServiceAccountToken: false.`,
      evidence,
    };
  }
  return {
    status: 'fail',
    resource,
    message: `${label} mounts a token of ${saLabel}: neither the pod spec nor the ServiceAccount sets automountServiceAccountToken: false.`,
    evidence,
  };
}
