import { defineCheck } from '../../../src/core/check';
import { cis, eachContainer, eks, NSA_POD_SECURITY, perWorkload } from './common';

export default defineCheck({
  id: 'k8s.workloads.privilege-escalation',
  title: 'Every container sets allowPrivilegeEscalation: false',
  severity: 'medium',
  category: 'workload',
  targetKind: 'cluster',
  benchmarks: [cis('5.2.6'), eks('4.2.5'), NSA_POD_SECURITY],
  remediation:
    'Set `securityContext.allowPrivilegeEscalation: false` on every container named in the finding (init and ' +
    'ephemeral containers too): unset, it defaults to true and a setuid binary can gain more privileges than its ' +
    'parent. Label the namespace `pod-security.kubernetes.io/enforce=restricted` so admission requires it.',
  requires: ['k8s.workloads'],
  uses: ['k8s.namespaces'],
  evaluate: perWorkload({
    level: 'restricted',
    linuxOnly: true,
    offences: eachContainer((c) =>
      c.allowPrivilegeEscalation === false
        ? undefined
        : c.allowPrivilegeEscalation === true
          ? 'sets allowPrivilegeEscalation: true'
          : 'does not set allowPrivilegeEscalation: false (it defaults to true)',
    ),
    what: 'lets containers escalate their privileges',
    passWords: 'sets allowPrivilegeEscalation: false on every container',
  }),
});
