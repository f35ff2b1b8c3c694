import { defineCheck } from '../../src/core/check';
import { evaluateKubelet } from './kubelet-setting';

export default defineCheck({
  id: 'host.kubelet.anonymous-auth-disabled',
  title: 'The kubelet rejects anonymous requests',
  severity: 'critical',
  category: 'host',
  targetKind: 'host',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '4.2.1' },
    {
      framework: 'NSA/CISA Kubernetes Hardening Guide',
      version: '1.2',
      control: 'Kubernetes Pod security / kubelet hardening',
    },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '3.2.1' },
  ],
  remediation:
    'Set authentication.anonymous.enabled: false in the kubelet configuration file (or --anonymous-auth=false), then ' +
    'restart the kubelet (systemctl restart kubelet).',
  requires: ['host.kubelet'],
  evaluate: (ctx) =>
    evaluateKubelet(ctx, {
      flag: 'anonymous-auth',
      path: ['authentication', 'anonymous', 'enabled'],
      configDefault: 'false',
      flagDefault: 'true',
      label: 'anonymous authentication',
      secure: (v) => v?.toLowerCase() === 'false',
      expected: 'disabled',
      risk: 'anyone who reaches port 10250 is served as system:anonymous',
    }),
});
