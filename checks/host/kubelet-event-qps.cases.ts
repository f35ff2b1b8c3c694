import { defineCases } from '../../test/support/cases';
import { BROKEN_KUBELET_CONFIG, HARDENED_KUBELET, kubelet, NO_KUBELET } from './case-helpers';
import check from './kubelet-event-qps';

const withQps = (eventRecordQPS: unknown) => kubelet({ ...HARDENED_KUBELET, eventRecordQPS });

export default defineCases(check, [
  {
    name: 'passes on the configuration default (50) when the file leaves eventRecordQPS out, saying so',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET) },
    expect: [
      {
        status: 'pass',
        kind: 'Kubelet',
        resource: 'kubelet',
        message:
          'The kubelet on node-1: the event record rate (eventRecordQPS, events per second) is 50, at least 50 (/var/lib/kubelet/config.yaml: eventRecordQPS not set (default)).',
        evidence: { value: '50' },
      },
    ],
  },
  {
    name: 'passes 0, no limit: every event is recorded (the EKS benchmark names 0)',
    facts: { 'host.kubelet': withQps(0) },
    expect: [{ status: 'pass', message: 'is 0, no limit (/var/lib/kubelet/config.yaml: eventRecordQPS)' }],
  },
  {
    name: 'fails on 5, below the default rate, with the risk',
    facts: { 'host.kubelet': withQps(5) },
    expect: [
      {
        status: 'fail',
        message:
          "is 5 (/var/lib/kubelet/config.yaml: eventRecordQPS): events beyond that rate are dropped, below the kubelet's default of 50 per second, and with them the record of what happened on the node.",
      },
    ],
  },
  {
    name: 'fails at 49, one below the default (50 passes: the first case)',
    facts: { 'host.kubelet': withQps(49) },
    expect: [{ status: 'fail', evidence: { value: '49' } }],
  },
  {
    name: 'passes a rate above the default (200)',
    facts: { 'host.kubelet': withQps(200) },
    expect: [{ status: 'pass', message: 'is 200, at least 50' }],
  },
  {
    name: 'fails when the flag --event-qps=10 overrides a file that allows 100',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, eventRecordQPS: 100 }, { 'event-qps': '10' }) },
    expect: [{ status: 'fail', message: 'is 10 (flag --event-qps)' }],
  },
  {
    name: 'passes when the flag --event-qps=100 overrides a file that says 5',
    facts: { 'host.kubelet': kubelet({ ...HARDENED_KUBELET, eventRecordQPS: 5 }, { 'event-qps': '100' }) },
    expect: [{ status: 'pass', message: 'is 100, at least 50 (flag --event-qps)' }],
  },
  {
    name: 'passes on the command-line default (50) when the kubelet has no configuration file',
    facts: { 'host.kubelet': kubelet(null, {}) },
    expect: [{ status: 'pass', message: '(flag --event-qps not set (default))' }],
  },
  {
    name: 'is unknown on a negative rate, which the kubelet refuses',
    facts: { 'host.kubelet': withQps(-1) },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess the event record rate (eventRecordQPS, events per second) of the kubelet on node-1: -1 (/var/lib/kubelet/config.yaml: eventRecordQPS) is negative, which the kubelet refuses at start, so the value it runs with is not known.',
      },
    ],
  },
  {
    name: 'is unknown on a rate that is not a whole number (5.5)',
    facts: { 'host.kubelet': withQps(5.5) },
    expect: [{ status: 'unknown', message: 'is not a whole number' }],
  },
  {
    name: 'is unknown on a flag value that is not a number',
    facts: { 'host.kubelet': kubelet(HARDENED_KUBELET, { 'event-qps': 'fast' }) },
    expect: [{ status: 'unknown', message: 'fast (flag --event-qps) is not a whole number' }],
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
