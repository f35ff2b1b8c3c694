import { defineCases } from '../../../test/support/cases';
import check from './authentication-mode';
import { DENIED, eks, NOT_EKS } from './case-helpers';

export default defineCases(check, [
  { name: 'passes with API', facts: eks(), expect: [{ status: 'pass', evidence: { authenticationMode: 'API' } }] },
  {
    name: 'passes with API_AND_CONFIG_MAP',
    facts: eks({ authenticationMode: 'API_AND_CONFIG_MAP' }),
    expect: [{ status: 'pass' }],
  },
  {
    name: 'fails with CONFIG_MAP (the aws-auth ConfigMap only)',
    facts: eks({ authenticationMode: 'CONFIG_MAP' }),
    expect: [{ status: 'fail', message: 'aws-auth ConfigMap only (CONFIG_MAP)' }],
  },
  {
    name: 'is unknown without an authentication mode',
    facts: eks({ authenticationMode: undefined }),
    expect: [{ status: 'unknown' }],
  },
  {
    name: 'is unknown when DescribeCluster was denied',
    facts: DENIED,
    expect: [{ status: 'unknown', message: 'denied' }],
  },
  { name: 'does not apply to a cluster not configured as EKS', facts: NOT_EKS, expect: [{ status: 'not-applicable' }] },
]);
