import { defineCheck } from '../../../src/core/check';
import { listFlag, perApiServer } from '../authn/apiserver';

export default defineCheck({
  id: 'k8s.authz.mode',
  title: 'The API server authorizes with Node and RBAC, never AlwaysAllow',
  severity: 'critical',
  category: 'authz',
  targetKind: 'cluster',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '1.2.6' },
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '1.2.7' },
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '1.2.8' },
  ],
  remediation:
    'Set --authorization-mode=Node,RBAC in /etc/kubernetes/manifests/kube-apiserver.yaml on every control-plane node; never include AlwaysAllow (every request would be allowed).',
  requires: ['k8s.controlPlane'],
  evaluate: ({ facts, target }) =>
    perApiServer(
      facts['k8s.controlPlane'],
      target.name,
      (f) => {
        if (f['authorization-config'] !== undefined && f['authorization-mode'] === undefined) {
          return {
            ok: false,
            seen: `authorization comes from --authorization-config=${f['authorization-config']}, which the scanner cannot read; set --authorization-mode=Node,RBAC or review that file`,
            severity: 'medium',
          };
        }
        const modes = listFlag(f['authorization-mode'] ?? 'AlwaysAllow');
        const shown =
          f['authorization-mode'] === undefined ? 'not set (defaults to AlwaysAllow)' : f['authorization-mode'];
        if (modes.includes('AlwaysAllow'))
          return { ok: false, seen: `--authorization-mode is ${shown}: every request is allowed` };
        const missing = ['Node', 'RBAC'].filter((m) => !modes.includes(m));
        return missing.length > 0
          ? { ok: false, seen: `--authorization-mode is ${shown}, without ${missing.join(' and ')}`, severity: 'high' }
          : { ok: true, seen: `--authorization-mode is ${shown}` };
      },
      ['authorization-mode', 'authorization-config'],
    ),
});
