import { defineCheck } from '../../src/core/check';
import { evaluateKubelet } from './kubelet-setting';

export default defineCheck({
  id: 'host.kubelet.client-ca',
  title: 'The kubelet authenticates clients with x509 certificates (client CA file set)',
  severity: 'high',
  category: 'host',
  targetKind: 'host',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '4.2.3' },
    {
      framework: 'NSA/CISA Kubernetes Hardening Guide',
      version: '1.2',
      control: 'Kubernetes Pod security / kubelet hardening',
    },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '3.2.3' },
  ],
  remediation:
    'Set authentication.x509.clientCAFile to the cluster CA (for example /etc/kubernetes/pki/ca.crt) in the kubelet ' +
    'configuration file (or --client-ca-file), then restart the kubelet.',
  requires: ['host.kubelet'],
  evaluate: (ctx) =>
    evaluateKubelet(ctx, {
      flag: 'client-ca-file',
      path: ['authentication', 'x509', 'clientCAFile'],
      configDefault: undefined,
      flagDefault: undefined,
      label: 'the client CA file',
      secure: (v) => v !== undefined && v !== '',
      expected: 'set',
      risk: 'the API server cannot authenticate to the kubelet with its client certificate',
    }),
});
