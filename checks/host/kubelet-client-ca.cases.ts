import { defineCases } from '../../test/support/cases';
import { BROKEN_KUBELET_CONFIG, HARDENED_KUBELET, kubelet, NO_KUBELET } from './case-helpers';
import check from './kubelet-client-ca';

export default defineCases(check, [
  {
    name: 'passes with the hardened kubeadm configuration file, saying where the client CA file is set',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET) },
    expect: [
      {
        status: 'pass',
        kind: 'Kubelet',
        resource: 'kubelet',
        message:
          'The kubelet on node-1: the client CA file is set (/var/lib/kubelet/config.yaml: authentication.x509.clientCAFile).',
        evidence: {
          value: '/etc/kubernetes/pki/ca.crt',
          from: '/var/lib/kubelet/config.yaml: authentication.x509.clientCAFile',
        },
      },
    ],
  },
  {
    name: 'passes from the configuration file when the process flags are not visible (host root)',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET, null) },
    expect: [{ status: 'pass' }],
  },
  {
    name: 'fails when the flag --client-ca-file= overrides the configuration file',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET, { 'client-ca-file': '' }) },
    expect: [{ status: 'fail', message: 'flag --client-ca-file' }],
  },
  {
    name: 'fails when the configuration file sets a weak value',
    facts: {
      'host.kubelet': kubelet({ ...HARDENED_KUBELET, ...{ authentication: { anonymous: { enabled: false } } } }),
    },
    expect: [{ status: 'fail', message: '/var/lib/kubelet/config.yaml' }],
  },
  {
    name: 'fails on the command-line default (no client CA) when the kubelet runs without a configuration file, with the risk',
    facts: { 'host.kubelet': kubelet(null, { kubeconfig: '/etc/kubernetes/kubelet.conf' }) },
    expect: [
      {
        status: 'fail',
        kind: 'Kubelet',
        resource: 'kubelet',
        message:
          'The kubelet on node-1: the client CA file is not set (flag --client-ca-file not set (default)): the API server cannot authenticate to the kubelet with its client certificate.',
        evidence: { value: null, from: 'flag --client-ca-file not set (default)' },
      },
    ],
  },
  {
    name: 'is unknown when the configuration file is not valid YAML',
    facts: { 'host.kubelet': BROKEN_KUBELET_CONFIG },
    expect: [{ status: 'unknown', message: 'not valid YAML' }],
  },
  {
    name: 'is not applicable on a host without a kubelet',
    facts: { 'host.kubelet': NO_KUBELET },
    expect: [{ status: 'not-applicable', kind: 'Host' }],
  },
  {
    name: 'is unknown when the probe did not answer',
    facts: {},
    expect: [{ status: 'unknown', message: 'not collected' }],
  },
  {
    name: 'fails when the configuration file has no x509 client CA, which has no default',
    facts: { 'host.kubelet': kubelet({ kind: 'KubeletConfiguration', authentication: { x509: {} } }) },
    expect: [
      {
        status: 'fail',
        message:
          'The kubelet on node-1: the client CA file is not set (/var/lib/kubelet/config.yaml: authentication.x509.clientCAFile not set (default)):',
        evidence: { value: null },
      },
    ],
  },
]);
