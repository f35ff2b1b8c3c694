import { defineCases } from '../../test/support/cases';
import { BROKEN_KUBELET_CONFIG, HARDENED_KUBELET, kubelet, NO_KUBELET } from './case-helpers';
import check from './kubelet-anonymous-auth-disabled';

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
    name: 'fails when the flag --anonymous-auth=true overrides the configuration file',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET, { 'anonymous-auth': 'true' }) },
    expect: [{ status: 'fail', message: 'flag --anonymous-auth' }],
  },
  {
    name: 'fails when the configuration file sets a weak value',
    facts: {
      'host.kubelet': kubelet({ ...HARDENED_KUBELET, ...{ authentication: { anonymous: { enabled: true } } } }),
    },
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
    name: 'passes on the configuration default when the file leaves the field out, and says so',
    facts: { 'host.kubelet': kubelet({ kind: 'KubeletConfiguration', authentication: { anonymous: {} } }) },
    expect: [
      {
        status: 'pass',
        message:
          'The kubelet on node-1: anonymous authentication is disabled (/var/lib/kubelet/config.yaml: authentication.anonymous.enabled not set (default)).',
        evidence: {
          value: 'false',
          from: '/var/lib/kubelet/config.yaml: authentication.anonymous.enabled not set (default)',
          flagsNote: undefined,
        },
      },
    ],
  },
  {
    name: 'passes on the configuration default when the field is null',
    facts: { 'host.kubelet': kubelet({ authentication: { anonymous: { enabled: null } } }) },
    expect: [{ status: 'pass', message: 'not set (default)' }],
  },
  {
    name: 'passes on the configuration default when a parent of the field is a list',
    facts: { 'host.kubelet': kubelet({ authentication: [{ anonymous: { enabled: true } }] }) },
    expect: [{ status: 'pass', message: 'not set (default)' }],
  },
  {
    name: 'passes on the configuration default when a parent of the field is a string',
    facts: { 'host.kubelet': kubelet({ authentication: 'anonymous' }) },
    expect: [{ status: 'pass', message: 'not set (default)' }],
  },
  {
    name: 'ignores a value the configuration only inherits (not a key of the file)',
    facts: {
      'host.kubelet': kubelet(
        Object.create({ authentication: { anonymous: { enabled: true } } }) as Record<string, unknown>,
      ),
    },
    expect: [{ status: 'pass', message: 'not set (default)' }],
  },
  {
    name: 'reads the file value, quoting where it comes from, and keeps the note on invisible flags',
    facts: { 'host.kubelet': kubelet({ authentication: { anonymous: { enabled: false } } }, null) },
    expect: [
      {
        status: 'pass',
        message:
          'The kubelet on node-1: anonymous authentication is disabled (/var/lib/kubelet/config.yaml: authentication.anonymous.enabled).',
        evidence: {
          value: 'false',
          from: '/var/lib/kubelet/config.yaml: authentication.anonymous.enabled',
          flagsNote: 'the kubelet process is not visible under a host root',
        },
      },
    ],
  },
  {
    name: 'passes when the flag says FALSE in capitals, and the flag wins over the file',
    facts: {
      'host.kubelet': kubelet({ authentication: { anonymous: { enabled: true } } }, { 'anonymous-auth': 'FALSE' }),
    },
    expect: [
      {
        status: 'pass',
        message: 'The kubelet on node-1: anonymous authentication is disabled (flag --anonymous-auth).',
        evidence: { value: 'FALSE', from: 'flag --anonymous-auth' },
      },
    ],
  },
  {
    name: 'fails with the whole story: value, where it comes from, and the risk',
    facts: { 'host.kubelet': kubelet(null, {}) },
    expect: [
      {
        status: 'fail',
        kind: 'Kubelet',
        resource: 'kubelet',
        message:
          'The kubelet on node-1: anonymous authentication is true (flag --anonymous-auth not set (default)): anyone who reaches port 10250 is served as system:anonymous.',
        evidence: { value: 'true', from: 'flag --anonymous-auth not set (default)' },
      },
    ],
  },
  {
    name: 'fails on an empty flag value, shown as not set',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET, { 'anonymous-auth': '' }) },
    expect: [
      {
        status: 'fail',
        message: 'The kubelet on node-1: anonymous authentication is not set (flag --anonymous-auth):',
        evidence: { value: '' },
      },
    ],
  },
  {
    name: 'is unknown when the configuration file is named but was not read, with no error given',
    facts: {
      'host.kubelet': {
        ok: true,
        value: { present: true, flags: {}, configPath: '/etc/kubelet.yaml', config: null },
      },
    },
    expect: [
      {
        status: 'unknown',
        kind: 'Kubelet',
        message:
          'Could not assess anonymous authentication of the kubelet on node-1: its configuration file /etc/kubelet.yaml is unusable (not read).',
      },
    ],
  },
  {
    name: 'is unknown when neither flags nor a configuration file are visible, with no note given',
    facts: { 'host.kubelet': { ok: true, value: { present: true, flags: null, config: null } } },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess anonymous authentication of the kubelet on node-1: neither its flags nor a configuration file are visible.',
      },
    ],
  },
  {
    name: 'is unknown, giving the note, when the flags are not visible and there is no configuration file',
    facts: { 'host.kubelet': kubelet(null, null) },
    expect: [{ status: 'unknown', message: 'node-1: the kubelet process is not visible under a host root.' }],
  },
  {
    name: 'is not applicable, saying why, on a host without a kubelet',
    facts: { 'host.kubelet': NO_KUBELET },
    expect: [
      {
        status: 'not-applicable',
        kind: 'Host',
        resource: 'node-1',
        message: 'node-1 runs no kubelet (no kubelet process, no kubelet configuration file).',
      },
    ],
  },
  {
    name: 'passes on the configuration default when a parent of the field is null',
    facts: { 'host.kubelet': kubelet({ authentication: null }) },
    expect: [
      {
        status: 'pass',
        message:
          'The kubelet on node-1: anonymous authentication is disabled (/var/lib/kubelet/config.yaml: authentication.anonymous.enabled not set (default)).',
      },
    ],
  },
  {
    name: 'passes on the configuration default when the nearest parent of the field is null',
    facts: { 'host.kubelet': kubelet({ authentication: { anonymous: null } }) },
    expect: [{ status: 'pass', message: 'authentication.anonymous.enabled not set (default)).' }],
  },
]);
