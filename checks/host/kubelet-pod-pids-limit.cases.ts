import { defineCases } from '../../test/support/cases';
import { BROKEN_KUBELET_CONFIG, HARDENED_KUBELET, kubelet, NO_KUBELET } from './case-helpers';
import check from './kubelet-pod-pids-limit';

export default defineCases(check, [
  {
    name: 'fails on the configuration default (-1) when the file leaves podPidsLimit out, with the risk',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET) },
    expect: [
      {
        status: 'fail',
        kind: 'Kubelet',
        resource: 'kubelet',
        message:
          "The kubelet on node-1: the pod PID limit is -1 (/var/lib/kubelet/config.yaml: podPidsLimit not set (default)): a pod is limited by the node's PIDs alone: one fork bomb can exhaust them and stop every other pod and the kubelet from starting processes.",
        evidence: { value: '-1' },
      },
    ],
  },
  {
    name: 'passes a limit set in the configuration file, naming it',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, podPidsLimit: 4096 }) },
    expect: [
      {
        status: 'pass',
        message: 'The kubelet on node-1: the pod PID limit is 4096 (/var/lib/kubelet/config.yaml: podPidsLimit).',
      },
    ],
  },
  {
    name: 'fails on 0, which sets no limit either',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, podPidsLimit: 0 }) },
    expect: [{ status: 'fail', message: 'is 0 (' }],
  },
  {
    name: 'passes the smallest limit (1)',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, podPidsLimit: 1 }) },
    expect: [{ status: 'pass' }],
  },
  {
    name: 'passes when the flag --pod-max-pids sets a limit over a file without one',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, podPidsLimit: -1 }, { 'pod-max-pids': '1024' }) },
    expect: [{ status: 'pass', message: 'is 1024 (flag --pod-max-pids)' }],
  },
  {
    name: 'fails when the flag --pod-max-pids=-1 overrides a file limit',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, podPidsLimit: 4096 }, { 'pod-max-pids': '-1' }) },
    expect: [{ status: 'fail', message: 'is -1 (flag --pod-max-pids)' }],
  },
  {
    name: 'fails on the command-line default (-1) when the kubelet has no configuration file',
    facts: { 'host.kubelet': kubelet(null, {}) },
    expect: [{ status: 'fail', message: '(flag --pod-max-pids not set (default))' }],
  },
  {
    name: 'is unknown on a value that is not a whole number, which the kubelet refuses',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, podPidsLimit: 'lots' }) },
    expect: [{ status: 'unknown', message: 'lots (/var/lib/kubelet/config.yaml: podPidsLimit) is not a whole number' }],
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
