import { defineCases } from '../../test/support/cases';
import { BROKEN_KUBELET_CONFIG, HARDENED_KUBELET, kubelet, NO_KUBELET } from './case-helpers';
import check from './kubelet-webhook-authz';

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
    name: 'fails when the flag --authorization-mode=AlwaysAllow overrides the configuration file',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET, { 'authorization-mode': 'AlwaysAllow' }) },
    expect: [{ status: 'fail', message: 'flag --authorization-mode' }],
  },
  {
    name: 'fails when the configuration file sets a weak value',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, ...{ authorization: { mode: 'AlwaysAllow' } } }) },
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
    name: 'passes on the configuration file default (Webhook) when the file leaves the mode out, and says so in full',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, authorization: {} }) },
    expect: [{ status: 'pass', message: ': the authorization mode is Webhook (', evidence: { value: 'Webhook' } }],
  },
  {
    name: 'fails on the command-line default, naming AlwaysAllow and the risk',
    facts: { 'host.kubelet': kubelet(null, { kubeconfig: '/etc/kubernetes/kubelet.conf' }) },
    expect: [
      {
        status: 'fail',
        message: ': the authorization mode is AlwaysAllow (',
        evidence: { value: 'AlwaysAllow' },
      },
    ],
  },
  {
    name: 'fails on AlwaysAllow in the file with the whole sentence and the risk',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, authorization: { mode: 'AlwaysAllow' } }) },
    expect: [
      {
        status: 'fail',
        message:
          'is AlwaysAllow (/var/lib/kubelet/config.yaml: authorization.mode): every authenticated request is allowed, exec into any Pod included.',
      },
    ],
  },
]);
