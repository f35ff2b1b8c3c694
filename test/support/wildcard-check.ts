import { defineCheck } from '../../src/core/check';

/** A check over a fact the test collector controls: one ClusterRole per name, failing when it is "wild". */
export const wildcardCheck = defineCheck({
  id: 'k8s.rbac.cluster-admin',
  title: 'Test: no wildcard ClusterRoles',
  severity: 'high',
  category: 'rbac',
  targetKind: 'cluster',
  benchmarks: [{ framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '5.1.3' }],
  remediation: 'Replace "*" with the verbs and resources the role needs.',
  requires: ['k8s.rbac'],
  evaluate: ({ facts }) =>
    facts['k8s.rbac'].roles.map((r) => ({
      status: r.name.startsWith('wild') ? ('fail' as const) : ('pass' as const),
      resource: { kind: 'ClusterRole', name: r.name },
      message: r.name.startsWith('wild')
        ? `ClusterRole ${r.name} grants "*".`
        : `ClusterRole ${r.name} grants no wildcard.`,
    })),
});
