import { defineCheck } from '../../../src/core/check';
import { listFlag, perApiServer } from '../authn/apiserver';

export default defineCheck({
  id: 'k8s.authz.node-restriction',
  title: 'The NodeRestriction admission plugin limits what kubelets can change',
  severity: 'medium',
  category: 'authz',
  targetKind: 'cluster',
  benchmarks: [{ framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '1.2.14' }],
  remediation:
    'Add NodeRestriction to --enable-admission-plugins (and keep it out of --disable-admission-plugins) in /etc/kubernetes/manifests/kube-apiserver.yaml, with --authorization-mode including Node, so a kubelet can only modify its own Node and the Pods bound to it.',
  requires: ['k8s.controlPlane'],
  evaluate: ({ facts, target }) =>
    perApiServer(
      facts['k8s.controlPlane'],
      target.name,
      (f) => {
        const enabled = [...listFlag(f['enable-admission-plugins']), ...listFlag(f['admission-control'])];
        if (listFlag(f['disable-admission-plugins']).includes('NodeRestriction')) {
          return { ok: false, seen: '--disable-admission-plugins disables NodeRestriction' };
        }
        return enabled.includes('NodeRestriction')
          ? { ok: true, seen: 'NodeRestriction is enabled' }
          : {
              ok: false,
              seen: `NodeRestriction is not in --enable-admission-plugins (${f['enable-admission-plugins'] ?? 'not set'})`,
            };
      },
      ['enable-admission-plugins', 'disable-admission-plugins', 'admission-control'],
    ),
});
