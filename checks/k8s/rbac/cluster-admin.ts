import { defineCheck } from '../../../src/core/check';
import type { KPolicyRule } from '../../../src/core/facts/k8s';
import { perSubject, rbacIndex } from './support';

/** `*` verbs on `*` resources: everything the rule's API groups hold, cluster-admin in all but name. */
const isFullControl = (r: KPolicyRule) => r.verbs.includes('*') && (r.resources ?? []).includes('*');

export default defineCheck({
  id: 'k8s.rbac.cluster-admin',
  title: 'No subject holds cluster-admin or equivalent full control',
  severity: 'critical',
  category: 'rbac',
  targetKind: 'cluster',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '5.1.1' },
    { framework: 'NSA/CISA Kubernetes Hardening Guide', version: '1.2', control: 'Authorization: least privilege' },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '4.1.1' },
  ],
  remediation:
    'Bind people and workloads to narrower roles: list the ClusterRoleBindings and RoleBindings named in the ' +
    'evidence (`kubectl get clusterrolebindings,rolebindings -A -o wide`), replace each binding to cluster-admin or ' +
    'to a role with "*" verbs on "*" resources by a role granting only the verbs and resources needed, then delete ' +
    'the old binding (`kubectl delete clusterrolebinding NAME`). Keep break-glass access out of everyday credentials.',
  requires: ['k8s.rbac'],
  evaluate: ({ facts, options, target }) => {
    const index = rbacIndex(facts['k8s.rbac'], options);
    return perSubject(
      index,
      target.name,
      (s) => {
        if (index.isSuperuser(s)) {
          const grants = index.directGrants(s);
          if (grants.length > 0) return { grants, what: 'is system:masters, which bypasses authorization,' };
          // Membership comes from client certificates, not from RBAC: a binding to nothing still names the group.
          return {
            grants,
            namedBy: index.directBindings(s),
            what: 'is system:masters, which bypasses authorization whatever its roles grant',
            severity: 'critical',
          };
        }
        const grants = index.directGrants(s, isFullControl);
        // A cluster-admin someone narrowed gives what its rules say, not all verbs on all resources.
        const full = grants.length > 0;
        const isClusterAdmin = (r: { kind: string; name: string }) =>
          r.kind === 'ClusterRole' && r.name === 'cluster-admin';
        const toClusterAdmin = index.directBindings(s).filter((b) => isClusterAdmin(b.role));
        // Bound to cluster-admin even if someone narrowed that role, or deleted it: the binding is the finding.
        if (toClusterAdmin.some((b) => !b.roleMissing) && !grants.some((g) => isClusterAdmin(g.role))) {
          grants.push(...index.directGrants(s).filter((g) => isClusterAdmin(g.role)));
        }
        const missingRoles = toClusterAdmin.filter((b) => b.roleMissing);
        if (grants.length === 0 && missingRoles.length > 0) {
          return {
            grants,
            missingRoles,
            what: 'is bound to cluster-admin',
            severity: missingRoles.some((b) => b.namespace === null) ? 'critical' : 'high',
          };
        }
        if (grants.length === 0) return undefined;
        const clusterWide = grants.some((g) => g.namespace === null);
        return {
          grants,
          what: full ? 'holds cluster-admin (all verbs on all resources)' : 'is bound to cluster-admin',
          severity: clusterWide ? 'critical' : 'high',
          ...(missingRoles.length > 0 ? { missingRoles } : {}),
        };
      },
      'holds neither cluster-admin nor "*" verbs on "*" resources',
      { deferFullControl: false },
    );
  },
});
