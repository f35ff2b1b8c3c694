import type { HostKubelet } from '../../src/core/facts/host';
import type { Fact } from '../../src/core/model';
import { defineCases } from '../../test/support/cases';
import { BROKEN_KUBELET_CONFIG, HARDENED_KUBELET, kubelet, NO_KUBELET } from './case-helpers';
import check from './kubelet-no-hostname-override';

/** Flags read from the kubelet's systemd units under a host root (no process visible). */
const FROM_UNITS: Fact<HostKubelet> = {
  ok: true,
  value: {
    present: true,
    flags: { config: '/var/lib/kubelet/config.yaml', 'hostname-override': 'ip-10-0-1-5.ec2.internal' },
    flagsNote: 'flags as the systemd units pass them (/etc/systemd/system/kubelet.service): the process is not visible',
    configPath: '/var/lib/kubelet/config.yaml',
    config: HARDENED_KUBELET,
  },
};

export default defineCases(check, [
  {
    name: 'passes when the running kubelet has no --hostname-override',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET, { config: '/var/lib/kubelet/config.yaml' }) },
    expect: [
      {
        status: 'pass',
        kind: 'Kubelet',
        resource: 'kubelet',
        message:
          'The kubelet on node-1: the hostname override is not set (flag --hostname-override not set (default)).',
        evidence: { value: null, from: 'flag --hostname-override not set (default)' },
      },
    ],
  },
  {
    name: 'fails when the kubelet is started with --hostname-override, naming the value and the risk',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET, { 'hostname-override': 'ip-10-0-1-5.ec2.internal' }) },
    expect: [
      {
        status: 'fail',
        message:
          "The kubelet on node-1: the hostname override is ip-10-0-1-5.ec2.internal (flag --hostname-override): the Node's name differs from the host's, which can break TLS between the API server and the kubelet and makes the node's logs hard to tie to it.",
        evidence: { value: 'ip-10-0-1-5.ec2.internal', from: 'flag --hostname-override' },
      },
    ],
  },
  {
    name: 'fails on the flag as the systemd units pass it under a host root, with the note',
    facts: { 'host.kubelet': FROM_UNITS },
    expect: [{ status: 'fail', evidence: { flagsNote: FROM_UNITS.ok ? FROM_UNITS.value.flagsNote : '' } }],
  },
  {
    name: 'passes an empty --hostname-override, which the kubelet ignores',
    facts: { 'host.kubelet': kubelet(null, { 'hostname-override': '' }) },
    expect: [{ status: 'pass', message: 'is not set (flag --hostname-override)' }],
  },
  {
    name: 'is unknown on an override of spaces only, which the kubelet refuses at start',
    facts: { 'host.kubelet': kubelet(null, { 'hostname-override': '  ' }) },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess the hostname override of the kubelet on node-1:    (flag --hostname-override) is blank, which the kubelet refuses at start, so the value it runs with is not known.',
        evidence: { value: '  ', from: 'flag --hostname-override' },
      },
    ],
  },
  {
    name: 'fails on a name with spaces around it, which the kubelet trims and uses',
    facts: { 'host.kubelet': kubelet(null, { 'hostname-override': ' node-a ' }) },
    expect: [{ status: 'fail', message: 'the hostname override is  node-a  (flag --hostname-override):' }],
  },
  {
    name: 'is unknown when the command line is not visible, even with a readable configuration file',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET, null) },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess the hostname override of the kubelet on node-1: --hostname-override is given on the command line only, and the command line is not visible (the kubelet process is not visible under a host root).',
      },
    ],
  },
  {
    name: 'is unknown, saying no process was seen, when the command line is not visible and the probe gave no note',
    facts: {
      'host.kubelet': {
        ok: true,
        value: { present: true, flags: null, configPath: '/var/lib/kubelet/config.yaml', config: HARDENED_KUBELET },
      },
    },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess the hostname override of the kubelet on node-1: --hostname-override is given on the command line only, and the command line is not visible (no process).',
      },
    ],
  },
  {
    name: 'passes from the visible flags when the configuration file is unusable (the file cannot carry it)',
    facts: { 'host.kubelet': BROKEN_KUBELET_CONFIG },
    expect: [{ status: 'pass' }],
  },
  {
    name: 'is not applicable on a host without a kubelet',
    facts: { 'host.kubelet': NO_KUBELET },
    expect: [{ status: 'not-applicable', kind: 'Host' }],
  },
]);
