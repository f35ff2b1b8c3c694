import { defineCheck } from '../../../src/core/check';
import { permissionEvaluator, queries } from './support';

export default defineCheck({
  id: 'k8s.rbac.nodes-proxy',
  title: 'Only the subjects that need it can use the proxy subresource of Nodes',
  severity: 'high',
  category: 'rbac',
  targetKind: 'cluster',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '5.1.10' },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '4.1.10' },
    { framework: 'NSA/CISA Kubernetes Hardening Guide', version: '1.2', control: 'Authorization: least privilege' },
  ],
  remediation:
    'Remove nodes/proxy from the roles named in the evidence: it reaches the kubelet API of every node through the ' +
    'API server, past admission and audit of the pods it touches (run commands in any container, read logs and ' +
    'metrics). Monitoring agents need only the metrics endpoints (nodes/metrics, nodes/stats).',
  requires: ['k8s.rbac'],
  // get is enough to run commands: the kubelet authorizes a WebSocket upgrade of its exec endpoint as a GET.
  evaluate: permissionEvaluator(
    queries(['get', 'create', 'update', 'patch', 'delete'], '', ['nodes/proxy']),
    'can use the proxy subresource of Nodes',
    'cannot use the proxy subresource of Nodes',
  ),
});
