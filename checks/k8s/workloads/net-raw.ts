import { defineCheck } from '../../../src/core/check';
import {
  addsBeyondBaseline,
  anyPrivileged,
  capName,
  cis,
  eachContainer,
  NSA_POD_SECURITY,
  perWorkload,
} from './common';

/**
 * NET_RAW is in the default capability set of containerd and Docker (CRI-O leaves it out): a container keeps it
 * unless it drops it (or ALL). The node's runtime is not judged here, so keeping the default is a finding.
 */
export default defineCheck({
  id: 'k8s.workloads.net-raw',
  title: 'Every container drops the NET_RAW capability',
  severity: 'medium',
  category: 'workload',
  targetKind: 'cluster',
  benchmarks: [cis('5.2.8'), NSA_POD_SECURITY],
  remediation:
    'Add `NET_RAW` (better: `ALL`) to `securityContext.capabilities.drop` of every container named in the finding, ' +
    'and remove it from `capabilities.add`: raw sockets let a compromised container spoof packets and attack its ' +
    'neighbours on the node. Label the namespace `pod-security.kubernetes.io/enforce=restricted` so admission ' +
    'requires dropping ALL.',
  requires: ['k8s.workloads'],
  uses: ['k8s.namespaces'],
  evaluate: perWorkload({
    level: 'restricted',
    linuxOnly: true,
    offences: eachContainer((c) => {
      if (c.privileged === true) return 'is privileged (it has every capability)';
      const added = (c.capabilitiesAdd ?? []).filter((x) => ['NET_RAW', 'ALL'].includes(capName(x)));
      if (added.length > 0) return `adds ${added.join(', ')}`;
      const dropped = (c.capabilitiesDrop ?? []).some((x) => ['NET_RAW', 'ALL'].includes(capName(x)));
      return dropped ? undefined : 'does not drop NET_RAW, which containerd and Docker grant by default';
    }),
    what: 'runs containers with the NET_RAW capability',
    breaksBaseline: (pod) => anyPrivileged(pod) || addsBeyondBaseline(pod),
    passWords: 'runs no container with the NET_RAW capability',
  }),
});
