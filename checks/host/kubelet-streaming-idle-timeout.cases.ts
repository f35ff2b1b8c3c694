import { defineCases } from '../../test/support/cases';
import { BROKEN_KUBELET_CONFIG, HARDENED_KUBELET, kubelet, NO_KUBELET } from './case-helpers';
import check from './kubelet-streaming-idle-timeout';

export default defineCases(check, [
  {
    name: 'passes on the configuration default (4h0m0s) when the file leaves the field out, saying so',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET) },
    expect: [
      {
        status: 'pass',
        kind: 'Kubelet',
        resource: 'kubelet',
        message:
          'The kubelet on node-1: the streaming connection idle timeout is 4h0m0s, above 0 (/var/lib/kubelet/config.yaml: streamingConnectionIdleTimeout not set (default)).',
        evidence: {
          value: '4h0m0s',
          from: '/var/lib/kubelet/config.yaml: streamingConnectionIdleTimeout not set (default)',
        },
      },
    ],
  },
  {
    name: 'passes a shorter timeout set in the configuration file (5m)',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, streamingConnectionIdleTimeout: '5m' }) },
    expect: [
      { status: 'pass', message: 'is 5m, above 0 (/var/lib/kubelet/config.yaml: streamingConnectionIdleTimeout)' },
    ],
  },
  {
    name: 'fails on 0s in the configuration file, with the risk',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, streamingConnectionIdleTimeout: '0s' }) },
    expect: [
      {
        status: 'fail',
        message:
          'The kubelet on node-1: the streaming connection idle timeout is 0s (/var/lib/kubelet/config.yaml: streamingConnectionIdleTimeout): idle exec, attach and port-forward sessions are never closed, holding connections and ports open.',
        evidence: { value: '0s' },
      },
    ],
  },
  {
    name: 'fails on 0h0m0s, the zero duration spelled in full',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, streamingConnectionIdleTimeout: '0h0m0s' }) },
    expect: [{ status: 'fail', message: 'is 0h0m0s (' }],
  },
  {
    name: 'fails on a bare 0 written as a number in the YAML file',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, streamingConnectionIdleTimeout: 0 }) },
    expect: [{ status: 'fail', evidence: { value: '0' } }],
  },
  {
    name: 'fails when the flag --streaming-connection-idle-timeout=0 overrides a positive file value',
    facts: {
      'host.kubelet': kubelet(
        { ...HARDENED_KUBELET, streamingConnectionIdleTimeout: '5m' },
        { 'streaming-connection-idle-timeout': '0' },
      ),
    },
    expect: [{ status: 'fail', message: 'is 0 (flag --streaming-connection-idle-timeout)' }],
  },
  {
    name: 'passes when the flag sets a positive timeout over a file that says 0s',
    facts: {
      'host.kubelet': kubelet(
        { ...HARDENED_KUBELET, streamingConnectionIdleTimeout: '0s' },
        { 'streaming-connection-idle-timeout': '30m' },
      ),
    },
    expect: [{ status: 'pass', message: 'is 30m, above 0 (flag --streaming-connection-idle-timeout)' }],
  },
  {
    name: 'fails on a negative duration, which closes nothing either',
    facts: { 'host.kubelet': kubelet(null, { 'streaming-connection-idle-timeout': '-5m' }) },
    expect: [{ status: 'fail', message: 'is -5m (' }],
  },
  {
    name: 'is unknown on a number without a unit, which the kubelet refuses, naming the value and where it is',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, streamingConnectionIdleTimeout: '300' }) },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess the streaming connection idle timeout of the kubelet on node-1: 300 (/var/lib/kubelet/config.yaml: streamingConnectionIdleTimeout) is not a duration (a number with a unit: 5m, 4h0m0s), which the kubelet refuses at start, so the value it runs with is not known.',
        evidence: { value: '300' },
      },
    ],
  },
  {
    name: 'is unknown on a duration with a space before it, which Go does not parse',
    facts: { 'host.kubelet': kubelet(null, { 'streaming-connection-idle-timeout': ' 5m' }) },
    expect: [
      {
        status: 'unknown',
        message:
          ':  5m (flag --streaming-connection-idle-timeout) is not a duration (a number with a unit: 5m, 4h0m0s), which the kubelet refuses at start',
        evidence: { value: ' 5m' },
      },
    ],
  },
  {
    name: 'passes on the command-line default (4h0m0s) when the kubelet runs without a configuration file',
    facts: { 'host.kubelet': kubelet(null, { kubeconfig: '/etc/kubernetes/kubelet.conf' }) },
    expect: [
      {
        status: 'pass',
        message: 'is 4h0m0s, above 0 (flag --streaming-connection-idle-timeout not set (default))',
      },
    ],
  },
  {
    name: 'passes from the configuration file when the process flags are not visible, keeping the note',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET, null) },
    expect: [{ status: 'pass', evidence: { flagsNote: 'the kubelet process is not visible under a host root' } }],
  },
  {
    name: 'is unknown when neither the flags nor a configuration file are visible',
    facts: { 'host.kubelet': kubelet(null, null) },
    expect: [{ status: 'unknown', message: 'the kubelet process is not visible under a host root' }],
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
]);
