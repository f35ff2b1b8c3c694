import { defineCheck } from '../../../src/core/check';
import { cis, eachContainer, NSA_POD_SECURITY, perWorkload } from './common';

export default defineCheck({
  id: 'k8s.workloads.host-port',
  title: 'No container binds a port of the node (hostPort)',
  severity: 'medium',
  category: 'workload',
  targetKind: 'cluster',
  benchmarks: [cis('5.2.12'), NSA_POD_SECURITY],
  remediation:
    'Remove `hostPort` from the container ports named in the finding and expose the workload through a Service: a ' +
    'hostPort opens the port on the node, outside NetworkPolicies and Service load balancing. Label the namespace ' +
    '`pod-security.kubernetes.io/enforce=baseline` (or restricted) so admission rejects it.',
  requires: ['k8s.workloads'],
  uses: ['k8s.namespaces'],
  evaluate: perWorkload({
    level: 'baseline',
    offences: eachContainer((c) =>
      c.hostPorts && c.hostPorts.length > 0 ? `binds host port(s) ${c.hostPorts.join(', ')}` : undefined,
    ),
    what: 'binds ports of the node',
    passWords: 'binds no port of the node',
  }),
});
