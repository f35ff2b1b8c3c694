import { defineCheck } from '../../../src/core/check';
import { cis, NSA_POD_SECURITY, perWorkload } from './common';

export default defineCheck({
  id: 'k8s.workloads.host-path',
  title: 'No workload mounts a hostPath volume',
  severity: 'high',
  category: 'workload',
  targetKind: 'cluster',
  benchmarks: [cis('5.2.11'), NSA_POD_SECURITY],
  remediation:
    'Replace the hostPath volumes named in the finding with emptyDir, ConfigMap, Secret or PersistentVolumeClaim ' +
    'volumes: a hostPath gives the pod files of the node (the container runtime socket, kubelet credentials). Label ' +
    'the namespace `pod-security.kubernetes.io/enforce=baseline` (or restricted) so admission rejects them.',
  requires: ['k8s.workloads'],
  uses: ['k8s.namespaces'],
  evaluate: perWorkload({
    level: 'baseline',
    offences: (pod) => (pod.hostPathVolumes ?? []).map((v) => `volume ${v.name} mounts hostPath ${v.path}`),
    what: 'mounts hostPath volumes',
    passWords: 'mounts no hostPath volume',
  }),
});
