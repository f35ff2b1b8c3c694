import { defineCases } from '../../../test/support/cases';
import { DENIED, eks, NOT_EKS } from './case-helpers';
import check from './endpoint-public-access';

export default defineCases(check, [
  {
    name: 'passes when public access is disabled',
    facts: eks(),
    expect: [{ status: 'pass', kind: 'EksCluster', resource: 'prod', evidence: { endpointPublicAccess: false } }],
  },
  {
    name: 'fails when the public endpoint is open to 0.0.0.0/0',
    facts: eks({ endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'] }),
    expect: [{ status: 'fail', message: 'whole internet (0.0.0.0/0)' }],
  },
  {
    name: 'fails when public access names no range (EKS then allows everyone)',
    facts: eks({ endpointPublicAccess: true, publicAccessCidrs: [] }),
    expect: [{ status: 'fail', message: 'whole internet' }],
  },
  {
    name: 'fails when a range is one the configuration does not accept',
    facts: eks({
      endpointPublicAccess: true,
      publicAccessCidrs: ['203.0.113.0/24', '198.51.100.7/32'],
      allowedPublicCidrs: ['203.0.113.0/24'],
    }),
    expect: [{ status: 'fail', message: 'public to 198.51.100.7/32' }],
  },
  {
    name: 'passes when every range is accepted by the configuration',
    facts: eks({
      endpointPublicAccess: true,
      publicAccessCidrs: ['203.0.113.0/24'],
      allowedPublicCidrs: ['203.0.113.0/24'],
    }),
    expect: [{ status: 'pass', message: 'only to accepted ranges' }],
  },
  {
    name: 'passes when each range lies inside an accepted block',
    facts: eks({
      endpointPublicAccess: true,
      publicAccessCidrs: ['203.0.113.8/29', '2001:db8:1::/48'],
      allowedPublicCidrs: ['203.0.113.0/24', '2001:db8::/32'],
    }),
    expect: [{ status: 'pass' }],
  },
  {
    name: 'fails when a range is wider than the accepted block',
    facts: eks({
      endpointPublicAccess: true,
      publicAccessCidrs: ['203.0.112.0/23'],
      allowedPublicCidrs: ['203.0.113.0/24'],
    }),
    expect: [{ status: 'fail', message: 'public to 203.0.112.0/23' }],
  },
  {
    name: 'fails when the public endpoint is open to every IPv6 address',
    facts: eks({ endpointPublicAccess: true, publicAccessCidrs: ['::/0'], allowedPublicCidrs: ['203.0.113.0/24'] }),
    expect: [{ status: 'fail', message: 'whole internet (::/0)' }],
  },
  {
    name: 'is unknown without endpoint settings',
    facts: eks({ endpointPublicAccess: null }),
    expect: [{ status: 'unknown', message: 'no endpoint access settings' }],
  },
  {
    name: 'is unknown with the reason when DescribeCluster was denied',
    facts: DENIED,
    expect: [{ status: 'unknown', message: 'eks:DescribeCluster denied' }],
  },
  {
    name: 'does not apply to a cluster not configured as EKS',
    facts: NOT_EKS,
    expect: [{ status: 'not-applicable', kind: 'Cluster', message: 'not configured as an EKS cluster' }],
  },
]);
