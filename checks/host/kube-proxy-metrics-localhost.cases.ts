import type { HostKubeProxy } from '../../src/core/facts/host';
import type { FactSet } from '../../src/core/model';
import { defineCases } from '../../test/support/cases';
import check from './kube-proxy-metrics-localhost';

const proxy = (p: HostKubeProxy): FactSet => ({ 'host.kubeProxy': { ok: true, value: p } });
const CONFIG = '/var/lib/kube-proxy/config.conf';
const withConfig = (metricsBindAddress?: string, flags: Record<string, string> = {}) =>
  proxy({
    running: true,
    flags: { config: CONFIG, ...flags },
    configPath: CONFIG,
    ...(metricsBindAddress !== undefined ? { metricsBindAddress } : {}),
  });

export default defineCases(check, [
  {
    name: "passes kubeadm's configuration, which leaves metricsBindAddress empty (the loopback default)",
    facts: withConfig(''),
    expect: [
      {
        status: 'pass',
        kind: 'KubeProxy',
        resource: 'kube-proxy',
        message:
          'kube-proxy on node-1 serves metrics on 127.0.0.1:10249 (/var/lib/kube-proxy/config.conf: metricsBindAddress not set (default)).',
        evidence: { value: '127.0.0.1:10249' },
      },
    ],
  },
  {
    name: 'fails a configuration file binding metrics on every address',
    facts: withConfig('0.0.0.0:10249'),
    expect: [
      {
        status: 'fail',
        message: 'serves metrics on 0.0.0.0:10249 (/var/lib/kube-proxy/config.conf: metricsBindAddress)',
      },
    ],
  },
  {
    name: 'judges the configuration file, not a flag it overrides',
    facts: withConfig('127.0.0.1:10249', { 'metrics-bind-address': '0.0.0.0:10249' }),
    expect: [{ status: 'pass' }],
  },
  {
    name: 'passes the IPv6 loopback [::1]:10249',
    facts: withConfig('[::1]:10249'),
    expect: [{ status: 'pass' }],
  },
  {
    name: 'fails an address without a host part (every address)',
    facts: withConfig(':10249'),
    expect: [{ status: 'fail' }],
  },
  {
    name: 'fails the flag naming a node address without a configuration file',
    facts: proxy({ running: true, flags: { 'metrics-bind-address': '10.0.0.7' } }),
    expect: [{ status: 'fail', message: 'on 10.0.0.7 (flag --metrics-bind-address)' }],
  },
  {
    name: 'passes on the flag default without a configuration file',
    facts: proxy({ running: true, flags: { v: '2' } }),
    expect: [{ status: 'pass', message: 'flag --metrics-bind-address not set (default)' }],
  },
  {
    name: 'is unknown when the configuration file could not be read',
    facts: proxy({
      running: true,
      flags: { config: CONFIG },
      configPath: CONFIG,
      configError: 'not readable through /proc (the probe must run as root)',
    }),
    expect: [{ status: 'unknown', message: 'not readable through /proc' }],
  },
  {
    name: 'is unknown under a host root, where the Pod process is not visible',
    facts: proxy({
      running: null,
      flags: null,
      note: 'kube-proxy runs in a Pod: its command line is visible on a live host only',
    }),
    expect: [{ status: 'unknown', message: 'visible on a live host only' }],
  },
  {
    name: 'is not applicable where no kube-proxy runs (a CNI replaces it)',
    facts: proxy({ running: false, flags: null, note: 'no kube-proxy process is running' }),
    expect: [{ status: 'not-applicable', kind: 'Host' }],
  },
]);
