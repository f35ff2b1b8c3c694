import { defineCases } from '../../test/support/cases';
import { instance } from './ec2-case-helpers';
import check from './ec2-imds-hop-limit';

export default defineCases(check, [
  {
    name: 'passes with a hop limit of 1',
    facts: { 'ec2.instance': instance() },
    expect: [{ status: 'pass', evidence: { httpPutResponseHopLimit: 1 } }],
  },
  {
    name: 'fails with a hop limit of 2 (the EKS managed node group default for some AMIs)',
    facts: {
      'ec2.instance': instance({ metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 2 } }),
    },
    expect: [
      {
        status: 'fail',
        kind: 'Instance',
        resource: 'i-0123456789abcdef0',
        message:
          "The metadata response hop limit of i-0123456789abcdef0 is 2: Pods can reach the metadata service and the node role's credentials.",
        evidence: { httpPutResponseHopLimit: 2, httpTokens: 'required' },
      },
    ],
  },
  {
    name: 'fails a hop limit of 3 without HttpTokens, which the evidence gives as null',
    facts: { 'ec2.instance': instance({ metadataOptions: { httpPutResponseHopLimit: 3 } }) },
    expect: [
      { status: 'fail', message: 'is 3: Pods can reach', evidence: { httpPutResponseHopLimit: 3, httpTokens: null } },
    ],
  },
  {
    name: 'passes when the metadata service is disabled, whatever the limit',
    facts: {
      'ec2.instance': instance({ metadataOptions: { httpEndpoint: 'disabled', httpPutResponseHopLimit: 3 } }),
    },
    expect: [
      {
        status: 'pass',
        message: 'The instance metadata service of i-0123456789abcdef0 is disabled.',
        evidence: { httpEndpoint: 'disabled', httpPutResponseHopLimit: undefined },
      },
    ],
  },
  {
    name: 'is unknown when the limit is not given',
    facts: { 'ec2.instance': instance({ metadataOptions: { httpTokens: 'required' } }) },
    expect: [{ status: 'unknown', message: 'did not give it' }],
  },
  {
    name: 'is unknown when DescribeInstances gave no metadata options at all',
    facts: { 'ec2.instance': instance({ metadataOptions: null }) },
    expect: [
      {
        status: 'unknown',
        kind: 'Instance',
        message: 'Could not assess the metadata hop limit of i-0123456789abcdef0: DescribeInstances did not give it.',
      },
    ],
  },
  {
    name: 'does not apply to a host root, which is no EC2 instance',
    facts: { 'ec2.instance': { ok: true, value: { notEc2: 'a folder scanned as a host root' } } },
    expect: [{ status: 'not-applicable', kind: 'Host' }],
  },
]);
