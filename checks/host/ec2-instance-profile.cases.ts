import type { Ec2InstanceProfile } from '../../src/core/facts/ec2';
import type { Fact } from '../../src/core/model';
import { defineCases } from '../../test/support/cases';
import { instance } from './ec2-case-helpers';
import check from './ec2-instance-profile';

const aws = (name: string) => ({ policyName: name, policyArn: `arn:aws:iam::aws:policy/${name}` });
const NODE = [
  aws('AmazonEKSWorkerNodePolicy'),
  aws('AmazonEKS_CNI_Policy'),
  aws('AmazonEC2ContainerRegistryReadOnly'),
  aws('AmazonSSMManagedInstanceCore'),
];
const profile = (
  attached: { policyName: string; policyArn: string }[],
  inline: string[] = [],
): Fact<Ec2InstanceProfile> => ({
  ok: true,
  value: {
    arn: 'arn:aws:iam::111122223333:instance-profile/nodes',
    name: 'nodes',
    roles: [{ roleName: 'node-role', attached, inline }],
  },
});

export default defineCases(check, [
  {
    name: 'passes the node policies only',
    facts: {
      'ec2.instance': instance(),
      'ec2.instanceProfile': profile(NODE),
    },
    expect: [
      {
        status: 'pass',
        kind: 'InstanceProfile',
        resource: 'nodes',
        message: 'The AWS-managed policies of instance profile nodes are within what a node needs.',
        evidence: {
          roles: ['node-role'],
          awsManaged: [
            'AmazonEKSWorkerNodePolicy',
            'AmazonEKS_CNI_Policy',
            'AmazonEC2ContainerRegistryReadOnly',
            'AmazonSSMManagedInstanceCore',
          ],
          notJudged: [],
        },
      },
    ],
  },
  {
    name: 'fails AdministratorAccess as critical',
    facts: {
      'ec2.instance': instance(),
      'ec2.instanceProfile': profile([...NODE, aws('AdministratorAccess')]),
    },
    expect: [
      {
        status: 'fail',
        severity: 'critical',
        message: 'AdministratorAccess (role node-role)',
        evidence: { broad: ['AdministratorAccess'] },
      },
    ],
  },
  {
    name: 'fails AmazonEC2FullAccess and PowerUserAccess as critical',
    facts: {
      'ec2.instance': instance(),
      'ec2.instanceProfile': profile([aws('AmazonEC2FullAccess'), aws('PowerUserAccess')]),
    },
    expect: [
      {
        status: 'fail',
        severity: 'critical',
        message:
          'Instance profile nodes attaches AmazonEC2FullAccess (role node-role), PowerUserAccess (role node-role): beyond what a node needs, and every Pod that reaches the metadata service holds it.',
        evidence: {
          roles: ['node-role'],
          awsManaged: ['AmazonEC2FullAccess', 'PowerUserAccess'],
          notJudged: [],
          beyondNodeNeeds: ['AmazonEC2FullAccess', 'PowerUserAccess'],
          broad: ['AmazonEC2FullAccess', 'PowerUserAccess'],
          reference: 'AWS Foundational Security Best Practices IAM.1',
        },
      },
    ],
  },
  {
    name: 'fails another AWS-managed policy at the check severity',
    facts: {
      'ec2.instance': instance(),
      'ec2.instanceProfile': profile([...NODE, aws('AmazonS3ReadOnlyAccess')]),
    },
    expect: [
      { status: 'fail', severity: 'high', evidence: { beyondNodeNeeds: ['AmazonS3ReadOnlyAccess'], broad: [] } },
    ],
  },
  {
    name: 'passes, naming what it did not judge, with customer-managed and inline policies',
    facts: {
      'ec2.instance': instance(),
      'ec2.instanceProfile': profile(
        [...NODE, { policyName: 'probe-output', policyArn: 'arn:aws:iam::111122223333:policy/probe-output' }],
        ['extra'],
      ),
    },
    expect: [
      {
        status: 'pass',
        message: '2 customer-managed or inline policies are not judged',
        evidence: { notJudged: ['arn:aws:iam::111122223333:policy/probe-output', 'node-role (inline): extra'] },
      },
    ],
  },
  {
    name: 'passes, naming the one inline policy it did not judge in the singular',
    facts: {
      'ec2.instance': instance(),
      'ec2.instanceProfile': profile(NODE, ['extra']),
    },
    expect: [
      {
        status: 'pass',
        message:
          'The AWS-managed policies of instance profile nodes are within what a node needs; 1 customer-managed or inline policy is not judged (their documents are not read).',
        evidence: { notJudged: ['node-role (inline): extra'] },
      },
    ],
  },
  {
    name: 'passes an instance without instance profile',
    facts: {
      'ec2.instance': instance(),
      'ec2.instanceProfile': { ok: true, value: null },
    },
    expect: [{ status: 'pass', kind: 'Instance', message: 'no instance profile' }],
  },
  {
    name: 'is unknown when IAM was denied',
    facts: {
      'ec2.instance': instance(),
      'ec2.instanceProfile': { ok: false, reason: 'iam:GetInstanceProfile denied (AccessDenied)' },
    },
    expect: [{ status: 'unknown', message: 'iam:GetInstanceProfile denied' }],
  },
  {
    name: 'does not apply to a host root, which is no EC2 instance',
    facts: { 'ec2.instance': { ok: true, value: { notEc2: 'a folder scanned as a host root' } } },
    expect: [
      { status: 'not-applicable', kind: 'Host', message: 'is not an EC2 instance: a folder scanned as a host root' },
    ],
  },
  {
    name: 'is unknown when ec2.instanceProfile was not collected',
    facts: { 'ec2.instance': instance() },
    expect: [{ status: 'unknown', message: 'ec2.instanceProfile: not collected' }],
  },
]);
