import { defineCheck } from '../../../src/core/check';
import type { Finding } from '../../../src/core/model';
import { admissionOf, cis, isPssLevel, NSA_POD_SECURITY, PSA_ENFORCE } from './common';

/**
 * Pod Security admission is the policy mechanism the API shows: the enforce label of each namespace that runs
 * workloads. A policy engine (Kyverno, Gatekeeper) or the API server's admission configuration defaults are not
 * visible here, so a namespace without the label fails with that said (docs/workloads.md).
 */
export default defineCheck({
  id: 'k8s.workloads.psa-enforce',
  title: 'Every namespace that runs workloads enforces the baseline or restricted Pod Security level',
  severity: 'medium',
  category: 'workload',
  targetKind: 'cluster',
  benchmarks: [cis('5.2.1'), NSA_POD_SECURITY],
  remediation:
    'Label each namespace named in the findings `pod-security.kubernetes.io/enforce=restricted` (or `baseline` ' +
    'where workloads need more), after checking with `kubectl label --dry-run=server` which running pods would be ' +
    'refused. If another admission policy engine enforces equivalent rules there, record that with a waiver.',
  requires: ['k8s.namespaces', 'k8s.workloads'],
  evaluate: ({ facts, options, target }) => {
    const excluded = new Set(options.excludedNamespaces);
    const used = new Map<string, number>();
    for (const w of facts['k8s.workloads']) used.set(w.namespace, (used.get(w.namespace) ?? 0) + 1);
    const namespaces = facts['k8s.namespaces'].filter((n) => !excluded.has(n.name));
    if (namespaces.length === 0) {
      return [
        {
          status: 'pass',
          resource: { kind: 'Cluster', name: target.name },
          message: `Cluster ${target.name} has no namespace outside the excluded ones.`,
        },
      ];
    }
    return namespaces.map((ns): Finding => {
      const resource = { kind: 'Namespace', name: ns.name };
      const a = admissionOf(ns);
      const count = used.get(ns.name) ?? 0;
      const evidence = { enforce: a.enforce, ...(a.version ? { version: a.version } : {}), workloads: count };
      if (count === 0) {
        return {
          status: 'not-applicable',
          resource,
          message: `Namespace ${ns.name} runs no workload.`,
          evidence,
        };
      }
      if (ns.inferred) {
        return {
          status: 'unknown',
          resource,
          message: `Namespace ${ns.name} is known only from the objects in it: its labels are not in the input, so its Pod Security level is not known.`,
          evidence,
        };
      }
      if (a.enforce === null) {
        return {
          status: 'fail',
          resource,
          message: `Namespace ${ns.name} runs ${count} workload(s) and has no ${PSA_ENFORCE} label: Pod Security admission applies the cluster default (privileged unless the API server's admission configuration sets another), and no other policy engine is visible to this check.`,
          evidence,
        };
      }
      if (!isPssLevel(a.enforce)) {
        return {
          status: 'unknown',
          resource,
          message: `Namespace ${ns.name} sets ${PSA_ENFORCE}=${a.enforce}, which is not a Pod Security level: what admission makes of it depends on the API server version.`,
          evidence,
        };
      }
      if (a.enforce === 'privileged') {
        return {
          status: 'fail',
          resource,
          message: `Namespace ${ns.name} runs ${count} workload(s) and enforces the privileged level: admission restricts nothing.`,
          evidence,
        };
      }
      return {
        status: 'pass',
        resource,
        message: `Namespace ${ns.name} enforces the ${a.enforce} Pod Security level${a.version ? ` (version ${a.version})` : ''}.`,
        evidence,
      };
    });
  },
});
