import { defineCheck } from '../../../src/core/check';
import { permissionEvaluator, q } from './support';

export default defineCheck({
  id: 'k8s.rbac.token-create',
  title: 'Only the subjects that need it can create ServiceAccount tokens',
  severity: 'high',
  category: 'rbac',
  targetKind: 'cluster',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '5.1.13' },
    { framework: 'NSA/CISA Kubernetes Hardening Guide', version: '1.2', control: 'Authorization: least privilege' },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '4.1.12' },
  ],
  remediation:
    'Remove create on serviceaccounts/token from the roles named in the evidence: it mints a token for any ServiceAccount in scope and acts with its rights. Leave it to the kubelet and the few controllers that request tokens.',
  requires: ['k8s.rbac'],
  evaluate: permissionEvaluator(
    [q('create', '', 'serviceaccounts/token')],
    'can create ServiceAccount tokens',
    'cannot create ServiceAccount tokens',
  ),
});
