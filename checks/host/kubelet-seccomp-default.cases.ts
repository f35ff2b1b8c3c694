import { defineCases } from '../../test/support/cases';
import { BROKEN_KUBELET_CONFIG, HARDENED_KUBELET, kubelet, NO_KUBELET } from './case-helpers';
import check from './kubelet-seccomp-default';

export default defineCases(check, [
  {
    name: 'fails on the configuration default (false) when the file leaves seccompDefault out, with the risk',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET) },
    expect: [
      {
        status: 'fail',
        kind: 'Kubelet',
        resource: 'kubelet',
        message:
          'The kubelet on node-1: the default seccomp profile (RuntimeDefault for containers that name none) is false (/var/lib/kubelet/config.yaml: seccompDefault not set (default)): containers that name no seccomp profile run Unconfined, with every system call open to them.',
        evidence: { value: 'false' },
      },
    ],
  },
  {
    name: 'passes with seccompDefault: true in the configuration file',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, seccompDefault: true }) },
    expect: [{ status: 'pass', message: 'is on (/var/lib/kubelet/config.yaml: seccompDefault).' }],
  },
  {
    name: 'fails with seccompDefault: false in the configuration file',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, seccompDefault: false }) },
    expect: [{ status: 'fail', message: 'is false (/var/lib/kubelet/config.yaml: seccompDefault)' }],
  },
  {
    name: 'fails when the flag --seccomp-default=false overrides the file',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, seccompDefault: true }, { 'seccomp-default': 'false' }) },
    expect: [{ status: 'fail', message: 'flag --seccomp-default' }],
  },
  {
    name: 'passes the bare flag --seccomp-default without a configuration file',
    facts: { 'host.kubelet': kubelet(null, { 'seccomp-default': 'true' }) },
    expect: [{ status: 'pass', message: 'is on (flag --seccomp-default).' }],
  },
  {
    name: 'passes the flag spelled as Go accepts a true boolean (T)',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET, { 'seccomp-default': 'T' }) },
    expect: [{ status: 'pass' }],
  },
  {
    name: 'fails on the command-line default (false) when the kubelet has no configuration file',
    facts: { 'host.kubelet': kubelet(null, {}) },
    expect: [{ status: 'fail', message: '(flag --seccomp-default not set (default))' }],
  },
  {
    name: 'is unknown on a value that is not a boolean the kubelet accepts (yes)',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, seccompDefault: 'yes' }) },
    expect: [{ status: 'unknown', message: 'yes (/var/lib/kubelet/config.yaml: seccompDefault) is not a boolean' }],
  },
  {
    name: 'is unknown on a flag value with a space before true, which Go does not read as a boolean',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET, { 'seccomp-default': ' true' }) },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess the default seccomp profile (RuntimeDefault for containers that name none) of the kubelet on node-1:  true (flag --seccomp-default) is not a boolean, which the kubelet refuses at start, so the value it runs with is not known.',
        evidence: { value: ' true', from: 'flag --seccomp-default' },
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
]);
