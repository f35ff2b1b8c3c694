import { defineCheck } from '../../../src/core/check';
import type { Finding } from '../../../src/core/model';
import { builtinBinding } from '../../../src/core/rbac/builtin';
import { isSpecialPrincipal, normaliseSubject, objectLabel, subjectLabel } from '../../../src/core/rbac/engine';
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
      const missing = dangling.has(b);
      // Every dangling binding is reported, built-in ones included: a missing built-in role is news too.
      if (!missing && options.excludeSystemRbac && builtinBinding(b) !== undefined) continue;
      const resource = { kind: b.kind, name: b.name, ...(b.namespace ? { namespace: b.namespace } : {}) };
      // A Role is looked up in the binding's namespace; a ClusterRoleBinding has none (and can refer to no Role).
      const ref =
        b.roleRef.kind === 'Role' && b.namespace
          ? `Role ${b.namespace}/${b.roleRef.name}`
          : `${b.roleRef.kind} ${b.roleRef.name}`;
      if (!missing) {
        findings.push({
          status: 'pass',
          resource,
          message: `${objectLabel(resource)} refers to ${ref}, which exists.`,
        });
        continue;
      }
      const subjects = b.subjects.flatMap((s) => normaliseSubject(s, b.namespace) ?? []);
      // A binding whose subjects include everyone (every authenticated or every anonymous request) hands whatever
      // role appears under that name to the whole world.
      const everyone = subjects.filter(isSpecialPrincipal);
      const who = subjects.length > 0 ? subjects.map(subjectLabel).join(', ') : 'no subject';
      findings.push({
        status: 'fail',
        resource,
        message:
          `${objectLabel(resource)} refers to ${ref}, which does not exist: whoever creates it grants it to ${who}` +
          `${b.kind === 'ClusterRoleBinding' ? ' cluster-wide' : ` in namespace ${b.namespace}`}.`,
        evidence: { roleRef: b.roleRef, subjects: b.subjects },
        ...(everyone.length > 0 ? { severity: 'high' as const } : {}),
      });
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
