import { defineCheck } from '../../../src/core/check';
import { listFlag, perApiServer } from '../authn/apiserver';

export default defineCheck({
  id: 'k8s.authz.no-abac',
  title: 'The API server does not use ABAC authorization',
  severity: 'high',
  category: 'authz',
  targetKind: 'cluster',
  benchmarks: [
    { framework: 'NSA/CISA Kubernetes Hardening Guide', version: '1.2', control: 'Authorization: RBAC, not ABAC' },
  ],
  remediation:
    'Remove ABAC from --authorization-mode and drop --authorization-policy-file in /etc/kubernetes/manifests/kube-apiserver.yaml: ABAC policies live in a file on the control plane, need a restart to change and grant by attribute rather than by role. Express the same access as RBAC roles and bindings.',
  requires: ['k8s.controlPlane'],
  evaluate: ({ facts, target }) =>
    perApiServer(
      facts['k8s.controlPlane'],
      target.name,
      (f) => {
        const modes = listFlag(f['authorization-mode']);
        if (modes.includes('ABAC'))
          return { ok: false, seen: `--authorization-mode is ${f['authorization-mode']}, which enables ABAC` };
        return {
          ok: true,
          seen: `ABAC is not enabled (--authorization-mode is ${f['authorization-mode'] ?? 'not set'})`,
        };
      },
      ['authorization-mode', 'authorization-policy-file'],
    ),
});
