import { defineCheck } from '../../../src/core/check';
import { cis, eachContainer, effective, NSA_POD_SECURITY, perWorkload, unconfined } from './common';

const CONFINED = new Set(['RuntimeDefault', 'Localhost']);

export default defineCheck({
  id: 'k8s.workloads.seccomp',
  title: 'Every container runs with the RuntimeDefault (or a Localhost) seccomp profile',
  severity: 'medium',
  category: 'workload',
  targetKind: 'cluster',
  benchmarks: [cis('5.6.2'), NSA_POD_SECURITY],
  remediation:
    'Set `securityContext.seccompProfile.type: RuntimeDefault` on the pod (containers inherit it) and remove ' +
    '`Unconfined` from the containers named in the finding: without a profile the container may call every system ' +
    'call of the node kernel unless each kubelet runs with `--seccomp-default`. Label the namespace ' +
    '`pod-security.kubernetes.io/enforce=restricted` so admission requires it.',
  requires: ['k8s.workloads'],
  uses: ['k8s.namespaces'],
  evaluate: perWorkload({
    level: 'restricted',
    linuxOnly: true,
    offences: eachContainer((c, pod) => {
      const profile = effective(pod, c, 'seccompProfile');
      if (profile !== undefined && CONFINED.has(profile)) return undefined;
      return profile === undefined
        ? 'has no seccomp profile (Unconfined unless the kubelet defaults to RuntimeDefault)'
        : `runs with seccomp profile ${profile}`;
    }),
    what: 'runs containers without a seccomp profile',
    breaksBaseline: unconfined,
    passWords: 'runs every container with a RuntimeDefault or Localhost seccomp profile',
  }),
});
