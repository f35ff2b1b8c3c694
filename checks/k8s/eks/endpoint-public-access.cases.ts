import { defineCases } from '../../../test/support/cases';
import { DENIED, eks, NOT_EKS } from './case-helpers';
import check from './endpoint-public-access';

/** What a config accepting none of the public ranges says in the messages. */
const NOT_ACCEPTED = 'which the configuration does not accept (clusters[].eks.publicAccessCidrs).';

export default defineCases(check, [
  {
    name: 'passes when public access is disabled',
    facts: eks(),
    expect: [
      {
        status: 'pass',
        kind: 'EksCluster',
        resource: 'prod',
        message: 'The API endpoint of prod is private only.',
        evidence: { endpointPublicAccess: false, publicAccessCidrs: undefined },
      },
    ],
  },
  {
    name: 'fails when the public endpoint is open to 0.0.0.0/0',
    facts: eks({ endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'] }),
    expect: [
      {
        status: 'fail',
        kind: 'EksCluster',
        resource: 'prod',
        message: 'The API endpoint of prod is open to the whole internet (0.0.0.0/0).',
        evidence: { endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0'], accepted: [] },
      },
    ],
  },
  {
    name: 'fails when public access names no range (EKS then allows everyone)',
    facts: eks({ endpointPublicAccess: true, publicAccessCidrs: [] }),
    expect: [
      {
        status: 'fail',
        message: 'The API endpoint of prod is open to the whole internet (0.0.0.0/0).',
        evidence: { endpointPublicAccess: true, publicAccessCidrs: [], accepted: [] },
      },
    ],
  },
  {
    // EKS's default for a dual-stack IPv6 cluster: 0.0.0.0/0 and ::/0.
    name: 'fails naming both blocks of a dual-stack IPv6 cluster left open to everyone (0.0.0.0/0 and ::/0)',
    facts: eks({
      endpointPublicAccess: true,
      publicAccessCidrs: ['0.0.0.0/0', '::/0'],
      allowedPublicCidrs: ['203.0.113.0/24'],
    }),
    expect: [
      {
        status: 'fail',
        message: 'The API endpoint of prod is open to the whole internet (0.0.0.0/0, ::/0).',
        evidence: { publicAccessCidrs: ['0.0.0.0/0', '::/0'], accepted: ['203.0.113.0/24'] },
      },
    ],
  },
  {
    name: 'fails when a range is one the configuration does not accept',
    facts: eks({
      endpointPublicAccess: true,
      publicAccessCidrs: ['203.0.113.0/24', '198.51.100.7/32'],
      allowedPublicCidrs: ['203.0.113.0/24'],
    }),
    expect: [
      {
        status: 'fail',
        message: `The API endpoint of prod is public to 198.51.100.7/32, ${NOT_ACCEPTED}`,
        evidence: {
          endpointPublicAccess: true,
          publicAccessCidrs: ['203.0.113.0/24', '198.51.100.7/32'],
          accepted: ['203.0.113.0/24'],
        },
      },
    ],
  },
  {
    name: 'passes when every range is accepted by the configuration',
    facts: eks({
      endpointPublicAccess: true,
      publicAccessCidrs: ['203.0.113.0/24'],
      allowedPublicCidrs: ['203.0.113.0/24'],
    }),
    expect: [
      {
        status: 'pass',
        kind: 'EksCluster',
        resource: 'prod',
        message: 'The API endpoint of prod is public only to accepted ranges (203.0.113.0/24).',
        evidence: { endpointPublicAccess: true, publicAccessCidrs: ['203.0.113.0/24'], accepted: ['203.0.113.0/24'] },
      },
    ],
  },
  {
    name: 'passes when each range lies inside an accepted block',
    facts: eks({
      endpointPublicAccess: true,
      publicAccessCidrs: ['203.0.113.8/29', '2001:db8:1::/48'],
      allowedPublicCidrs: ['203.0.113.0/24', '2001:db8::/32'],
    }),
    expect: [
      {
        status: 'pass',
        message: 'The API endpoint of prod is public only to accepted ranges (203.0.113.8/29, 2001:db8:1::/48).',
      },
    ],
  },
  {
    name: 'fails naming every range the configuration does not accept, in the order EKS gives them',
    facts: eks({
      endpointPublicAccess: true,
      publicAccessCidrs: ['198.51.100.7/32', '203.0.113.0/24', '192.0.2.0/28'],
      allowedPublicCidrs: ['203.0.113.0/24'],
    }),
    expect: [
      {
        status: 'fail',
        message: `The API endpoint of prod is public to 198.51.100.7/32, 192.0.2.0/28, ${NOT_ACCEPTED}`,
      },
    ],
  },
  {
    name: 'fails when a range is wider than the accepted block',
    facts: eks({
      endpointPublicAccess: true,
      publicAccessCidrs: ['203.0.112.0/23'],
      allowedPublicCidrs: ['203.0.113.0/24'],
    }),
    expect: [{ status: 'fail', message: `The API endpoint of prod is public to 203.0.112.0/23, ${NOT_ACCEPTED}` }],
  },
  {
    name: 'fails when a range starts where the accepted block starts but ends past it',
    facts: eks({
      endpointPublicAccess: true,
      publicAccessCidrs: ['203.0.113.0/24'],
      allowedPublicCidrs: ['203.0.113.0/25'],
    }),
    expect: [{ status: 'fail', message: `The API endpoint of prod is public to 203.0.113.0/24, ${NOT_ACCEPTED}` }],
  },
  {
    // ::203.0.113.0/120 holds the same numbers as 203.0.113.0/24, but EKS matches IPv4 clients against IPv4 blocks.
    name: 'fails for an IPv4 range when only its IPv6 form (::203.0.113.0/120) is accepted',
    facts: eks({
      endpointPublicAccess: true,
      publicAccessCidrs: ['203.0.113.0/24'],
      allowedPublicCidrs: ['::203.0.113.0/120'],
    }),
    expect: [{ status: 'fail', message: `The API endpoint of prod is public to 203.0.113.0/24, ${NOT_ACCEPTED}` }],
  },
  {
    // The configuration schema checks the shape of a block only: /33 gets through.
    name: 'fails for a range whose accepted block does not parse (203.0.113.0/33 accepts nothing)',
    facts: eks({
      endpointPublicAccess: true,
      publicAccessCidrs: ['203.0.113.0/24', '198.51.100.0/24'],
      allowedPublicCidrs: ['203.0.113.0/33', '198.51.100.0/24'],
    }),
    expect: [
      {
        status: 'fail',
        message: `The API endpoint of prod is public to 203.0.113.0/24, ${NOT_ACCEPTED}`,
        evidence: { accepted: ['203.0.113.0/33', '198.51.100.0/24'] },
      },
    ],
  },
  {
    name: 'fails for a public range that does not parse as a CIDR block: it is never taken as accepted',
    facts: eks({
      endpointPublicAccess: true,
      publicAccessCidrs: ['203.0.113.7'],
      allowedPublicCidrs: ['203.0.113.0/24'],
    }),
    expect: [{ status: 'fail', message: `The API endpoint of prod is public to 203.0.113.7, ${NOT_ACCEPTED}` }],
  },
  {
    // A range is read as src/core/netpol/cidr.ts parses it: the prefix by its value, surrounding spaces ignored.
    name: 'passes for a prefix written with a leading zero (203.0.113.0/024 is a /24, not the whole internet)',
    facts: eks({
      endpointPublicAccess: true,
      publicAccessCidrs: ['203.0.113.0/024'],
      allowedPublicCidrs: ['203.0.113.0/24'],
    }),
    expect: [
      { status: 'pass', message: 'The API endpoint of prod is public only to accepted ranges (203.0.113.0/024).' },
    ],
  },
  {
    name: 'fails for 0.0.0.0/0 followed by a space as for 0.0.0.0/0',
    facts: eks({ endpointPublicAccess: true, publicAccessCidrs: ['0.0.0.0/0 '] }),
    expect: [{ status: 'fail', message: 'The API endpoint of prod is open to the whole internet (0.0.0.0/0 ).' }],
  },
  {
    name: 'is unknown, never passes, when DescribeCluster gave no endpoint access settings',
    facts: eks({ endpointPublicAccess: null, endpointPrivateAccess: null }),
    expect: [
      {
        status: 'unknown',
        kind: 'EksCluster',
        resource: 'prod',
        message: 'Could not assess: DescribeCluster of prod gave no endpoint access settings.',
      },
    ],
  },
  {
    name: 'is unknown with the reason when DescribeCluster was denied',
    facts: DENIED,
    expect: [
      {
        status: 'unknown',
        message: 'Could not assess: eks.cluster: eks:DescribeCluster denied (AccessDeniedException).',
        evidence: { missingFacts: ['eks.cluster: eks:DescribeCluster denied (AccessDeniedException)'] },
      },
    ],
  },
  {
    name: 'does not apply to a cluster not configured as EKS',
    facts: NOT_EKS,
    expect: [
      {
        status: 'not-applicable',
        kind: 'Cluster',
        resource: 'demo',
        message: 'The EKS checks do not apply: kind is reached through a kubeconfig, not configured as an EKS cluster.',
        evidence: { notEks: 'kind is reached through a kubeconfig, not configured as an EKS cluster' },
      },
    ],
  },
]);
