import { defineCheck } from '../../../src/core/check';
import { cis, eachContainer, NSA_POD_SECURITY, perWorkload } from './common';

export default defineCheck({
  id: 'k8s.workloads.host-process',
  title: 'No workload runs a Windows HostProcess container',
  severity: 'high',
  category: 'workload',
  targetKind: 'cluster',
  benchmarks: [cis('5.2.10'), NSA_POD_SECURITY],
  remediation:
    'Remove `securityContext.windowsOptions.hostProcess: true` from the pod and the containers named in the ' +
    'finding: a HostProcess container runs directly on the Windows node with its privileges. Label the namespace ' +
    '`pod-security.kubernetes.io/enforce=baseline` (or restricted) so admission rejects it.',
  requires: ['k8s.workloads'],
  uses: ['k8s.namespaces'],
  evaluate: perWorkload({
    level: 'baseline',
    offences: (pod) => [
      ...(pod.hostProcess === true ? ['the pod sets windowsOptions.hostProcess: true'] : []),
      ...eachContainer((c) => (c.hostProcess === true ? 'sets windowsOptions.hostProcess: true' : undefined))(pod),
    ],
    what: 'runs Windows HostProcess containers',
    passWords: 'runs no Windows HostProcess container',
  }),
});
