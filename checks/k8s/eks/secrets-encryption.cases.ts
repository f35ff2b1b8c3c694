import { defineCases } from '../../../test/support/cases';
import { DENIED, eks, NOT_EKS } from './case-helpers';
import check from './secrets-encryption';

const KEY = 'arn:aws:kms:eu-west-1:111122223333:key/k1';

export default defineCases(check, [
  {
    name: 'passes when Secrets are encrypted with a KMS key',
    facts: eks(),
    expect: [
      {
        status: 'pass',
        kind: 'EksCluster',
        resource: 'prod',
        message: `prod encrypts Secrets with KMS key ${KEY}.`,
        evidence: { resources: ['secrets'], keyArn: KEY },
      },
    ],
  },
  {
    name: 'fails without any encryption configuration',
    facts: eks({ encryption: [] }),
    expect: [
      {
        status: 'fail',
        message: 'prod has no KMS encryption configuration for Secrets.',
        evidence: { encryptionConfig: [] },
      },
    ],
  },
  {
    name: 'fails when the encryption configuration names no key',
    facts: eks({ encryption: [{ resources: ['secrets'] }] }),
    expect: [
      {
        status: 'fail',
        message: 'prod has no KMS encryption configuration for Secrets.',
        evidence: { encryptionConfig: [{ resources: ['secrets'], keyArn: undefined }] },
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
