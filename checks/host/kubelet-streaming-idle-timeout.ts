/**
 * CIS Kubernetes 4.2.5 / EKS 3.2.5: the idle timeout of the kubelet's streaming connections (exec, attach,
 * port-forward) is not 0. Field `streamingConnectionIdleTimeout`, flag `--streaming-connection-idle-timeout`, both
 * defaulting to 4h; a Go duration. Since the container runtime serves the streams (CRI), the runtime's own stream
 * idle timeout is the one that closes them, and Kubernetes 1.34 marks the kubelet field as having no effect: a pass
 * says the kubelet is not configured to keep idle streams open, which is what the benchmark asks, not that the
 * runtime closes them (docs/host.md).
 */
import { defineCheck } from '../../src/core/check';
import { evaluateKubelet } from './kubelet-setting';
import { parseGoDuration } from './kubelet-values';

export default defineCheck({
  id: 'host.kubelet.streaming-idle-timeout',
  title: 'The kubelet closes idle streaming connections (--streaming-connection-idle-timeout is not 0)',
  severity: 'low',
  category: 'host',
  targetKind: 'host',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '4.2.5' },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '3.2.5' },
  ],
  remediation:
    'Set streamingConnectionIdleTimeout to a positive duration (the default 4h0m0s, or shorter such as 5m) in the ' +
    'kubelet configuration file, remove --streaming-connection-idle-timeout=0 from its flags, then restart the kubelet.',
  requires: ['host.kubelet'],
  evaluate: (ctx) =>
    evaluateKubelet(ctx, {
      flag: 'streaming-connection-idle-timeout',
      path: ['streamingConnectionIdleTimeout'],
      configDefault: '4h0m0s',
      flagDefault: '4h0m0s',
      label: 'the streaming connection idle timeout',
      invalid: (v) =>
        v !== undefined && parseGoDuration(v) === undefined
          ? 'not a duration (a number with a unit: 5m, 4h0m0s)'
          : undefined,
      secure: (v) => (parseGoDuration(v ?? '') ?? 0) > 0,
      expected: (v) => `${v}, above 0`,
      risk: 'idle exec, attach and port-forward sessions are never closed, holding connections and ports open',
    }),
});
