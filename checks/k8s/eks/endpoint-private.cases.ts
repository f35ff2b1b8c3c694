import { defineCases } from '../../../test/support/cases';
import { DENIED, eks, NOT_EKS } from './case-helpers';
import check from './endpoint-private';

export default defineCases(check, [
  {
    name: 'passes with a private endpoint and no public one',
    facts: eks(),
    expect: [
      {
        status: 'pass',
        kind: 'EksCluster',
        resource: 'prod',
        message: 'prod has a private endpoint and no public one.',
        evidence: { endpointPrivateAccess: true, endpointPublicAccess: false },
      },
    ],
  },
  {
    name: 'fails when public access is enabled, even restricted',
    facts: eks({ endpointPublicAccess: true, publicAccessCidrs: ['203.0.113.0/24'] }),
    expect: [
      {
        status: 'fail',
        message: 'prod: public access is enabled.',
        evidence: { endpointPrivateAccess: true, endpointPublicAccess: true },
      },
    ],
  },
  {
    name: 'fails when the private endpoint is disabled',
    facts: eks({ endpointPublicAccess: true, endpointPrivateAccess: false }),
    expect: [
      {
        status: 'fail',
        message: 'prod: the private endpoint is disabled and public access is enabled.',
        evidence: { endpointPrivateAccess: false, endpointPublicAccess: true },
      },
    ],
  },
  {
    // EKS refuses to turn both endpoints off; should the facts say so all the same, the message names only what is.
    name: 'fails naming only the private endpoint when both endpoints are off',
    facts: eks({ endpointPublicAccess: false, endpointPrivateAccess: false }),
    expect: [
      {
        status: 'fail',
        message: 'prod: the private endpoint is disabled.',
        evidence: { endpointPrivateAccess: false, endpointPublicAccess: false },
      },
    ],
  },
  {
    name: 'is unknown when DescribeCluster gave no resourcesVpcConfig (no endpoint access flags)',
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
    name: 'is unknown, never passes, when only the public access flag is missing',
    facts: eks({ endpointPublicAccess: null, endpointPrivateAccess: true }),
    expect: [
      { status: 'unknown', message: 'Could not assess: DescribeCluster of prod gave no endpoint access settings.' },
    ],
  },
  {
    name: 'is unknown when only the private access flag is missing',
    facts: eks({ endpointPrivateAccess: null }),
    expect: [
      { status: 'unknown', message: 'Could not assess: DescribeCluster of prod gave no endpoint access settings.' },
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
  {
    name: 'does not apply to a cluster not configured as EKS',
    facts: NOT_EKS,
    expect: [
      {
        status: 'not-applicable',
        kind: 'Cluster',
        resource: 'demo',
        evidence: { notEks: 'kind is reached through a kubeconfig, not configured as an EKS cluster' },
      },
    ],
  },
]);
