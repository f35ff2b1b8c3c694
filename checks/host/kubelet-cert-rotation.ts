import { defineCheck } from '../../src/core/check';
import { evaluateKubelet } from './kubelet-setting';

export default defineCheck({
  id: 'host.kubelet.cert-rotation',
  title: 'The kubelet rotates its client certificate',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '4.2.10' },
    {
      framework: 'NSA/CISA Kubernetes Hardening Guide',
      version: '1.2',
      control: 'Kubernetes Pod security / kubelet hardening',
    },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '3.2.8' },
  ],
  remediation:
    'Set rotateCertificates: true in the kubelet configuration file (or --rotate-certificates), then restart the kubelet; ' +
    'approve the kubelet CSRs (kube-controller-manager does it for node client certificates by default).',
  requires: ['host.kubelet'],
  evaluate: (ctx) =>
    evaluateKubelet(ctx, {
      flag: 'rotate-certificates',
      path: ['rotateCertificates'],
      configDefault: 'false',
      flagDefault: 'false',
      label: 'client certificate rotation',
      secure: (v) => v?.toLowerCase() === 'true',
      expected: 'on',
      risk: 'the client certificate must be renewed by hand before it expires, or the node drops out',
    }),
});
