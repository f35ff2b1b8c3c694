import { defineCases } from '../../../test/support/cases';
import { DENIED, eks, NOT_EKS } from './case-helpers';
import check from './endpoint-private';

export default defineCases(check, [
  { name: 'passes with a private endpoint and no public one', facts: eks(), expect: [{ status: 'pass' }] },
  {
    name: 'fails when public access is enabled, even restricted',
    facts: eks({ endpointPublicAccess: true, publicAccessCidrs: ['203.0.113.0/24'] }),
    expect: [{ status: 'fail', message: 'public access is enabled' }],
  },
  {
    name: 'fails when the private endpoint is disabled',
    facts: eks({ endpointPublicAccess: true, endpointPrivateAccess: false }),
    expect: [{ status: 'fail', message: 'the private endpoint is disabled and public access is enabled' }],
  },
  {
    name: 'is unknown without endpoint settings',
    facts: eks({ endpointPrivateAccess: null }),
    expect: [{ status: 'unknown' }],
  },
  {
    name: 'is unknown when DescribeCluster was denied',
    facts: DENIED,
    expect: [{ status: 'unknown', message: 'denied' }],
  },
  { name: 'does not apply to a cluster not configured as EKS', facts: NOT_EKS, expect: [{ status: 'not-applicable' }] },
]);
