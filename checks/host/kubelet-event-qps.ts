/**
 * CIS Kubernetes 4.2.8 / EKS 3.2.7: the kubelet records events at a rate that captures them. Field
 * `eventRecordQPS`, flag `--event-qps`, default 50 per second (the KubeletConfiguration reference; kubelets before
 * 1.27 defaulted to 5), 0 meaning no limit. Both benchmarks leave "appropriate" to the reader: the EKS title accepts
 * 0, and both rationales ask that events are not dropped. Our reading: 0 (every event recorded) and any rate of at
 * least the kubelet's default pass; a positive rate below the default fails, as events beyond it are dropped; a
 * negative or non-whole value is refused by the kubelet and is unknown. The cost of 0 (a busy node may flood the API
 * server with events) is the operator's trade-off, stated in docs/host.md.
 */
import { defineCheck } from '../../src/core/check';
import { evaluateKubelet } from './kubelet-setting';
import { parseWholeNumber } from './kubelet-values';

/** The kubelet's default event rate: the lowest one this check accepts, besides 0 (unlimited). */
export const DEFAULT_EVENT_QPS = 50;

export default defineCheck({
  id: 'host.kubelet.event-qps',
  title: 'The kubelet records events without dropping them (eventRecordQPS 0 or at least its default of 50)',
  severity: 'low',
  category: 'host',
  targetKind: 'host',
  benchmarks: [
    { framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '4.2.8' },
    { framework: 'CIS Amazon EKS Benchmark', version: '1.8.0', control: '3.2.7' },
  ],
  remediation:
    'Remove eventRecordQPS from the kubelet configuration file (default 50 events per second), or set it to 0 ' +
    '(no limit) or to a rate of at least 50 that the API server can absorb; remove a lower --event-qps from the ' +
    'kubelet flags, then restart the kubelet.',
  requires: ['host.kubelet'],
  evaluate: (ctx) =>
    evaluateKubelet(ctx, {
      flag: 'event-qps',
      path: ['eventRecordQPS'],
      configDefault: String(DEFAULT_EVENT_QPS),
      flagDefault: String(DEFAULT_EVENT_QPS),
      label: 'the event record rate (eventRecordQPS, events per second)',
      invalid: (v) => {
        const n = parseWholeNumber(v ?? '');
        if (n === undefined) return 'not a whole number';
        return n < 0 ? 'negative' : undefined;
      },
      secure: (v) => {
        const n = parseWholeNumber(v ?? '') ?? 0;
        return n === 0 || n >= DEFAULT_EVENT_QPS;
      },
      expected: (v) => (parseWholeNumber(v ?? '') === 0 ? '0, no limit' : `${v}, at least ${DEFAULT_EVENT_QPS}`),
      risk: `events beyond that rate are dropped, below the kubelet's default of ${DEFAULT_EVENT_QPS} per second, and with them the record of what happened on the node`,
    }),
});
