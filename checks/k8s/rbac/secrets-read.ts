import { defineCheck } from '../../../src/core/check';
import { permissionEvaluator, queries } from './support';

export default defineCheck({
  id: 'k8s.rbac.secrets-read',
  title: 'Only the subjects that need it can read Secrets',
  severity: 'high',
  category: 'rbac',
  targetKind: 'cluster',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '5.1.2' },
    { framework: 'NSA/CISA Kubernetes Hardening Guide', version: '1.2', control: 'Authorization: least privilege' },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '4.1.2' },
  ],
  remediation:
    'Remove get, list and watch on secrets from the roles named in the evidence (list access returns every Secret of the scope in full), or bind those roles more narrowly; where a workload needs one Secret, grant get with resourceNames: [NAME] in its namespace.',
  requires: ['k8s.rbac'],
  evaluate: permissionEvaluator(
    queries(['get', 'list', 'watch'], '', ['secrets']),
    'can read Secrets',
    'cannot read Secrets',
  ),
});
