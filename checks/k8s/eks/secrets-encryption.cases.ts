import { defineCases } from '../../../test/support/cases';
import { DENIED, eks, NOT_EKS } from './case-helpers';
import check from './secrets-encryption';

export default defineCases(check, [
  {
    name: 'passes when Secrets are encrypted with a KMS key',
    facts: eks(),
    expect: [{ status: 'pass', evidence: { keyArn: 'arn:aws:kms:eu-west-1:111122223333:key/k1' } }],
  },
  { name: 'fails without any encryption configuration', facts: eks({ encryption: [] }), expect: [{ status: 'fail' }] },
  {
    name: 'fails when the encryption configuration names no key',
    facts: eks({ encryption: [{ resources: ['secrets'] }] }),
    expect: [{ status: 'fail', message: 'no KMS encryption configuration for Secrets' }],
  },
  {
    name: 'is unknown when DescribeCluster was denied',
    facts: DENIED,
    expect: [{ status: 'unknown', message: 'denied' }],
  },
  { name: 'does not apply to a cluster not configured as EKS', facts: NOT_EKS, expect: [{ status: 'not-applicable' }] },
]);
