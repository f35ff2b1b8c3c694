import { defineCheck } from '../../../src/core/check';
import { cis, eks, NSA_POD_SECURITY, perWorkload } from './common';

export default defineCheck({
  id: 'k8s.workloads.host-pid',
  title: 'No workload shares the host process ID namespace',
  severity: 'high',
  category: 'workload',
  targetKind: 'cluster',
  benchmarks: [cis('5.2.3'), eks('4.2.2'), NSA_POD_SECURITY],
  remediation:
    'Remove `hostPID: true` from the pod specs named in the finding: the pod sees the processes of the node (and can signal or trace them). Label the ' +
    'namespace `pod-security.kubernetes.io/enforce=baseline` (or restricted) so admission rejects it.',
  requires: ['k8s.workloads'],
  uses: ['k8s.namespaces'],
  evaluate: perWorkload({
    level: 'baseline',
    offences: (pod) => (pod.hostPID === true ? ['the pod sets hostPID: true'] : []),
    what: 'shares the host process ID namespace',
    passWords: 'does not share the host process ID namespace',
  }),
});
