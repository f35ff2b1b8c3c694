import { defineCases } from '../../../test/support/cases';
import check from './authentication-mode';
import { DENIED, eks, NOT_EKS } from './case-helpers';

export default defineCases(check, [
  {
    name: 'passes with API',
    facts: eks(),
    expect: [
      {
        status: 'pass',
        kind: 'EksCluster',
        resource: 'prod',
        message: 'prod authenticates with access entries (API).',
        evidence: { authenticationMode: 'API' },
      },
    ],
  },
  {
    name: 'passes with API_AND_CONFIG_MAP',
    facts: eks({ authenticationMode: 'API_AND_CONFIG_MAP' }),
    expect: [
      {
        status: 'pass',
        message: 'prod authenticates with access entries (API_AND_CONFIG_MAP).',
        evidence: { authenticationMode: 'API_AND_CONFIG_MAP' },
      },
    ],
  },
  {
    name: 'fails with CONFIG_MAP (the aws-auth ConfigMap only)',
    facts: eks({ authenticationMode: 'CONFIG_MAP' }),
    expect: [
      {
        status: 'fail',
        kind: 'EksCluster',
        resource: 'prod',
        message:
          'prod authenticates through the aws-auth ConfigMap only (CONFIG_MAP): access is not managed through the EKS API.',
        evidence: { authenticationMode: 'CONFIG_MAP' },
      },
    ],
  },
  {
    name: 'is unknown, never passes, when DescribeCluster gave no authentication mode',
    facts: eks({ authenticationMode: undefined }),
    expect: [
      {
        status: 'unknown',
        kind: 'EksCluster',
        resource: 'prod',
        message: 'Could not assess: DescribeCluster of prod gave no authentication mode.',
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
