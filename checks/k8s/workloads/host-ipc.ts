import { defineCheck } from '../../../src/core/check';
import { cis, eks, NSA_POD_SECURITY, perWorkload } from './common';

export default defineCheck({
  id: 'k8s.workloads.host-ipc',
  title: 'No workload shares the host IPC namespace',
  severity: 'high',
  category: 'workload',
  targetKind: 'cluster',
  benchmarks: [cis('5.2.4'), eks('4.2.3'), NSA_POD_SECURITY],
  remediation:
    'Remove `hostIPC: true` from the pod specs named in the finding: the pod sees the shared memory and semaphores of the node processes. Label the ' +
    'namespace `pod-security.kubernetes.io/enforce=baseline` (or restricted) so admission rejects it.',
  requires: ['k8s.workloads'],
  uses: ['k8s.namespaces'],
  evaluate: perWorkload({
    level: 'baseline',
    offences: (pod) => (pod.hostIPC === true ? ['the pod sets hostIPC: true'] : []),
    what: 'shares the host IPC namespace',
    passWords: 'does not share the host IPC namespace',
  }),
});
