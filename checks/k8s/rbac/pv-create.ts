import { defineCheck } from '../../../src/core/check';
import { permissionEvaluator, q } from './support';

export default defineCheck({
  id: 'k8s.rbac.pv-create',
  title: 'Only the subjects that need it can create PersistentVolumes',
  severity: 'high',
  category: 'rbac',
  targetKind: 'cluster',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '5.1.9' },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '4.1.9' },
    { framework: 'NSA/CISA Kubernetes Hardening Guide', version: '1.2', control: 'Authorization: least privilege' },
  ],
  remediation:
    'Remove create on persistentvolumes from the roles named in the evidence: a PersistentVolume can point at any ' +
    'path of a node (hostPath) and hand it to a pod, which Pod Security admission does not see. Let a StorageClass ' +
    'provisioner create volumes and give users create on persistentvolumeclaims instead.',
  requires: ['k8s.rbac'],
  evaluate: permissionEvaluator(
    [q('create', '', 'persistentvolumes')],
    'can create PersistentVolumes',
    'cannot create PersistentVolumes',
  ),
});
