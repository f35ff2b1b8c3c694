import { defineCases } from '../../test/support/cases';
import { BROKEN_KUBELET_CONFIG, HARDENED_KUBELET, kubelet, NO_KUBELET } from './case-helpers';
import check from './kubelet-iptables-util-chains';

export default defineCases(check, [
  {
    name: 'passes when the configuration file leaves makeIPTablesUtilChains at its default (true)',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET) },
    expect: [
      {
        status: 'pass',
        kind: 'Kubelet',
        resource: 'kubelet',
        message:
          'The kubelet on node-1: management of its iptables utility chains is on (/var/lib/kubelet/config.yaml: makeIPTablesUtilChains not set (default)).',
        evidence: { value: 'true' },
      },
    ],
  },
  {
    name: 'fails when the configuration file sets makeIPTablesUtilChains: false, with the risk',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, makeIPTablesUtilChains: false }) },
    expect: [
      {
        status: 'fail',
        message:
          "The kubelet on node-1: management of its iptables utility chains is false (/var/lib/kubelet/config.yaml: makeIPTablesUtilChains): the node's iptables rules for Pod traffic are left to other tools, which may conflict with them.",
        evidence: { value: 'false', from: '/var/lib/kubelet/config.yaml: makeIPTablesUtilChains' },
      },
    ],
  },
  {
    name: 'fails when the flag turns it off over a configuration file that leaves it on',
    facts: {
      'host.kubelet': kubelet(
        { ...HARDENED_KUBELET, makeIPTablesUtilChains: true },
        { 'make-iptables-util-chains': 'false' },
      ),
    },
    expect: [{ status: 'fail', message: 'flag --make-iptables-util-chains' }],
  },
  {
    name: 'passes the flag spelled as Go accepts a true boolean (1) without a configuration file',
    facts: { 'host.kubelet': kubelet(null, { 'make-iptables-util-chains': '1' }) },
    expect: [{ status: 'pass' }],
  },
  {
    name: 'passes on flag defaults when the kubelet has no configuration file',
    facts: { 'host.kubelet': kubelet(null, {}) },
    expect: [{ status: 'pass', message: 'not set (default)' }],
  },
  {
    name: 'is unknown when the configuration file cannot be used',
    facts: { 'host.kubelet': BROKEN_KUBELET_CONFIG },
    expect: [{ status: 'unknown', message: 'bad indentation' }],
  },
  {
    name: 'is not applicable without a kubelet',
    facts: { 'host.kubelet': NO_KUBELET },
    expect: [{ status: 'not-applicable' }],
  },
]);
