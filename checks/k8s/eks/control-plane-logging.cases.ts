import { defineCases } from '../../../test/support/cases';
import { DENIED, eks, NOT_EKS } from './case-helpers';
import check from './control-plane-logging';

export default defineCases(check, [
  {
    name: 'passes when every log type is enabled',
    facts: eks(),
    expect: [{ status: 'pass', evidence: { missing: [] } }],
  },
  {
    name: 'fails naming the log types that are off',
    facts: eks({
      logging: { enabled: ['api', 'audit', 'authenticator'], disabled: ['controllerManager', 'scheduler'] },
    }),
    expect: [
      {
        status: 'fail',
        message: 'does not log controllerManager, scheduler',
        evidence: { missing: ['controllerManager', 'scheduler'] },
      },
    ],
  },
  {
    name: 'fails when audit alone is off',
    facts: eks({
      logging: { enabled: ['api', 'authenticator', 'controllerManager', 'scheduler'], disabled: ['audit'] },
    }),
    expect: [{ status: 'fail', message: 'does not log audit' }],
  },
  {
    name: 'is unknown without a logging configuration',
    facts: eks({ logging: null }),
    expect: [{ status: 'unknown' }],
  },
  {
    name: 'is unknown when DescribeCluster was denied',
    facts: DENIED,
    expect: [{ status: 'unknown', message: 'denied' }],
  },
  { name: 'does not apply to a cluster not configured as EKS', facts: NOT_EKS, expect: [{ status: 'not-applicable' }] },
]);
