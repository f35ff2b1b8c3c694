import { defineCheck } from '../../../src/core/check';
import { permissionEvaluator, queries } from './support';

export default defineCheck({
  id: 'k8s.rbac.webhook-config',
  title: 'Only the subjects that need it can change admission webhook configurations',
  severity: 'high',
  category: 'rbac',
  targetKind: 'cluster',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '5.1.12' },
    { framework: 'NSA/CISA Kubernetes Hardening Guide', version: '1.2', control: 'Authorization: least privilege' },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '4.1.11' },
  ],
  remediation:
    'Remove create, update and patch on validatingwebhookconfigurations and mutatingwebhookconfigurations (admissionregistration.k8s.io) from the roles named in the evidence: a webhook sees and can rewrite every object sent to the API server. Keep it for the operator that owns the webhook, with resourceNames.',
  requires: ['k8s.rbac'],
  evaluate: permissionEvaluator(
    queries(['create', 'update', 'patch'], 'admissionregistration.k8s.io', [
      'validatingwebhookconfigurations',
      'mutatingwebhookconfigurations',
    ]),
    'can change admission webhook configurations',
    'cannot change admission webhook configurations',
  ),
});
