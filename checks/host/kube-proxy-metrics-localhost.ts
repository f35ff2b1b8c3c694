import { defineCheck } from '../../src/core/check';
import type { Finding } from '../../src/core/model';
import { isLoopback } from '../k8s/controlplane/flag-semantics';

/** kube-proxy's default metrics address, for the flag and for the configuration field alike. */
const DEFAULT = '127.0.0.1:10249';
const RESOURCE = { kind: 'KubeProxy', name: 'kube-proxy' };

/** The host part of `IP:port`, `[IPv6]:port` or a bare IP (the older flag form). */
export function bindHost(addr: string): string {
  const a = addr.trim();
  const bracketed = /^\[([^\]]*)\](?::\d*)?$/.exec(a);
  if (bracketed) return bracketed[1];
  if ((a.match(/:/g) ?? []).length > 1) return a;
  const i = a.lastIndexOf(':');
  return i >= 0 ? a.slice(0, i) : a;
}

export default defineCheck({
  id: 'host.kube-proxy.metrics-localhost',
  title: "kube-proxy serves its metrics on the node's loopback address only",
  severity: 'low',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '4.3.1' }],
  remediation:
    'Set metricsBindAddress: 127.0.0.1:10249 (or leave it empty) in the kube-proxy configuration (kubeadm and EKS: ' +
    'the kube-proxy or kube-proxy-config ConfigMap in kube-system), remove any --metrics-bind-address flag that ' +
    'names another address, then restart the kube-proxy Pods.',
  requires: ['host.kubeProxy'],
  evaluate: ({ facts, target }): Finding[] => {
    const p = facts['host.kubeProxy'];
    const host = target.name;
    if (p.running === false) {
      return [
        {
          status: 'not-applicable',
          resource: { kind: 'Host', name: host },
          message: `${host} runs no kube-proxy process${p.note ? ` (${p.note})` : ''}.`,
        },
      ];
    }
    if (p.running === null || !p.flags) {
      return [
        {
          status: 'unknown',
          resource: RESOURCE,
          message: `Could not assess kube-proxy on ${host}: ${p.note ?? 'its command line is not visible'}.`,
        },
      ];
    }
    let value: string;
    let from: string;
    if (p.flags.config !== undefined) {
      // With --config, kube-proxy takes its settings from the file and ignores the flags that duplicate them.
      if (p.configError || !p.configPath) {
        return [
          {
            status: 'unknown',
            resource: RESOURCE,
            message: `Could not assess kube-proxy on ${host}: its configuration file ${p.configPath ?? p.flags.config} ${p.configError ?? 'was not read'}.`,
          },
        ];
      }
      value = p.metricsBindAddress || DEFAULT;
      from = p.metricsBindAddress
        ? `${p.configPath}: metricsBindAddress`
        : `${p.configPath}: metricsBindAddress not set (default)`;
    } else {
      const flag = p.flags['metrics-bind-address'];
      value = flag || DEFAULT;
      from = flag ? 'flag --metrics-bind-address' : 'flag --metrics-bind-address not set (default)';
    }
    const ok = isLoopback(bindHost(value));
    const evidence = { value, from };
    return [
      ok
        ? {
            status: 'pass',
            resource: RESOURCE,
            message: `kube-proxy on ${host} serves metrics on ${value} (${from}).`,
            evidence,
          }
        : {
            status: 'fail',
            resource: RESOURCE,
            message: `kube-proxy on ${host} serves metrics on ${value} (${from}): reachable from other hosts.`,
            evidence,
          },
    ];
  },
});
