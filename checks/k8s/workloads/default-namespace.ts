import { defineCheck } from '../../../src/core/check';
import type { Finding } from '../../../src/core/model';
import { cis, eks, workloadLabel, workloadRef } from './common';

const DEFAULT = 'default';

/** The API server's own Service lives in `default` and is not a use of it. */
const isApiServerService = (s: { namespace: string; name: string }) =>
  s.namespace === DEFAULT && s.name === 'kubernetes';

export default defineCheck({
  id: 'k8s.workloads.default-namespace',
  title: 'The default namespace holds no workload and no Service',
  severity: 'low',
  category: 'workload',
  targetKind: 'cluster',
  benchmarks: [cis('5.6.4'), eks('4.5.2')],
  remediation:
    'Move the workloads and Services named in the findings to a namespace of their own (with its NetworkPolicies, ' +
    'Pod Security label and RBAC), and keep `default` empty: objects created without a namespace land there, ' +
    'outside every boundary set for the others.',
  requires: ['k8s.workloads', 'k8s.services'],
  evaluate: ({ facts, options }) => {
    const resource = { kind: 'Namespace', name: DEFAULT };
    if (options.excludedNamespaces.includes(DEFAULT)) {
      return [
        {
          status: 'not-applicable',
          resource,
          message: 'Namespace default is excluded from the checks by the configuration.',
        },
      ];
    }
    const findings: Finding[] = [
      ...facts['k8s.workloads']
        .filter((w) => w.namespace === DEFAULT)
        .map(
          (w): Finding => ({
            status: 'fail',
            resource: workloadRef(w),
            message: `${workloadLabel(w)} runs in the default namespace.`,
          }),
        ),
      ...facts['k8s.services']
        .filter((s) => s.namespace === DEFAULT && !isApiServerService(s))
        .map(
          (s): Finding => ({
            status: 'fail',
            resource: { kind: 'Service', namespace: DEFAULT, name: s.name },
            message: `Service default/${s.name} is in the default namespace.`,
          }),
        ),
    ];
    if (findings.length > 0) return findings;
    return [
      {
        status: 'pass',
        resource,
        message: 'Namespace default holds no workload and no Service but the API server Service (kubernetes).',
      },
    ];
  },
});
