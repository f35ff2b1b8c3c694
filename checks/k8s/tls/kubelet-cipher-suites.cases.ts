import type { HostKubelet } from '../../../src/core/facts/host';
import type { FactSet } from '../../../src/core/model';
import { defineCases } from '../../../test/support/cases';
import check from './kubelet-cipher-suites';

const kubelet = (k: Partial<HostKubelet>): FactSet => ({
  'host.kubelet': {
    ok: true,
    value: { present: true, flags: {}, config: {}, configPath: '/var/lib/kubelet/config.yaml', ...k },
  },
});

export default defineCases(check, [
  {
    name: 'passes strong tlsCipherSuites in the kubelet configuration',
    facts: kubelet({
      config: { tlsCipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_ECDHE_ECDSA_WITH_CHACHA20_POLY1305'] },
    }),
    expect: [{ status: 'pass', resource: 'node-1', kind: 'Kubelet' }],
  },
  {
    name: 'fails when the flag overrides a strong file with a CBC suite',
    facts: kubelet({
      flags: { 'tls-cipher-suites': 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256,TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA' },
      config: { tlsCipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'] },
    }),
    expect: [
      { status: 'fail', severity: 'medium', message: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (--tls-cipher-suites)' },
    ],
  },
  {
    name: 'fails high on RC4',
    facts: kubelet({ config: { tlsCipherSuites: ['TLS_ECDHE_RSA_WITH_RC4_128_SHA'] } }),
    expect: [{ status: 'fail', severity: 'high' }],
  },
  {
    name: 'fails when neither the flags nor the file set suites',
    facts: kubelet({}),
    expect: [{ status: 'fail', message: 'sets no cipher suites' }],
  },
  {
    name: 'is not applicable on a host without a kubelet',
    facts: kubelet({ present: false, flags: null, config: null }),
    expect: [{ status: 'not-applicable' }],
  },
  {
    name: 'is unknown when neither the flags nor the configuration are visible',
    facts: kubelet({
      flags: null,
      flagsNote: 'no kubelet process visible',
      config: null,
      configError: 'permission denied',
    }),
    expect: [{ status: 'unknown', message: 'no kubelet process visible; permission denied' }],
  },
  {
    name: 'pins the whole pass sentence, the file it came from and the suites',
    facts: kubelet({
      config: { tlsCipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 42, 'TLS_AES_128_GCM_SHA256'] },
    }),
    expect: [
      {
        status: 'pass',
        resource: 'node-1',
        kind: 'Kubelet',
        message: 'The kubelet on node-1 allows only strong suites (tlsCipherSuites in /var/lib/kubelet/config.yaml).',
        evidence: { suites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256', 'TLS_AES_128_GCM_SHA256'] },
      },
    ],
  },
  {
    name: 'ignores a blank flag and judges the file, naming the configuration when its path is unknown',
    facts: kubelet({
      flags: { 'tls-cipher-suites': '  ' },
      configPath: undefined,
      config: { tlsCipherSuites: ['TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', 'TLS_RSA_WITH_3DES_EDE_CBC_SHA'] },
    }),
    expect: [
      {
        status: 'fail',
        severity: 'high',
        message:
          'The kubelet on node-1 allows TLS_RSA_WITH_3DES_EDE_CBC_SHA, TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA (tlsCipherSuites in the kubelet configuration).',
        evidence: {
          source: 'tlsCipherSuites in the kubelet configuration',
          weak: [
            { name: 'TLS_RSA_WITH_3DES_EDE_CBC_SHA', strength: 'insecure' },
            { name: 'TLS_ECDHE_RSA_WITH_AES_128_CBC_SHA', strength: 'weak' },
          ],
        },
      },
    ],
  },
  {
    name: 'passes a strong flag, naming it',
    facts: kubelet({ flags: { 'tls-cipher-suites': 'TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256' } }),
    expect: [
      {
        status: 'pass',
        message: 'The kubelet on node-1 allows only strong suites (--tls-cipher-suites).',
        evidence: { suites: ['TLS_ECDHE_RSA_WITH_AES_128_GCM_SHA256'] },
      },
    ],
  },
  {
    name: 'fails an empty tlsCipherSuites list (Go defaults apply), whole sentence',
    facts: kubelet({ config: { tlsCipherSuites: [] } }),
    expect: [
      {
        status: 'fail',
        resource: 'node-1',
        message: "The kubelet on node-1 sets no cipher suites: Go's default suites include CBC suites.",
        evidence: { configPath: '/var/lib/kubelet/config.yaml' },
      },
    ],
  },
  {
    name: 'fails from the file when the flags are not visible',
    facts: kubelet({ flags: null, flagsNote: 'no kubelet process visible' }),
    expect: [{ status: 'fail', message: 'sets no cipher suites' }],
  },
  {
    name: 'is unknown, not fail, when the flags set nothing and the configuration file is unusable (whole reason)',
    facts: kubelet({ config: null, configError: 'open config.yaml: permission denied.' }),
    expect: [
      {
        status: 'unknown',
        resource: 'node-1',
        message:
          'Could not assess the kubelet on node-1: /var/lib/kubelet/config.yaml is unusable (open config.yaml: permission denied).',
      },
    ],
  },
  {
    name: 'is unknown when the drop-ins of an unknown configuration path are unusable',
    facts: kubelet({ config: null, configPath: undefined, configError: 'drop-ins: not read.' }),
    expect: [
      {
        status: 'unknown',
        message: 'Could not assess the kubelet on node-1: its configuration is unusable (drop-ins: not read).',
      },
    ],
  },
  {
    name: 'fails without a configuration file when the flags set nothing',
    facts: kubelet({ config: null, configPath: undefined }),
    expect: [{ status: 'fail', message: 'sets no cipher suites' }],
  },
  {
    name: 'is unknown with one reason, or a default reason, and drops a trailing period',
    facts: kubelet({ flags: null, config: null, configError: 'drop-in 10.conf: not read.' }),
    expect: [
      {
        status: 'unknown',
        message: 'Could not assess the kubelet on node-1: drop-in 10.conf: not read.',
      },
    ],
  },
  {
    name: 'is unknown, saying neither source is visible, when no reason is given',
    facts: kubelet({ flags: null, config: null }),
    expect: [
      {
        status: 'unknown',
        message: 'Could not assess the kubelet on node-1: neither the flags nor the configuration are visible.',
      },
    ],
  },
  {
    name: 'judges a configuration that was read even when a note about it is given',
    facts: kubelet({ config: {}, configError: 'drop-in 20.conf ignored' }),
    expect: [{ status: 'fail', message: 'sets no cipher suites' }],
  },
]);
