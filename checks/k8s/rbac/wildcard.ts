import { defineCheck } from '../../../src/core/check';
import type { KPolicyRule } from '../../../src/core/facts/k8s';
import type { Finding } from '../../../src/core/model';
import { isDefaultObject, objectLabel, ruleLabel } from '../../../src/core/rbac/engine';
import { rbacIndex } from './support';

const isWildcard = (r: KPolicyRule) => r.verbs.includes('*') || (r.resources ?? []).includes('*');

export default defineCheck({
  id: 'k8s.rbac.wildcard',
  title: 'No bound Role or ClusterRole grants "*" verbs or "*" resources',
  severity: 'high',
  category: 'rbac',
  targetKind: 'cluster',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '5.1.3' },
    { framework: 'NSA/CISA Kubernetes Hardening Guide', version: '1.2', control: 'Authorization: least privilege' },
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
      const bindings = index.boundRoles.get(key);
      if (!bindings) continue;
      if (options.excludeSystemRbac && isDefaultObject(role.labels)) continue;
      const resource = {
        kind: role.kind,
        name: role.name,
        ...(role.namespace ? { namespace: role.namespace } : {}),
      };
      const label = objectLabel(resource);
      const wild = index.rulesOf(role).filter((r) => isWildcard(r.rule));
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
