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
    name: 'passes an IPv6 loopback written with spaces around it in the configuration file',
    facts: withConfig(' [::1]:10249 '),
    expect: [{ status: 'pass', evidence: { value: ' [::1]:10249 ' } }],
  },
  {
    name: 'passes the bare IPv6 loopback ::1 in the flag (the older form, without a port)',
    facts: proxy({ running: true, flags: { 'metrics-bind-address': '::1' } }),
    expect: [{ status: 'pass', message: 'kube-proxy on node-1 serves metrics on ::1 (flag --metrics-bind-address).' }],
  },
  {
    name: 'passes the bare IPv4 loopback 127.0.0.1 in the flag (the older form, without a port)',
    facts: proxy({ running: true, flags: { 'metrics-bind-address': '127.0.0.1' } }),
    expect: [{ status: 'pass', evidence: { value: '127.0.0.1', from: 'flag --metrics-bind-address' } }],
  },
  {
    name: 'fails a URL before a loopback address: it is not an address kube-proxy binds',
    facts: withConfig('http://[::1]:10249'),
    expect: [
      {
        status: 'fail',
        message:
          'kube-proxy on node-1 serves metrics on http://[::1]:10249 (/var/lib/kube-proxy/config.conf: metricsBindAddress): reachable from other hosts.',
      },
    ],
  },
  {
    name: 'fails a loopback address followed by a URL path: it is not an address kube-proxy binds',
    facts: withConfig('[::1]:10249/metrics'),
    expect: [{ status: 'fail', evidence: { value: '[::1]:10249/metrics' } }],
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
    name: 'is unknown when --config names a file the probe did not read, naming the file',
    facts: proxy({ running: true, flags: { config: CONFIG } }),
    expect: [
      {
        status: 'unknown',
        kind: 'KubeProxy',
        message: `Could not assess kube-proxy on node-1: its configuration file ${CONFIG} was not read.`,
      },
    ],
  },
  {
    name: 'is unknown naming the configuration file by its full path when --config gave a relative one',
    facts: proxy({
      running: true,
      flags: { config: 'config.conf' },
      configPath: CONFIG,
      configError: 'is not readable',
    }),
    expect: [{ status: 'unknown', message: `its configuration file ${CONFIG} is not readable.` }],
  },
  {
    name: 'is unknown when a kube-proxy runs but its command line was not read',
    facts: proxy({ running: true, flags: null }),
    expect: [
      {
        status: 'unknown',
        kind: 'KubeProxy',
        resource: 'kube-proxy',
        message: 'Could not assess kube-proxy on node-1: its command line is not visible.',
      },
    ],
  },
  {
    name: 'is unknown when the probe cannot tell whether kube-proxy runs, whatever flags it reports',
    facts: proxy({ running: null, flags: { 'metrics-bind-address': '127.0.0.1:10249' }, note: 'not known' }),
    expect: [{ status: 'unknown', message: 'Could not assess kube-proxy on node-1: not known.' }],
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
    expect: [
      {
        status: 'not-applicable',
        kind: 'Host',
        resource: 'node-1',
        message: 'node-1 runs no kube-proxy process (no kube-proxy process is running).',
      },
    ],
  },
  {
    name: 'is not applicable where no kube-proxy runs, without a note',
    facts: proxy({ running: false, flags: null }),
    expect: [{ status: 'not-applicable', message: 'node-1 runs no kube-proxy process.' }],
  },
]);
