import { defineCheck } from '../../src/core/check';
import { evaluateKubelet } from './kubelet-setting';

export default defineCheck({
  id: 'host.kubelet.webhook-authz',
  title: 'The kubelet authorizes requests through the API server (Webhook mode)',
  severity: 'critical',
  category: 'host',
  targetKind: 'host',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '4.2.2' },
    {
      framework: 'NSA/CISA Kubernetes Hardening Guide',
      version: '1.2',
      control: 'Kubernetes Pod security / kubelet hardening',
    },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '3.2.2' },
  ],
  remediation:
    'Set authorization.mode: Webhook in the kubelet configuration file (or --authorization-mode=Webhook) with ' +
    'authentication.webhook.enabled: true, then restart the kubelet.',
  requires: ['host.kubelet'],
  evaluate: (ctx) =>
    evaluateKubelet(ctx, {
      flag: 'authorization-mode',
      path: ['authorization', 'mode'],
      configDefault: 'Webhook',
      flagDefault: 'AlwaysAllow',
      label: 'the authorization mode',
      secure: (v) => v === 'Webhook',
      expected: 'Webhook',
      risk: 'every authenticated request is allowed, exec into any Pod included',
    }),
});
