import { defineCases } from '../../test/support/cases';
import { BROKEN_KUBELET_CONFIG, HARDENED_KUBELET, kubelet, NO_KUBELET } from './case-helpers';
import check from './kubelet-read-only-port-disabled';

export default defineCases(check, [
  {
    name: 'passes with the hardened kubeadm configuration file',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET) },
    expect: [{ status: 'pass', kind: 'Kubelet', resource: 'kubelet' }],
  },
  {
    name: 'passes from the configuration file when the process flags are not visible (host root)',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET, null) },
    expect: [{ status: 'pass' }],
  },
  {
    name: 'fails when the flag --read-only-port=10255 overrides the configuration file',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET, { 'read-only-port': '10255' }) },
    expect: [{ status: 'fail', message: 'flag --read-only-port' }],
  },
  {
    name: 'fails when the configuration file sets a weak value',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, ...{ readOnlyPort: 10255 } }) },
    expect: [{ status: 'fail', message: '/var/lib/kubelet/config.yaml' }],
  },
  {
    name: 'fails on the command-line default when the kubelet runs without a configuration file',
    facts: { 'host.kubelet': kubelet(null, { kubeconfig: '/etc/kubernetes/kubelet.conf' }) },
    expect: [{ status: 'fail', message: 'not set (default)' }],
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
    name: 'passes on the configuration file default (0) when the file leaves readOnlyPort out, and says so in full',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, readOnlyPort: undefined }) },
    expect: [{ status: 'pass', message: ': the read-only port is 0 (', evidence: { value: '0' } }],
  },
  {
    name: 'fails on the command-line default, naming the port 10255 and the risk',
    facts: { 'host.kubelet': kubelet(null, { kubeconfig: '/etc/kubernetes/kubelet.conf' }) },
    expect: [
      {
        status: 'fail',
        message: ': the read-only port is 10255 (',
        evidence: { value: '10255' },
      },
    ],
  },
  {
    name: 'fails on a weak value with the whole sentence: setting, value, where it comes from and the risk',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, readOnlyPort: 10255 }) },
    expect: [
      {
        status: 'fail',
        message:
          'is 10255 (/var/lib/kubelet/config.yaml: readOnlyPort): Pod specs and node metrics are served without authentication.',
      },
    ],
  },
]);
