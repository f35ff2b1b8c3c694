import { defineCheck } from '../../../src/core/check';
import type { Finding } from '../../../src/core/model';
import { isDefaultObject, objectLabel } from '../../../src/core/rbac/engine';
import { rbacIndex } from './support';

export default defineCheck({
  id: 'k8s.rbac.dangling-binding',
  title: 'Every RoleBinding and ClusterRoleBinding refers to a role that exists',
  severity: 'low',
  category: 'rbac',
  targetKind: 'cluster',
  benchmarks: [
    { framework: 'NSA/CISA Kubernetes Hardening Guide', version: '1.2', control: 'Authorization: least privilege' },
  ],
  remediation:
    'Delete the bindings named in the findings or the mistake behind them (`kubectl delete rolebinding -n NS NAME`): ' +
    'a binding to a missing role grants nothing today, but whoever later creates a role of that name silently ' +
    'grants it to the binding subjects.',
  requires: ['k8s.rbac'],
  evaluate: ({ facts, options, target }) => {
    const index = rbacIndex(facts['k8s.rbac'], options);
    const dangling = new Set(index.dangling);
    const findings: Finding[] = [];
    for (const b of facts['k8s.rbac'].bindings) {
      if (options.excludeSystemRbac && isDefaultObject(b.labels) && !dangling.has(b)) continue;
      const resource = { kind: b.kind, name: b.name, ...(b.namespace ? { namespace: b.namespace } : {}) };
      const ref = b.roleRef.kind === 'Role' ? `Role ${b.namespace}/${b.roleRef.name}` : `ClusterRole ${b.roleRef.name}`;
      findings.push(
        dangling.has(b)
          ? {
              status: 'fail',
              resource,
              message: `${objectLabel(resource)} refers to ${ref}, which does not exist.`,
              evidence: { roleRef: b.roleRef, subjects: b.subjects },
            }
          : { status: 'pass', resource, message: `${objectLabel(resource)} refers to ${ref}, which exists.` },
      );
    }
    if (findings.length === 0) {
      return [
        {
          status: 'pass',
          resource: { kind: 'Cluster', name: target.name },
          message: `Cluster ${target.name} has no binding of its own to assess.`,
        },
      ];
    }
    return findings;
  },
});
