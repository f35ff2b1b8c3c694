import { defineCheck } from '../../../src/core/check';
import { cis, eks, NSA_POD_SECURITY, perWorkload } from './common';

export default defineCheck({
  id: 'k8s.workloads.host-network',
  title: 'No workload shares the host network namespace',
  severity: 'high',
  category: 'workload',
  targetKind: 'cluster',
  benchmarks: [cis('5.2.5'), eks('4.2.4'), NSA_POD_SECURITY],
  remediation:
    'Remove `hostNetwork: true` from the pod specs named in the finding: the pod binds and sniffs on the node ' +
    'interfaces, reaches services bound to localhost, and NetworkPolicies do not apply to it. Keep it for node ' +
    'agents only (CNI, node exporters), in a namespace listed in checks.excludedNamespaces by decision, and label ' +
    'the others `pod-security.kubernetes.io/enforce=baseline` (or restricted).',
  requires: ['k8s.workloads'],
  uses: ['k8s.namespaces'],
  evaluate: perWorkload({
    level: 'baseline',
    offences: (_pod, w) => (w.hostNetwork === true ? ['the pod sets hostNetwork: true'] : []),
    what: 'shares the host network namespace',
    passWords: 'does not share the host network namespace',
  }),
});
