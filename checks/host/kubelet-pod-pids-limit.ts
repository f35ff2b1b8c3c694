/**
 * CIS Kubernetes 4.2.13: a limit is set on the process IDs of each pod. Field `podPidsLimit`, flag
 * `--pod-max-pids`, default -1. The kubelet sets a pod's pids limit only for a value above 0: -1 and 0 leave pods
 * bounded by the node alone, and fail. A value that is not a whole number is refused by the kubelet: unknown.
 */
import { defineCheck } from '../../src/core/check';
import { evaluateKubelet } from './kubelet-setting';
import { parseWholeNumber } from './kubelet-values';

export default defineCheck({
  id: 'host.kubelet.pod-pids-limit',
  title: 'The kubelet limits the process IDs of each pod (podPidsLimit or --pod-max-pids above 0)',
  severity: 'medium',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '4.2.13' }],
  remediation:
    'Set podPidsLimit in the kubelet configuration file (or --pod-max-pids) to the most processes a pod may need ' +
    '(for example 4096), well below the kernel.pid_max of the node, then restart the kubelet.',
  requires: ['host.kubelet'],
  evaluate: (ctx) =>
    evaluateKubelet(ctx, {
      flag: 'pod-max-pids',
      path: ['podPidsLimit'],
      configDefault: '-1',
      flagDefault: '-1',
      label: 'the pod PID limit',
      invalid: (v) => (parseWholeNumber(v ?? '') === undefined ? 'not a whole number' : undefined),
      secure: (v) => (parseWholeNumber(v ?? '') ?? 0) > 0,
      expected: (v) => `${v}`,
      risk: "a pod is limited by the node's PIDs alone: one fork bomb can exhaust them and stop every other pod and the kubelet from starting processes",
    }),
});
