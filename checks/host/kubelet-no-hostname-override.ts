/**
 * CIS Kubernetes 4.2.7: the kubelet does not override its hostname (`--hostname-override`, a command-line flag the
 * KubeletConfiguration has no field for). Only the command line can show it: without it the check is unknown,
 * whatever the configuration file says. An empty value is no override (the kubelet then uses the host's name); one
 * of spaces only the kubelet refuses at start ("empty hostname is invalid": it trims the override), so it is unknown.
 * On Amazon EKS from Kubernetes 1.26 the node bootstrap passes the instance's PrivateDnsName with this flag, and the
 * node needs that name to register: the check fails there, as the flag is given; the CIS EKS benchmark has no such
 * control (docs/host.md).
 */
import { defineCheck } from '../../src/core/check';
import { evaluateKubelet } from './kubelet-setting';

export default defineCheck({
  id: 'host.kubelet.no-hostname-override',
  title: 'The kubelet keeps the host name (--hostname-override is not set)',
  severity: 'low',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Kubernetes Benchmark', version: '1.12', control: '4.2.7' }],
  remediation:
    'Remove --hostname-override from the kubelet flags (systemd unit, kubeadm-flags.env or /etc/default/kubelet) and ' +
    'give the host the name the Node should have, then restart the kubelet. On Amazon EKS the node bootstrap sets it ' +
    "to the instance's PrivateDnsName, which the node needs to register: waive the check for those nodes instead.",
  requires: ['host.kubelet'],
  evaluate: (ctx) =>
    evaluateKubelet(ctx, {
      flag: 'hostname-override',
      path: null,
      configDefault: undefined,
      flagDefault: undefined,
      label: 'the hostname override',
      invalid: (v) => (v !== undefined && v !== '' && v.trim() === '' ? 'blank' : undefined),
      secure: (v) => v === undefined || v === '',
      expected: 'not set',
      risk: "the Node's name differs from the host's, which can break TLS between the API server and the kubelet and makes the node's logs hard to tie to it",
    }),
});
