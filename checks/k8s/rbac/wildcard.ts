import { defineCheck } from '../../../src/core/check';
import type { KPolicyRule } from '../../../src/core/facts/k8s';
import type { Finding } from '../../../src/core/model';
import { builtinBinding, isBuiltinRole, isBuiltinWildcardRule } from '../../../src/core/rbac/builtin';
import { isWildcardRule, objectLabel, ruleLabel } from '../../../src/core/rbac/engine';
import { rbacIndex } from './support';

/** A `*` rule a built-in ClusterRole (or the built-in role it aggregates) has as Kubernetes ships it. */
const isBuiltinOwn = (from: string, role: { kind: string; name: string }, rule: KPolicyRule) =>
  isBuiltinRole(role) && isBuiltinRole({ kind: 'ClusterRole', name: from }) && isBuiltinWildcardRule(from, rule);

export default defineCheck({
  id: 'k8s.rbac.wildcard',
  title: 'No bound Role or ClusterRole grants "*" verbs or "*" resources',
  severity: 'high',
  category: 'rbac',
  targetKind: 'cluster',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '5.1.3' },
    { framework: 'NSA/CISA Kubernetes Hardening Guide', version: '1.2', control: 'Authorization: least privilege' },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '4.1.3' },
  ],
  remediation:
    'Replace "*" in the verbs and resources of the roles named in the findings by the verbs and resources the ' +
    'subjects need (`kubectl edit clusterrole NAME`): a wildcard also grants every resource and verb added to the ' +
    'API later, custom resources included.',
  requires: ['k8s.rbac'],
  evaluate: ({ facts, options, target }) => {
    const index = rbacIndex(facts['k8s.rbac'], options);
    const findings: Finding[] = [];
    for (const role of index.allRoles()) {
      const key = role.kind === 'Role' ? `Role:${role.namespace}/${role.name}` : `ClusterRole:${role.name}`;
      // Only the bindings of the cluster's own making count under the exclusion: a role only built-in bindings bind
      // is Kubernetes' business.
      const bindings = index.boundRoles
        .get(key)
        ?.filter((b) => !options.excludeSystemRbac || builtinBinding(b) === undefined);
      if (!bindings || bindings.length === 0) continue;
      const resource = {
        kind: role.kind,
        name: role.name,
        ...(role.namespace ? { namespace: role.namespace } : {}),
      };
      const label = objectLabel(resource);
      // A built-in ClusterRole keeps the `*` rules Kubernetes gives it (cluster-admin is the binding's finding, under
      // k8s.rbac.cluster-admin); any other `*` rule in it was added, and is reported. Recognised by name and rule.
      const wild = index
        .rulesOf(role)
        .filter((r) => isWildcardRule(r.rule))
        .filter((r) => !(options.excludeSystemRbac && isBuiltinOwn(r.from ?? role.name, role, r.rule)));
      if (wild.length === 0 && options.excludeSystemRbac && isBuiltinRole(role)) continue;
      const boundBy = bindings.map((b) => objectLabel({ kind: b.kind, name: b.name, namespace: b.namespace }));
      if (wild.length === 0) {
        findings.push({ status: 'pass', resource, message: `${label} grants no "*" verbs or resources.` });
        continue;
      }
      findings.push({
        status: 'fail',
        resource,
        message: `${label} grants ${wild.map((w) => ruleLabel(w.rule)).join('; ')} and is bound by ${boundBy.join(', ')}.`,
        evidence: {
          rules: wild.map((w) => (w.from ? `${ruleLabel(w.rule)} (from ClusterRole ${w.from})` : ruleLabel(w.rule))),
          bindings: boundBy,
        },
      });
    }
    if (findings.length === 0) {
      return [
        {
          status: 'pass',
          resource: { kind: 'Cluster', name: target.name },
          message: `Cluster ${target.name} has no bound role of its own to assess.`,
        },
      ];
    }
    return findings;
  },
});
