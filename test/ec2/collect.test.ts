/**
 * The EC2 collector against the EC2, IAM and SSM APIs as aws-sdk-client-mock answers them: paged answers, a call
 * throttled beyond the SDK's retries, denied calls, IDs the APIs do not know. The collector never retries (the
 * clients' SDK strategy does, src/aws/clients.ts): a throttled call is made once here.
 */
import {
  DescribeInstancesCommand,
  DescribeSecurityGroupsCommand,
  DescribeVolumesCommand,
  EC2Client,
  EC2ServiceException,
} from '@aws-sdk/client-ec2';
import {
  GetInstanceProfileCommand,
  IAMClient,
  IAMServiceException,
  ListAttachedRolePoliciesCommand,
  ListRolePoliciesCommand,
} from '@aws-sdk/client-iam';
import { DescribeInstanceInformationCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { collectEc2Facts } from '../../src/collectors/ec2/collect';
import { callFailure } from '../../src/collectors/ec2/errors';

const creds = { region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } };
const ec2 = new EC2Client(creds);
const iam = new IAMClient(creds);
const ssm = new SSMClient(creds);
const ec2Mock = mockClient(ec2);
const iamMock = mockClient(iam);
const ssmMock = mockClient(ssm);
const deps = { ec2, iam, ssm };

const A = 'i-0aaaaaaaaaaaaaaa1';
const B = 'i-0bbbbbbbbbbbbbbb2';
const PROFILE = 'arn:aws:iam::111122223333:instance-profile/eks/nodes-profile';

function ec2Error(name: string, message = `${name} message`) {
  return new EC2ServiceException({ name, message, $fault: 'client', $metadata: {} });
}

function instance(id: string, over: Record<string, unknown> = {}) {
  return {
    InstanceId: id,
    State: { Name: 'running' as const },
    Placement: { AvailabilityZone: 'eu-west-1a' },
    PrivateDnsName: `ip-${id.slice(-1)}.eu-west-1.compute.internal`,
    MetadataOptions: { HttpTokens: 'required' as const, HttpPutResponseHopLimit: 1, HttpEndpoint: 'enabled' as const },
    SecurityGroups: [{ GroupId: 'sg-0nodes' }],
    NetworkInterfaces: [{ Groups: [{ GroupId: 'sg-0extra' }] }],
    BlockDeviceMappings: [{ DeviceName: '/dev/xvda', Ebs: { VolumeId: `vol-${id.slice(2)}` } }],
    IamInstanceProfile: { Arn: PROFILE },
    ...over,
  };
}

function answerEverything() {
  // Two pages of instances: the paginator must follow NextToken.
  ec2Mock.on(DescribeInstancesCommand, { NextToken: undefined }).resolves({
    Reservations: [{ Instances: [instance(A, { PublicIpAddress: '203.0.113.7' })] }],
    NextToken: 'page-2',
  });
  ec2Mock.on(DescribeInstancesCommand, { NextToken: 'page-2' }).resolves({
    Reservations: [{ Instances: [instance(B)] }],
  });
  ec2Mock.on(DescribeSecurityGroupsCommand, { NextToken: undefined }).resolves({
    SecurityGroups: [
      {
        GroupId: 'sg-0nodes',
        GroupName: 'nodes',
        IpPermissions: [
          { IpProtocol: 'tcp', FromPort: 22, ToPort: 22, IpRanges: [{ CidrIp: '0.0.0.0/0' }] },
          { IpProtocol: '-1', UserIdGroupPairs: [{ GroupId: 'sg-0cluster' }], Ipv6Ranges: [{ CidrIpv6: '::/0' }] },
        ],
      },
    ],
    NextToken: 'sg-2',
  });
  ec2Mock
    .on(DescribeSecurityGroupsCommand, { NextToken: 'sg-2' })
    .resolves({ SecurityGroups: [{ GroupId: 'sg-0extra', IpPermissions: [] }] });
  ec2Mock.on(DescribeVolumesCommand, { NextToken: undefined }).resolves({
    Volumes: [{ VolumeId: `vol-${A.slice(2)}`, Encrypted: true }],
    NextToken: 'v-2',
  });
  ec2Mock.on(DescribeVolumesCommand, { NextToken: 'v-2' }).resolves({
    Volumes: [{ VolumeId: `vol-${B.slice(2)}`, Encrypted: false }],
  });
  iamMock.on(GetInstanceProfileCommand).resolves({
    InstanceProfile: {
      InstanceProfileName: 'nodes-profile',
      InstanceProfileId: 'AIPA',
      Arn: PROFILE,
      Path: '/eks/',
      CreateDate: new Date(0),
      Roles: [
        {
          RoleName: 'node-role',
          RoleId: 'AROA',
          Arn: 'arn:aws:iam::111122223333:role/node-role',
          Path: '/',
          CreateDate: new Date(0),
        },
      ],
    },
  });
  iamMock
    .on(ListAttachedRolePoliciesCommand, { RoleName: 'node-role', Marker: undefined })
    .resolves({
      AttachedPolicies: [
        { PolicyName: 'AmazonEKSWorkerNodePolicy', PolicyArn: 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy' },
      ],
      IsTruncated: true,
      Marker: 'm-2',
    })
    .on(ListAttachedRolePoliciesCommand, { RoleName: 'node-role', Marker: 'm-2' })
    .resolves({
      AttachedPolicies: [
        { PolicyName: 'AdministratorAccess', PolicyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
      ],
      IsTruncated: false,
    });
  iamMock.on(ListRolePoliciesCommand).resolves({ PolicyNames: ['inline-extra'], IsTruncated: false });
  ssmMock.on(DescribeInstanceInformationCommand).resolves({
    InstanceInformationList: [
      {
        InstanceId: A,
        PingStatus: 'Online',
        AgentVersion: '3.3.1142.0',
        LastPingDateTime: new Date('2026-06-01T00:00:00Z'),
      },
    ],
  });
}

beforeEach(() => {
  ec2Mock.reset();
  iamMock.reset();
  ssmMock.reset();
});

describe('EC2 collector: src/collectors/ec2/collect.ts', () => {
  it('follows every page of instances, security groups, volumes and attached policies', async () => {
    answerEverything();
    const facts = await collectEc2Facts(deps, [A, B]);
    const a = facts.get(A);
    const b = facts.get(B);
    expect(a?.['ec2.instance']).toEqual({
      ok: true,
      value: {
        instanceId: A,
        state: 'running',
        availabilityZone: 'eu-west-1a',
        privateDnsName: 'ip-1.eu-west-1.compute.internal',
        metadataOptions: { httpTokens: 'required', httpPutResponseHopLimit: 1, httpEndpoint: 'enabled' },
        publicIps: ['203.0.113.7'],
        securityGroupIds: ['sg-0extra', 'sg-0nodes'],
        volumeIds: [`vol-${A.slice(2)}`],
        instanceProfileArn: PROFILE,
      },
    });
    expect(b?.['ec2.instance'].ok).toBe(true);
    // Both security groups come from two pages, filtered by ID (an ID EC2 does not know is reported, not fatal).
    expect(a?.['ec2.securityGroups']).toEqual({
      ok: true,
      value: [
        { groupId: 'sg-0extra', ingress: [] },
        {
          groupId: 'sg-0nodes',
          groupName: 'nodes',
          ingress: [
            { protocol: 'tcp', fromPort: 22, toPort: 22, cidrs: ['0.0.0.0/0'], otherSources: [] },
            { protocol: '-1', cidrs: ['::/0'], otherSources: ['sg-0cluster'] },
          ],
        },
      ],
    });
    expect(ec2Mock).toHaveReceivedCommandWith(DescribeSecurityGroupsCommand, {
      Filters: [{ Name: 'group-id', Values: ['sg-0extra', 'sg-0nodes'] }],
    });
    expect(b?.['ec2.volumes']).toEqual({ ok: true, value: [{ volumeId: `vol-${B.slice(2)}`, encrypted: false }] });
    expect(a?.['ec2.volumes']).toEqual({ ok: true, value: [{ volumeId: `vol-${A.slice(2)}`, encrypted: true }] });
    expect(a?.['ec2.instanceProfile']).toEqual({
      ok: true,
      value: {
        arn: PROFILE,
        name: 'nodes-profile',
        roles: [
          {
            roleName: 'node-role',
            attached: [
              {
                policyName: 'AmazonEKSWorkerNodePolicy',
                policyArn: 'arn:aws:iam::aws:policy/AmazonEKSWorkerNodePolicy',
              },
              { policyName: 'AdministratorAccess', policyArn: 'arn:aws:iam::aws:policy/AdministratorAccess' },
            ],
            inline: ['inline-extra'],
          },
        ],
      },
    });
    // One profile shared by both nodes is asked for once.
    expect(iamMock).toHaveReceivedCommandTimes(GetInstanceProfileCommand, 1);
    expect(iamMock).toHaveReceivedCommandWith(GetInstanceProfileCommand, { InstanceProfileName: 'nodes-profile' });
    expect(ec2Mock).toHaveReceivedCommandTimes(DescribeInstancesCommand, 2);
    expect(a?.['ec2.ssmAgent']).toEqual({
      ok: true,
      value: {
        managedInstanceId: A,
        pingStatus: 'Online',
        agentVersion: '3.3.1142.0',
        lastPingDateTime: '2026-06-01T00:00:00.000Z',
      },
    });
    // B is not listed by SSM: not a managed instance, a fact of its own.
    expect(b?.['ec2.ssmAgent']).toEqual({ ok: true, value: null });
  });

  it('makes only the facts a denied call feeds unknown, naming the action', async () => {
    answerEverything();
    ec2Mock
      .on(DescribeVolumesCommand)
      .rejects(ec2Error('UnauthorizedOperation', 'You are not authorized to perform this operation.'));
    iamMock
      .on(GetInstanceProfileCommand)
      .rejects(
        new IAMServiceException({ name: 'AccessDenied', message: 'not authorized', $fault: 'client', $metadata: {} }),
      );
    const a = (await collectEc2Facts(deps, [A])).get(A);
    expect(a?.['ec2.volumes']).toEqual({
      ok: false,
      reason:
        'ec2:DescribeVolumes denied (UnauthorizedOperation): the scan role lacks it (docs/host.md, "Permissions")',
    });
    expect(a?.['ec2.instanceProfile']).toEqual({
      ok: false,
      reason: 'iam:GetInstanceProfile denied (AccessDenied): the scan role lacks it (docs/host.md, "Permissions")',
    });
    expect(a?.['ec2.instance'].ok).toBe(true);
    expect(a?.['ec2.securityGroups'].ok).toBe(true);
    expect(a?.['ec2.ssmAgent'].ok).toBe(true);
  });

  it('reports throttling that outlasted the SDK retries once, without retrying on top', async () => {
    answerEverything();
    ec2Mock.on(DescribeInstancesCommand).rejects(ec2Error('RequestLimitExceeded', 'Request limit exceeded.'));
    ssmMock
      .on(DescribeInstanceInformationCommand)
      .rejects(
        Object.assign(new Error('Rate exceeded'), { name: 'ThrottlingException', $retryable: { throttling: true } }),
      );
    const a = (await collectEc2Facts(deps, [A, B])).get(A);
    const reason = "ec2:DescribeInstances throttled (RequestLimitExceeded) beyond the SDK's retries";
    for (const key of ['ec2.instance', 'ec2.securityGroups', 'ec2.volumes', 'ec2.instanceProfile'] as const) {
      expect(a?.[key]).toEqual({ ok: false, reason });
    }
    expect(a?.['ec2.ssmAgent']).toEqual({
      ok: false,
      reason: "ssm:DescribeInstanceInformation throttled (ThrottlingException) beyond the SDK's retries",
    });
    expect(ec2Mock).toHaveReceivedCommandTimes(DescribeInstancesCommand, 1);
    expect(ssmMock).toHaveReceivedCommandTimes(DescribeInstanceInformationCommand, 1);
    expect(ec2Mock).not.toHaveReceivedCommand(DescribeSecurityGroupsCommand);
  });

  it('keeps the instances of the pages read before a page failed, and fails only the others', async () => {
    ec2Mock
      .on(DescribeInstancesCommand, { NextToken: undefined })
      .resolves({ Reservations: [{ Instances: [instance(A, { IamInstanceProfile: undefined })] }], NextToken: 'p2' })
      .on(DescribeInstancesCommand, { NextToken: 'p2' })
      .rejects(ec2Error('RequestLimitExceeded'));
    ec2Mock.on(DescribeSecurityGroupsCommand).resolves({ SecurityGroups: [] });
    ec2Mock.on(DescribeVolumesCommand).resolves({ Volumes: [] });
    ssmMock.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: [] });
    const facts = await collectEc2Facts(deps, [A, B]);
    expect(facts.get(A)?.['ec2.instance'].ok).toBe(true);
    expect(facts.get(A)?.['ec2.instanceProfile']).toEqual({ ok: true, value: null });
    // Groups and volumes EC2 did not return are not taken for "none".
    expect(facts.get(A)?.['ec2.securityGroups']).toEqual({
      ok: false,
      reason: 'ec2:DescribeSecurityGroups does not know security group sg-0extra',
    });
    expect(facts.get(A)?.['ec2.volumes']).toEqual({
      ok: false,
      reason: `ec2:DescribeVolumes does not know volume vol-${A.slice(2)}`,
    });
    expect(facts.get(B)?.['ec2.instance']).toEqual({
      ok: false,
      reason: "ec2:DescribeInstances throttled (RequestLimitExceeded) beyond the SDK's retries",
    });
  });

  it('says so for an instance EC2 does not know and for a hybrid managed instance', async () => {
    ec2Mock.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    ssmMock.on(DescribeInstanceInformationCommand).resolves({
      InstanceInformationList: [{ InstanceId: 'mi-0123456789abcdef0', PingStatus: 'Online', AgentVersion: '3.3.0.0' }],
    });
    const facts = await collectEc2Facts(deps, [A, 'mi-0123456789abcdef0']);
    expect(facts.get(A)?.['ec2.instance']).toEqual({ ok: false, reason: `ec2:DescribeInstances does not know ${A}` });
    expect(facts.get('mi-0123456789abcdef0')?.['ec2.instance']).toEqual({
      ok: false,
      reason: 'mi-0123456789abcdef0 is not an EC2 instance (a hybrid managed instance): EC2 does not describe it',
    });
    expect(facts.get('mi-0123456789abcdef0')?.['ec2.ssmAgent'].ok).toBe(true);
    // The hybrid ID is never sent to EC2.
    expect(ec2Mock).toHaveReceivedCommandWith(DescribeInstancesCommand, {
      Filters: [{ Name: 'instance-id', Values: [A] }],
    });
  });

  it('asks EC2 about at most 200 IDs per filter and SSM about at most 50', async () => {
    const ids = Array.from({ length: 201 }, (_, i) => `i-${i.toString(16).padStart(17, '0')}`);
    ec2Mock.on(DescribeInstancesCommand).resolves({ Reservations: [] });
    ssmMock.on(DescribeInstanceInformationCommand).resolves({ InstanceInformationList: [] });
    await collectEc2Facts(deps, ids);
    expect(ec2Mock).toHaveReceivedCommandTimes(DescribeInstancesCommand, 2);
    expect(ssmMock).toHaveReceivedCommandTimes(DescribeInstanceInformationCommand, 5);
  });
});

describe('EC2 collector: callFailure', () => {
  it.each([
    ['AccessDeniedException', 'denied (AccessDeniedException)'],
    ['UnauthorizedOperation', 'denied (UnauthorizedOperation)'],
    ['Throttling', "throttled (Throttling) beyond the SDK's retries"],
    ['InternalError', 'failed (InternalError): InternalError message'],
  ])('%s', (name, expected) => {
    expect(callFailure('ec2:DescribeVolumes', ec2Error(name)).startsWith(`ec2:DescribeVolumes ${expected}`)).toBe(true);
  });

  it('says when there are no credentials at all', () => {
    const err = Object.assign(new Error('Could not load credentials from any providers'), {
      name: 'CredentialsProviderError',
    });
    expect(callFailure('ec2:DescribeInstances', err)).toBe(
      'no AWS credentials: Could not load credentials from any providers',
    );
  });
});
