import { defineCases } from '../../test/support/cases';
import { instance } from './ec2-case-helpers';
import check from './ec2-imdsv2-required';

export default defineCases(check, [
  {
    name: 'passes when session tokens are required',
    facts: { 'ec2.instance': instance() },
    expect: [
      {
        status: 'pass',
        kind: 'Instance',
        resource: 'i-0123456789abcdef0',
        message: 'i-0123456789abcdef0 requires IMDSv2 session tokens.',
        evidence: { httpTokens: 'required', reference: 'AWS Foundational Security Best Practices EC2.8' },
      },
    ],
  },
  {
    name: 'fails when IMDSv1 still answers (HttpTokens optional)',
    facts: {
      'ec2.instance': instance({ metadataOptions: { httpTokens: 'optional', httpPutResponseHopLimit: 1 } }),
    },
    expect: [
      {
        status: 'fail',
        message:
          "i-0123456789abcdef0 answers IMDSv1 (HttpTokens optional): a request forged from a Pod can read the node role's credentials.",
        evidence: { httpTokens: 'optional', reference: 'AWS Foundational Security Best Practices EC2.8' },
      },
    ],
  },
  {
    name: 'passes when the metadata service is disabled',
    facts: { 'ec2.instance': instance({ metadataOptions: { httpTokens: 'optional', httpEndpoint: 'disabled' } }) },
    expect: [
      {
        status: 'pass',
        kind: 'Instance',
        resource: 'i-0123456789abcdef0',
        message: 'The instance metadata service of i-0123456789abcdef0 is disabled.',
        evidence: {
          httpEndpoint: 'disabled',
          httpTokens: undefined,
          reference: 'AWS Foundational Security Best Practices EC2.8',
        },
      },
    ],
  },
  {
    name: 'is unknown without metadata options',
    facts: { 'ec2.instance': instance({ metadataOptions: null }) },
    expect: [{ status: 'unknown', message: 'gave no metadata options' }],
  },
  {
    name: 'is unknown when HttpTokens is not given',
    facts: { 'ec2.instance': instance({ metadataOptions: { httpPutResponseHopLimit: 1 } }) },
    expect: [{ status: 'unknown', message: 'did not say whether tokens are required' }],
  },
  {
    name: 'is unknown with the reason when DescribeInstances was denied',
    facts: { 'ec2.instance': { ok: false, reason: 'ec2:DescribeInstances denied (UnauthorizedOperation)' } },
    expect: [{ status: 'unknown', message: 'ec2:DescribeInstances denied' }],
  },
  {
    name: 'does not apply to a host root, which is no EC2 instance',
    facts: { 'ec2.instance': { ok: true, value: { notEc2: 'a folder scanned as a host root' } } },
    expect: [{ status: 'not-applicable', kind: 'Host' }],
  },
]);
