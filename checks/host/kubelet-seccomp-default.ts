/**
 * CIS Kubernetes 4.2.14: the kubelet runs containers that name no seccomp profile under the runtime's default
 * profile. Field `seccompDefault`, flag `--seccomp-default`, default false; a boolean as Go reads it.
 */
import { defineCheck } from '../../src/core/check';
import { parseBool } from '../k8s/controlplane/flag-semantics';
import { evaluateKubelet } from './kubelet-setting';

export default defineCheck({
  id: 'host.kubelet.seccomp-default',
  title: 'The kubelet confines containers without a seccomp profile with RuntimeDefault (--seccomp-default)',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '4.2.14' }],
  remediation:
    'Set seccompDefault: true in the kubelet configuration file (or --seccomp-default), then restart the kubelet; ' +
    'workloads that need more system calls name their profile in securityContext.seccompProfile.',
  requires: ['host.kubelet'],
  evaluate: (ctx) =>
    evaluateKubelet(ctx, {
      flag: 'seccomp-default',
      path: ['seccompDefault'],
      configDefault: 'false',
      flagDefault: 'false',
      label: 'the default seccomp profile (RuntimeDefault for containers that name none)',
      invalid: (v) => (v !== undefined && parseBool(v) === undefined ? 'not a boolean' : undefined),
      secure: (v) => v !== undefined && parseBool(v) === true,
      expected: 'on',
      risk: 'containers that name no seccomp profile run Unconfined, with every system call open to them',
    }),
});
