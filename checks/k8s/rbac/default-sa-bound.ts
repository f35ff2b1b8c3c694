import { defineCheck } from '../../../src/core/check';
import type { KServiceAccount } from '../../../src/core/facts/k8s';
import type { Fact, Finding } from '../../../src/core/model';
import { grantEvidence, objectLabel } from '../../../src/core/rbac/engine';
import { rbacIndex, scopeWords } from './support';

export default defineCheck({
  id: 'k8s.rbac.default-sa-bound',
  title: "No namespace's default ServiceAccount is bound to a role",
  severity: 'medium',
  category: 'rbac',
  targetKind: 'cluster',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '5.1.5' },
    { framework: 'NSA/CISA Kubernetes Hardening Guide', version: '1.2', control: 'Authorization: least privilege' },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '4.1.5' },
  ],
  remediation:
    'Every Pod that names no ServiceAccount runs as its namespace default one: create a dedicated ServiceAccount ' +
    'for the workload that needs the permissions, bind the role to it, set serviceAccountName in the workload, ' +
    'and remove the default ServiceAccount from the bindings named in the findings.',
  requires: ['k8s.rbac'],
  uses: ['k8s.serviceAccounts'],
  evaluate: ({ facts, optional, options, target }) => {
    const index = rbacIndex(facts['k8s.rbac'], options);
    const bound = new Map<string, Finding>();
    for (const s of index.subjects()) {
      if (s.kind !== 'ServiceAccount' || s.name !== 'default') continue;
      const ns = s.namespace ?? '';
      if (options.excludedNamespaces.includes(ns)) continue;
      // The binding is the finding, granting or not: one to a role that does not exist grants the moment someone
      // creates that role. Never empty: subjects() lists only subjects that a binding it assesses names.
      const bindings = index.directBindings(s);
      const ev = grantEvidence(index.directGrants(s));
      // Every binding is named, a role with no rules yet or no role at all included.
      const named = new Map<string, string>();
      for (const b of bindings) {
        const label = objectLabel(b.binding);
        named.set(label, b.roleMissing ? `${label} (${objectLabel(b.role)}, which does not exist)` : label);
      }
      const labels = [...named.keys()].sort();
      const missingRoles = [...new Set(bindings.filter((b) => b.roleMissing).map((b) => objectLabel(b.role)))].sort();
      bound.set(ns, {
        status: 'fail',
        resource: { kind: 'ServiceAccount', namespace: ns, name: 'default' },
        message: `ServiceAccount ${ns}/default is bound ${scopeWords(bindings)} through ${labels.map((l) => named.get(l)).join(', ')}${ev.roles.length > 0 ? ` (${ev.roles.join(', ')})` : ''}.`,
        evidence: { ...ev, bindings: labels, ...(missingRoles.length > 0 ? { missingRoles } : {}) },
      });
    }
    const findings = [...bound.values()];
    const sas = optional['k8s.serviceAccounts'] as Fact<KServiceAccount[]> | undefined;
    if (sas?.ok) {
      for (const sa of sas.value) {
        if (sa.name !== 'default' || bound.has(sa.namespace) || options.excludedNamespaces.includes(sa.namespace))
          continue;
        findings.push({
          status: 'pass',
          resource: { kind: 'ServiceAccount', namespace: sa.namespace, name: 'default' },
          message: `ServiceAccount ${sa.namespace}/default is bound to no role.`,
        });
      }
    }
    if (findings.length === 0) {
      return [
        {
          status: 'pass',
          resource: { kind: 'Cluster', name: target.name },
          message: `No default ServiceAccount of cluster ${target.name} is bound to a role.`,
        },
      ];
    }
    return findings;
  },
});
