import { defineCases } from '../../test/support/cases';
import { instance } from './ec2-case-helpers';
import check from './ec2-ebs-encrypted';

export default defineCases(check, [
  {
    name: 'passes encrypted volumes, one result each',
    facts: {
      'ec2.instance': instance(),
      'ec2.volumes': {
        ok: true,
        value: [
          { volumeId: 'vol-0aaa', encrypted: true },
          { volumeId: 'vol-0bbb', encrypted: true },
        ],
      },
    },
    expect: [
      {
        status: 'pass',
        kind: 'Volume',
        resource: 'vol-0aaa',
        message: 'EBS volume vol-0aaa of node-1 is encrypted.',
        evidence: { encrypted: true },
      },
      {
        status: 'pass',
        kind: 'Volume',
        resource: 'vol-0bbb',
        message: 'EBS volume vol-0bbb of node-1 is encrypted.',
        evidence: { encrypted: true },
      },
    ],
  },
  {
    name: 'fails the unencrypted volume only',
    facts: {
      'ec2.instance': instance(),
      'ec2.volumes': {
        ok: true,
        value: [
          { volumeId: 'vol-0aaa', encrypted: true },
          { volumeId: 'vol-0bbb', encrypted: false },
        ],
      },
    },
    expect: [
      { status: 'pass', kind: 'Volume', resource: 'vol-0aaa', evidence: { encrypted: true } },
      {
        status: 'fail',
        kind: 'Volume',
        resource: 'vol-0bbb',
        message:
          'EBS volume vol-0bbb of node-1 is not encrypted: its data and snapshots are readable by whoever gets them.',
        evidence: { encrypted: false, reference: 'AWS Foundational Security Best Practices EC2.3' },
      },
    ],
  },
  {
    name: 'does not apply to an instance without EBS volume',
    facts: {
      'ec2.instance': instance(),
      'ec2.volumes': { ok: true, value: [] },
    },
    expect: [{ status: 'not-applicable', kind: 'Instance' }],
  },
  {
    name: 'is unknown when DescribeVolumes was denied',
    facts: {
      'ec2.instance': instance(),
      'ec2.volumes': { ok: false, reason: 'ec2:DescribeVolumes denied (UnauthorizedOperation)' },
    },
    expect: [{ status: 'unknown', message: 'ec2:DescribeVolumes denied' }],
  },
  {
    name: 'does not apply to a host root, which is no EC2 instance',
    facts: { 'ec2.instance': { ok: true, value: { notEc2: 'a folder scanned as a host root' } } },
    expect: [
      { status: 'not-applicable', kind: 'Host', message: 'is not an EC2 instance: a folder scanned as a host root' },
    ],
  },
  {
    name: 'is unknown when ec2.volumes was not collected',
    facts: { 'ec2.instance': instance() },
    expect: [{ status: 'unknown', message: 'ec2.volumes: not collected' }],
  },
]);
