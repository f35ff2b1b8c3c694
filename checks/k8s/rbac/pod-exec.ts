import { defineCheck } from '../../../src/core/check';
import { permissionEvaluator, q, queries } from './support';

export default defineCheck({
  id: 'k8s.rbac.pod-exec',
  title: 'Only the subjects that need it can exec into, attach to or port-forward Pods, or proxy to nodes',
  severity: 'high',
  category: 'rbac',
  targetKind: 'cluster',
  benchmarks: [
    { framework: 'NSA/CISA Kubernetes Hardening Guide', version: '1.2', control: 'Authorization: least privilege' },
  ],
  remediation:
    'Remove create (and get) on pods/exec, pods/attach and pods/portforward, and get on nodes/proxy, from the roles named in the evidence: they give a shell in running workloads and reach the kubelet API. Grant them just in time, in one namespace, for debugging.',
  requires: ['k8s.rbac'],
  evaluate: permissionEvaluator(
    [
      // get is listed too: exec over WebSocket was authorized with get before Kubernetes 1.30.
      ...queries(['create', 'get'], '', ['pods/exec', 'pods/attach', 'pods/portforward']),
      q('get', '', 'nodes/proxy'),
      q('create', '', 'nodes/proxy'),
    ],
    'can exec into, attach to or port-forward Pods, or proxy to nodes,',
    'cannot exec into, attach to or port-forward Pods, nor proxy to nodes',
  ),
});
