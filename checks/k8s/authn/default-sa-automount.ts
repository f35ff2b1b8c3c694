import { defineCheck } from '../../../src/core/check';

export default defineCheck({
  id: 'k8s.authn.default-sa-automount',
  title: "Each namespace's default ServiceAccount does not mount its token automatically",
  severity: 'low',
  category: 'authn',
  targetKind: 'cluster',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '5.1.5' },
    {
      framework: 'NSA/CISA Kubernetes Hardening Guide',
      version: '1.2',
      control: 'Pod security: service account tokens',
    },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '4.1.5' },
  ],
  remediation:
    'Set automountServiceAccountToken: false on the default ServiceAccount of each namespace named in the findings ' +
    '(`kubectl patch serviceaccount default -n NAMESPACE -p \'{"automountServiceAccountToken": false}\'`), and give ' +
    'workloads that call the API their own ServiceAccount.',
  requires: ['k8s.serviceAccounts'],
  evaluate: ({ facts, options, target }) => {
    const defaults = facts['k8s.serviceAccounts'].filter(
      (s) => s.name === 'default' && !options.excludedNamespaces.includes(s.namespace),
    );
    if (defaults.length === 0) {
      return [
        {
          status: 'pass',
          resource: { kind: 'Cluster', name: target.name },
          message: `Cluster ${target.name} has no default ServiceAccount outside the excluded namespaces.`,
        },
      ];
    }
    return defaults.map((s) => {
      const ok = s.automountServiceAccountToken === false;
      return {
        status: ok ? ('pass' as const) : ('fail' as const),
        resource: { kind: 'ServiceAccount', namespace: s.namespace, name: 'default' },
        message: ok
          ? `ServiceAccount ${s.namespace}/default sets automountServiceAccountToken: false.`
          : `ServiceAccount ${s.namespace}/default ${s.automountServiceAccountToken === true ? 'sets automountServiceAccountToken: true' : 'does not set automountServiceAccountToken: false'}.`,
        evidence: { automountServiceAccountToken: s.automountServiceAccountToken ?? null },
      };
    });
  },
});
