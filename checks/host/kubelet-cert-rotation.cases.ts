import { defineCases } from '../../test/support/cases';
import { BROKEN_KUBELET_CONFIG, HARDENED_KUBELET, kubelet, NO_KUBELET } from './case-helpers';
import check from './kubelet-cert-rotation';

export default defineCases(check, [
  {
    name: 'passes with the hardened kubeadm configuration file, saying where rotation is set',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET) },
    expect: [
      {
        status: 'pass',
        kind: 'Kubelet',
        resource: 'kubelet',
        message:
          'The kubelet on node-1: client certificate rotation is on (/var/lib/kubelet/config.yaml: rotateCertificates).',
        evidence: { value: 'true', from: '/var/lib/kubelet/config.yaml: rotateCertificates' },
      },
    ],
  },
  {
    name: 'passes from the configuration file when the process flags are not visible (host root)',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET, null) },
    expect: [{ status: 'pass' }],
  },
  {
    name: 'fails when the flag --rotate-certificates=false overrides the configuration file',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET, { 'rotate-certificates': 'false' }) },
    expect: [{ status: 'fail', message: 'flag --rotate-certificates' }],
  },
  {
    name: 'fails when the configuration file sets a weak value',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, ...{ rotateCertificates: false } }) },
    expect: [{ status: 'fail', message: '/var/lib/kubelet/config.yaml' }],
  },
  {
    name: 'fails on the command-line default (false) when the kubelet runs without a configuration file, with the risk',
    facts: { 'host.kubelet': kubelet(null, { kubeconfig: '/etc/kubernetes/kubelet.conf' }) },
    expect: [
      {
        status: 'fail',
        kind: 'Kubelet',
        resource: 'kubelet',
        message:
          'The kubelet on node-1: client certificate rotation is false (flag --rotate-certificates not set (default)): the client certificate must be renewed by hand before it expires, or the node drops out.',
        evidence: { value: 'false', from: 'flag --rotate-certificates not set (default)' },
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
    name: 'passes when the flag says TRUE in capitals',
    facts: { 'host.kubelet': kubelet(null, { 'rotate-certificates': 'TRUE' }) },
    expect: [{ status: 'pass', message: 'client certificate rotation is on (flag --rotate-certificates).' }],
  },
  {
    name: 'fails on the configuration default (false) when the file leaves rotateCertificates out',
    facts: { 'host.kubelet': kubelet({ kind: 'KubeletConfiguration' }) },
    expect: [
      {
        status: 'fail',
        message: 'rotation is false (/var/lib/kubelet/config.yaml: rotateCertificates not set (default))',
      },
    ],
  },
]);
