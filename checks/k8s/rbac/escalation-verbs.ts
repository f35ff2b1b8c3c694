import { defineCheck } from '../../../src/core/check';
import { permissionEvaluator, q, queries } from './support';

export default defineCheck({
  id: 'k8s.rbac.escalation-verbs',
  title: 'No subject can bind, escalate or impersonate',
  severity: 'high',
  category: 'rbac',
  targetKind: 'cluster',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '5.1.8' },
    { framework: 'NSA/CISA Kubernetes Hardening Guide', version: '1.2', control: 'Authorization: least privilege' },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '4.1.8' },
  ],
  remediation:
    'Remove the bind and escalate verbs on roles/clusterroles and the impersonate verb on users, groups and serviceaccounts from the roles named in the evidence: each lets the subject grant itself more than it holds. Keep them for the few controllers that must delegate, with resourceNames where possible.',
  requires: ['k8s.rbac'],
  evaluate: permissionEvaluator(
    [
      ...queries(['bind', 'escalate'], 'rbac.authorization.k8s.io', ['roles', 'clusterroles']),
      ...queries(['impersonate'], '', ['users', 'groups', 'serviceaccounts']),
      q('impersonate', 'authentication.k8s.io', 'uids'),
      q('impersonate', 'authentication.k8s.io', 'userextras/scopes'),
    ],
    'can bind, escalate or impersonate',
    'cannot bind, escalate or impersonate',
  ),
});
