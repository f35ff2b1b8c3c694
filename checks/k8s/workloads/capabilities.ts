import { defineCheck } from '../../../src/core/check';
import { addsBeyondBaseline, capName, cis, eachContainer, NSA_POD_SECURITY, perWorkload } from './common';

/** Pod Security Standards restricted: drop ALL, add nothing but NET_BIND_SERVICE. */
export default defineCheck({
  id: 'k8s.workloads.capabilities',
  title: 'Every container drops ALL capabilities and adds none but NET_BIND_SERVICE',
  severity: 'medium',
  category: 'workload',
  targetKind: 'cluster',
  benchmarks: [cis('5.2.9'), NSA_POD_SECURITY],
  remediation:
    'Set `securityContext.capabilities.drop: ["ALL"]` on every container named in the finding and add back only ' +
    'what it needs (`NET_BIND_SERVICE` to bind ports below 1024); a capability outside the runtime defaults ' +
    '(SYS_ADMIN, NET_ADMIN, SYS_PTRACE…) is a step to the node. Label the namespace ' +
    '`pod-security.kubernetes.io/enforce=restricted` so admission requires it.',
  requires: ['k8s.workloads'],
  uses: ['k8s.namespaces'],
  evaluate: perWorkload({
    level: 'restricted',
    linuxOnly: true,
    offences: eachContainer((c) => {
      const added = (c.capabilitiesAdd ?? []).filter((x) => capName(x) !== 'NET_BIND_SERVICE');
      const dropsAll = (c.capabilitiesDrop ?? []).includes('ALL');
      const parts = [
        ...(added.length > 0 ? [`adds ${added.join(', ')}`] : []),
        ...(dropsAll ? [] : ['does not drop ALL']),
      ];
      return parts.length > 0 ? parts.join(' and ') : undefined;
    }),
    what: 'runs containers that keep or add capabilities beyond NET_BIND_SERVICE',
    passWords: 'drops ALL capabilities in every container and adds none but NET_BIND_SERVICE',
    // Adding a capability outside the runtime's default set breaks even the baseline level.
    severity: (pod) => (addsBeyondBaseline(pod) ? 'high' : undefined),
    breaksBaseline: addsBeyondBaseline,
  }),
});
