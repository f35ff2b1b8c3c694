import { defineCases } from '../../test/support/cases';
import { INSTANCE_ID, instance } from './ec2-case-helpers';
import check from './ec2-no-public-ip';

export default defineCases(check, [
  {
    name: 'passes a node without public address',
    facts: { 'ec2.instance': instance() },
    expect: [{ status: 'pass', kind: 'Instance' }],
  },
  {
    name: 'fails a node with a public address, naming it',
    facts: { 'ec2.instance': instance({ publicIps: ['203.0.113.7'] }) },
    expect: [{ status: 'fail', message: '203.0.113.7', evidence: { publicIps: ['203.0.113.7'] } }],
  },
  {
    name: 'does not apply to a host root, which is no EC2 instance',
    facts: { 'ec2.instance': { ok: true, value: { notEc2: 'a folder scanned as a host root' } } },
    expect: [{ status: 'not-applicable', kind: 'Host' }],
  },
  {
    name: 'passes in full, with an empty list as evidence',
    facts: { 'ec2.instance': instance() },
    expect: [{ status: 'pass', message: `${INSTANCE_ID} has no public IP address.`, evidence: { publicIps: [] } }],
  },
  {
    name: 'fails in full a node with two public addresses, naming both, with the reference',
    facts: { 'ec2.instance': instance({ publicIps: ['203.0.113.7', '198.51.100.9'] }) },
    expect: [
      {
        status: 'fail',
        message: `${INSTANCE_ID} has a public IP address (203.0.113.7, 198.51.100.9): it is one security group rule away from the internet.`,
        evidence: {
          publicIps: ['203.0.113.7', '198.51.100.9'],
          reference: 'AWS Foundational Security Best Practices EC2.9',
        },
      },
    ],
  },
]);
