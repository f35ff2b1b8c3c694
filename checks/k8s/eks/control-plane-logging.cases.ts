import { defineCases } from '../../../test/support/cases';
import { DENIED, eks, NOT_EKS } from './case-helpers';
import check from './control-plane-logging';

export default defineCases(check, [
  {
    name: 'passes when every log type is enabled',
    facts: eks(),
    expect: [
      {
        status: 'pass',
        kind: 'EksCluster',
        resource: 'prod',
        message: 'prod logs every control-plane log type.',
        evidence: { enabled: ['api', 'audit', 'authenticator', 'controllerManager', 'scheduler'], missing: [] },
      },
    ],
  },
  {
    name: 'fails naming the log types that are off',
    facts: eks({
      logging: { enabled: ['api', 'audit', 'authenticator'], disabled: ['controllerManager', 'scheduler'] },
    }),
    expect: [
      {
        status: 'fail',
        message: 'prod does not log controllerManager, scheduler.',
        evidence: { enabled: ['api', 'audit', 'authenticator'], missing: ['controllerManager', 'scheduler'] },
      },
    ],
  },
  {
    name: 'fails when audit alone is off',
    facts: eks({
      logging: { enabled: ['api', 'authenticator', 'controllerManager', 'scheduler'], disabled: ['audit'] },
    }),
    expect: [{ status: 'fail', message: 'prod does not log audit.', evidence: { missing: ['audit'] } }],
  },
  {
    name: 'is unknown, never passes, when DescribeCluster gave no logging configuration',
    facts: eks({ logging: null }),
    expect: [
      {
        status: 'unknown',
        kind: 'EksCluster',
        resource: 'prod',
        message: 'Could not assess: DescribeCluster of prod gave no logging configuration.',
      },
    ],
  },
  {
    name: 'is unknown when DescribeCluster was denied',
    facts: DENIED,
    expect: [
      {
        status: 'unknown',
        message: 'Could not assess: eks.cluster: eks:DescribeCluster denied (AccessDeniedException).',
      },
    ],
  },
  { name: 'does not apply to a cluster not configured as EKS', facts: NOT_EKS, expect: [{ status: 'not-applicable' }] },
]);
