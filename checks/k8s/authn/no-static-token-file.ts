import { defineCheck } from '../../../src/core/check';
import { perApiServer } from '../authn/apiserver';

export default defineCheck({
  id: 'k8s.authn.no-static-token-file',
  title: 'The API server does not accept static tokens (--token-auth-file)',
  severity: 'high',
  category: 'authn',
  targetKind: 'cluster',
  benchmarks: [{ framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '1.2.2' }],
  remediation:
    'Remove --token-auth-file from /etc/kubernetes/manifests/kube-apiserver.yaml on every control-plane node (static tokens never expire and cannot be revoked without a restart); authenticate people with OIDC or client certificates and workloads with ServiceAccount tokens.',
  requires: ['k8s.controlPlane'],
  evaluate: ({ facts, target }) =>
    perApiServer(
      facts['k8s.controlPlane'],
      target.name,
      (f) =>
        f['token-auth-file'] !== undefined
          ? { ok: false, seen: `--token-auth-file is set (${f['token-auth-file']})` }
          : { ok: true, seen: '--token-auth-file is not set' },
      ['token-auth-file'],
    ),
});
