import { defineCheck } from '../../../src/core/check';
import { perApiServer } from '../authn/apiserver';

export default defineCheck({
  id: 'k8s.authn.no-static-password-file',
  title: 'The API server does not accept static passwords (--basic-auth-file)',
  severity: 'high',
  category: 'authn',
  targetKind: 'cluster',
  benchmarks: [{ framework: 'NSA/CISA Kubernetes Hardening Guide', version: '1.2', control: 'Authentication' }],
  remediation:
    'Remove --basic-auth-file from /etc/kubernetes/manifests/kube-apiserver.yaml on every control-plane node (basic authentication was removed in Kubernetes 1.19; its presence means an outdated or misconfigured server) and authenticate with OIDC or client certificates.',
  requires: ['k8s.controlPlane'],
  evaluate: ({ facts, target }) =>
    perApiServer(
      facts['k8s.controlPlane'],
      target.name,
      (f) =>
        f['basic-auth-file'] !== undefined
          ? { ok: false, seen: `--basic-auth-file is set (${f['basic-auth-file']})` }
          : { ok: true, seen: '--basic-auth-file is not set' },
      ['basic-auth-file'],
    ),
});
