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
      { status: 'fail', message: 'hop limit of i-0123456789abcdef0 is 2', evidence: { httpPutResponseHopLimit: 2 } },
    ],
  },
  {
    name: 'passes when the metadata service is disabled, whatever the limit',
    facts: {
      'ec2.instance': instance({ metadataOptions: { httpEndpoint: 'disabled', httpPutResponseHopLimit: 3 } }),
    },
    expect: [{ status: 'pass', message: 'disabled' }],
  },
  {
    name: 'is unknown when the limit is not given',
    facts: { 'ec2.instance': instance({ metadataOptions: { httpTokens: 'required' } }) },
    expect: [{ status: 'unknown', message: 'did not give it' }],
  },
  {
    name: 'does not apply to a host root, which is no EC2 instance',
    facts: { 'ec2.instance': { ok: true, value: { notEc2: 'a folder scanned as a host root' } } },
    expect: [{ status: 'not-applicable', kind: 'Host' }],
  },
]);
