import { defineCheck } from '../../../src/core/check';
import { cis, eachContainer, eks, NSA_POD_SECURITY, perWorkload } from './common';

export default defineCheck({
  id: 'k8s.workloads.privileged',
  title: 'No workload runs a privileged container',
  severity: 'critical',
  category: 'workload',
  targetKind: 'cluster',
  benchmarks: [cis('5.2.2'), eks('4.2.1'), NSA_POD_SECURITY],
  remediation:
    'Remove `securityContext.privileged: true` from the containers named in the finding (init and ephemeral ' +
    'containers too): a privileged container has every capability and the host devices, so escaping to the node is ' +
    'trivial. Grant the one capability it needs instead, and label the namespace ' +
    '`pod-security.kubernetes.io/enforce=baseline` (or restricted) so admission rejects privileged pods.',
  requires: ['k8s.workloads'],
  uses: ['k8s.namespaces'],
  evaluate: perWorkload({
    level: 'baseline',
    offences: eachContainer((c) => (c.privileged === true ? 'is privileged' : undefined)),
    what: 'runs privileged containers',
    passWords: 'runs no privileged container',
  }),
});
