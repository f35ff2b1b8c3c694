import { defineCheck } from '../../../src/core/check';
import { suiteList, weakSuites } from '../../../src/core/ciphers';
import { cis, NSA_TLS } from './common';

/**
 * The kubelet half of `k8s.tls.cipher-suites`. Its settings live on each node (flags of the running process, then the
 * KubeletConfiguration file), which only the host probe sees, so this check runs on host targets. A flag overrides
 * the file, as in the kubelet.
 */
export default defineCheck({
  id: 'k8s.tls.kubelet-cipher-suites',
  title: 'The kubelet allows only strong TLS cipher suites',
  severity: 'medium',
  category: 'tls',
  targetKind: 'host',
  benchmarks: [cis('4.2.12'), NSA_TLS],
  remediation:
    'Set `tlsCipherSuites` in the kubelet configuration file (/var/lib/kubelet/config.yaml) to strong suites only: ' +
    '[TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256, TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256, ' +
    'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305, TLS_ECDHE_RSA_WITH_AES_256_GCM_SHA384, ' +
    'TLS_ECDHE_RSA_WITH_CHACHA20_POLY1305, TLS_ECDHE_ECDSA_WITH_AES_256_GCM_SHA384], or the same list as ' +
    '`--tls-cipher-suites`, then restart the kubelet.',
  requires: ['host.kubelet'],
  evaluate({ facts, target }) {
    const k = facts['host.kubelet'];
    const resource = { kind: 'Kubelet', name: target.name };
    if (!k.present) return [{ status: 'not-applicable', resource, message: `No kubelet runs on ${target.name}.` }];
    const flag = k.flags?.['tls-cipher-suites'];
    const fromConfig = k.config?.tlsCipherSuites;
    let suites: string[] | null = null;
    let source = '';
    if (flag !== undefined && flag.trim() !== '') {
      suites = suiteList(flag);
      source = '--tls-cipher-suites';
    } else if (Array.isArray(fromConfig) && fromConfig.length > 0) {
      suites = fromConfig.filter((x): x is string => typeof x === 'string');
      source = `tlsCipherSuites in ${k.configPath ?? 'the kubelet configuration'}`;
    }
    if (suites === null) {
      if (k.flags === null && k.config === null) {
        const why =
          [k.flagsNote, k.configError].filter(Boolean).join('; ') ||
          'neither the flags nor the configuration are visible';
        return [
          {
            status: 'unknown',
            resource,
            message: `Could not assess the kubelet on ${target.name}: ${why.replace(/\.$/, '')}.`,
          },
        ];
      }
      // A configuration file that could not be read may set the suites: nothing is known.
      if (k.config === null && k.configError) {
        return [
          {
            status: 'unknown',
            resource,
            message: `Could not assess the kubelet on ${target.name}: ${k.configPath ?? 'its configuration'} is unusable (${k.configError.replace(/\.$/, '')}).`,
          },
        ];
      }
      return [
        {
          status: 'fail',
          resource,
          message: `The kubelet on ${target.name} sets no cipher suites: Go's default suites include CBC suites.`,
          evidence: { configPath: k.configPath },
        },
      ];
    }
    const weak = weakSuites(suites);
    if (weak.length > 0) {
      return [
        {
          status: 'fail',
          severity: weak.some((w) => w.strength === 'insecure') ? 'high' : 'medium',
          resource,
          message: `The kubelet on ${target.name} allows ${weak.map((w) => w.name).join(', ')} (${source}).`,
          evidence: { source, weak },
        },
      ];
    }
    return [
      {
        status: 'pass',
        resource,
        message: `The kubelet on ${target.name} allows only strong suites (${source}).`,
        evidence: { suites },
      },
    ];
  },
});
