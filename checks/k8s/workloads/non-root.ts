import { defineCheck } from '../../../src/core/check';
import { cis, eachContainer, effective, NSA_NON_ROOT, perWorkload } from './common';

/**
 * A container is judged by the user it will run as: a non-zero runAsUser, or runAsNonRoot: true (the kubelet then
 * refuses to start it as UID 0), pass. With neither, the image's USER decides, which the API does not show.
 */
export default defineCheck({
  id: 'k8s.workloads.non-root',
  title: 'Every container is required to run as a non-root user',
  severity: 'medium',
  category: 'workload',
  targetKind: 'cluster',
  benchmarks: [cis('5.2.7'), NSA_NON_ROOT],
  remediation:
    'Set `securityContext.runAsNonRoot: true` on the pod (or every container named in the finding), and a non-zero ' +
    '`runAsUser` where the image does not define a non-root USER; remove `runAsUser: 0`. Label the namespace ' +
    '`pod-security.kubernetes.io/enforce=restricted` so admission requires it.',
  requires: ['k8s.workloads'],
  uses: ['k8s.namespaces'],
  evaluate: perWorkload({
    level: 'restricted',
    linuxOnly: true,
    offences: eachContainer((c, pod) => {
      const uid = effective(pod, c, 'runAsUser');
      const nonRoot = effective(pod, c, 'runAsNonRoot');
      if (uid === 0) return 'runs as UID 0 (runAsUser: 0)';
      if (uid !== undefined || nonRoot === true) return undefined;
      return nonRoot === false
        ? 'sets runAsNonRoot: false and no runAsUser, so it may run as root'
        : 'sets neither runAsNonRoot: true nor a non-zero runAsUser, so the image decides whether it runs as root';
    }),
    what: 'may run containers as root',
    passWords: 'runs every container as a non-root user',
  }),
});
