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
      if (options.excludedNamespaces.includes(s.namespace ?? '')) continue;
      // The binding is the finding, granting or not: one to a role that does not exist grants the moment someone
      // creates that role.
      const bindings = index.directBindings(s);
      if (bindings.length === 0) continue;
      const grants = index.directGrants(s);
      const missing = bindings.filter((b) => b.roleMissing);
      const ev = grantEvidence(grants);
      const names = [
        ...ev.bindings,
        ...missing.map((b) => `${objectLabel(b.binding)} (${objectLabel(b.role)}, which does not exist)`),
      ];
      const scopes = bindings.some((b) => b.namespace === null)
        ? 'cluster-wide'
        : grants.length > 0
          ? scopeWords(grants)
          : '';
      const where = scopes || `in namespace ${[...new Set(bindings.map((b) => b.namespace))].sort().join(', ')}`;
      bound.set(s.namespace ?? '', {
        status: 'fail',
        resource: { kind: 'ServiceAccount', namespace: s.namespace, name: 'default' },
        message: `ServiceAccount ${s.namespace}/default is bound ${where} through ${names.join(', ')}${ev.roles.length > 0 ? ` (${ev.roles.join(', ')})` : ''}.`,
        evidence: {
          ...ev,
          bindings: [...new Set([...ev.bindings, ...missing.map((b) => objectLabel(b.binding))])].sort(),
          ...(missing.length > 0 ? { missingRoles: [...new Set(missing.map((b) => objectLabel(b.role)))].sort() } : {}),
        },
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
