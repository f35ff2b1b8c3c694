import { defineCheck } from '../../../src/core/check';
import { permissionEvaluator, q, queries } from './support';

export default defineCheck({
  id: 'k8s.rbac.workload-create',
  title: 'Only the subjects that need it can create Pods or pod controllers',
  severity: 'medium',
  category: 'rbac',
  targetKind: 'cluster',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '5.1.4' },
    { framework: 'NSA/CISA Kubernetes Hardening Guide', version: '1.2', control: 'Authorization: least privilege' },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '4.1.4' },
  ],
  remediation:
    'Whoever creates a Pod can run it as any ServiceAccount of the namespace and mount its Secrets: remove create on pods, deployments, daemonsets, statefulsets, replicasets, replicationcontrollers, jobs and cronjobs from the roles named in the evidence unless the subject deploys workloads (CI/CD, controllers), and scope it to their namespaces.',
  requires: ['k8s.rbac'],
  evaluate: permissionEvaluator(
    [
      q('create', '', 'pods'),
      q('create', '', 'replicationcontrollers'),
      ...queries(['create'], 'apps', ['deployments', 'daemonsets', 'statefulsets', 'replicasets']),
      ...queries(['create'], 'batch', ['jobs', 'cronjobs']),
    ],
    'can create Pods or pod controllers',
    'cannot create Pods or pod controllers',
  ),
});
