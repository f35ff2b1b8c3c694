import { defineCheck } from '../../../src/core/check';
import { perApiServer } from '../authn/apiserver';

export default defineCheck({
  id: 'k8s.authn.client-ca',
  title: 'The API server authenticates client certificates against a CA (--client-ca-file)',
  severity: 'high',
  category: 'authn',
  targetKind: 'cluster',
  benchmarks: [{ framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '1.2.25' }],
  remediation:
    'Set --client-ca-file=/etc/kubernetes/pki/ca.crt (the cluster CA) in /etc/kubernetes/manifests/kube-apiserver.yaml on every control-plane node, so client certificates are verified.',
  requires: ['k8s.controlPlane'],
  evaluate: ({ facts, target }) =>
    perApiServer(
      facts['k8s.controlPlane'],
      target.name,
      (f) =>
        f['client-ca-file']
          ? { ok: true, seen: `--client-ca-file is ${f['client-ca-file']}` }
          : { ok: false, seen: '--client-ca-file is not set' },
      ['client-ca-file'],
    ),
});
