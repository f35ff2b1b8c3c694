import { defineCheck } from '../../src/core/check';
import { evaluateKubelet } from './kubelet-setting';

export default defineCheck({
  id: 'host.kubelet.read-only-port-disabled',
  title: 'The kubelet read-only port is disabled',
  severity: 'high',
  category: 'host',
  targetKind: 'host',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '4.2.4' },
    {
      framework: 'NSA/CISA Kubernetes Hardening Guide',
      version: '1.2',
      control: 'Kubernetes Pod security / kubelet hardening',
    },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '3.2.4' },
  ],
  remediation:
    'Set readOnlyPort: 0 in the kubelet configuration file (or --read-only-port=0), then restart the kubelet.',
  requires: ['host.kubelet'],
  evaluate: (ctx) =>
    evaluateKubelet(ctx, {
      flag: 'read-only-port',
      path: ['readOnlyPort'],
      configDefault: '0',
      flagDefault: '10255',
      label: 'the read-only port',
      secure: (v) => v === '0',
      expected: '0',
      risk: 'Pod specs and node metrics are served without authentication',
    }),
});
