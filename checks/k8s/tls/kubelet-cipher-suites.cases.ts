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
]);
