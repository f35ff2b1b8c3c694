import { defineCases } from '../../test/support/cases';
import { groups, instance } from './ec2-case-helpers';
import check from './ec2-sg-admin-ports';

const rule = (protocol: string, fromPort: number | undefined, toPort: number | undefined, ...cidrs: string[]) => ({
  protocol,
  ...(fromPort === undefined ? {} : { fromPort }),
  ...(toPort === undefined ? {} : { toPort }),
  cidrs,
  otherSources: [],
});

export default defineCases(check, [
  {
    name: 'passes when SSH is open to a private range only and HTTPS to the world',
    facts: {
      'ec2.instance': instance(),
      'ec2.securityGroups': groups({
        groupId: 'sg-0aaa',
        groupName: 'nodes',
        ingress: [rule('tcp', 22, 22, '10.0.0.0/8'), rule('tcp', 443, 443, '0.0.0.0/0')],
      }),
    },
    expect: [
      {
        status: 'pass',
        kind: 'SecurityGroup',
        resource: 'sg-0aaa',
        message: 'Security group sg-0aaa (nodes) opens neither SSH nor the kubelet to the internet.',
        evidence: { ingressRules: 2 },
      },
    ],
  },
  {
    name: 'fails SSH open to 0.0.0.0/0',
    facts: {
      'ec2.instance': instance(),
      'ec2.securityGroups': groups({ groupId: 'sg-0aaa', ingress: [rule('tcp', 22, 22, '0.0.0.0/0')] }),
    },
    expect: [
      {
        status: 'fail',
        kind: 'SecurityGroup',
        resource: 'sg-0aaa',
        message: 'Security group sg-0aaa opens SSH (22) to 0.0.0.0/0.',
        evidence: {
          open: [{ port: 22, service: 'SSH', source: '0.0.0.0/0', rule: 'tcp 22' }],
          reference: 'AWS Foundational Security Best Practices EC2.13, EC2.53, EC2.54',
        },
      },
    ],
  },
  {
    name: 'fails SSH open to "0.0.0.0/0 " with a trailing space, as a hand-written fact may give it',
    facts: {
      'ec2.instance': instance(),
      'ec2.securityGroups': groups({ groupId: 'sg-0aaa', ingress: [rule('tcp', 22, 22, '0.0.0.0/0 ')] }),
    },
    expect: [
      {
        status: 'fail',
        evidence: { open: [{ port: 22, service: 'SSH', source: '0.0.0.0/0 ', rule: 'tcp 22' }] },
      },
    ],
  },
  {
    name: 'passes SSH open to 10.0.0.0/08: a /8 written with a leading zero is not the internet',
    facts: {
      'ec2.instance': instance(),
      'ec2.securityGroups': groups({ groupId: 'sg-0aaa', ingress: [rule('tcp', 22, 22, '10.0.0.0/08')] }),
    },
    expect: [{ status: 'pass', evidence: { ingressRules: 1 } }],
  },
  {
    name: 'fails the kubelet open to ::/0',
    facts: {
      'ec2.instance': instance(),
      'ec2.securityGroups': groups({ groupId: 'sg-0aaa', ingress: [rule('tcp', 10250, 10250, '::/0')] }),
    },
    expect: [{ status: 'fail', message: 'kubelet (10250) to ::/0' }],
  },
  {
    name: 'fails all-traffic rules from the internet as EC2 reports them, without ports or with -1 (both ports)',
    facts: {
      'ec2.instance': instance(),
      'ec2.securityGroups': groups({
        groupId: 'sg-0aaa',
        ingress: [rule('-1', undefined, undefined, '0.0.0.0/0'), rule('-1', -1, -1, '::/0')],
      }),
    },
    expect: [
      {
        status: 'fail',
        message:
          'Security group sg-0aaa opens SSH (22) to 0.0.0.0/0, kubelet (10250) to 0.0.0.0/0, SSH (22) to ::/0, kubelet (10250) to ::/0.',
        evidence: {
          open: [
            { port: 22, service: 'SSH', source: '0.0.0.0/0', rule: 'all traffic' },
            { port: 10250, service: 'kubelet', source: '0.0.0.0/0', rule: 'all traffic' },
            { port: 22, service: 'SSH', source: '::/0', rule: 'all traffic' },
            { port: 10250, service: 'kubelet', source: '::/0', rule: 'all traffic' },
          ],
        },
      },
    ],
  },
  {
    name: 'fails an all-traffic rule written with protocol "all", as the AWS CLI spells -1',
    facts: {
      'ec2.instance': instance(),
      'ec2.securityGroups': groups({ groupId: 'sg-0aaa', ingress: [rule('all', undefined, undefined, '0.0.0.0/0')] }),
    },
    expect: [
      {
        status: 'fail',
        message: 'opens SSH (22) to 0.0.0.0/0, kubelet (10250) to 0.0.0.0/0.',
        evidence: {
          open: [
            { port: 22, service: 'SSH', source: '0.0.0.0/0', rule: 'all traffic' },
            { port: 10250, service: 'kubelet', source: '0.0.0.0/0', rule: 'all traffic' },
          ],
        },
      },
    ],
  },
  {
    name: 'passes ICMP of every type (ports -1) and ICMPv6 without ports from the internet: they open no TCP port',
    facts: {
      'ec2.instance': instance(),
      'ec2.securityGroups': groups({
        groupId: 'sg-0aaa',
        ingress: [rule('icmp', -1, -1, '0.0.0.0/0'), rule('icmpv6', undefined, undefined, '::/0')],
      }),
    },
    expect: [{ status: 'pass', evidence: { ingressRules: 2 } }],
  },
  {
    name: 'fails TCP rules written without ports or with ports -1, read as every port rather than none',
    facts: {
      'ec2.instance': instance(),
      'ec2.securityGroups': groups(
        { groupId: 'sg-0aaa', ingress: [rule('tcp', undefined, undefined, '0.0.0.0/0')] },
        { groupId: 'sg-0bbb', ingress: [rule('tcp', -1, -1, '::/0')] },
      ),
    },
    expect: [
      {
        status: 'fail',
        resource: 'sg-0aaa',
        message: 'Security group sg-0aaa opens SSH (22) to 0.0.0.0/0, kubelet (10250) to 0.0.0.0/0.',
        evidence: {
          open: [
            { port: 22, service: 'SSH', source: '0.0.0.0/0', rule: 'tcp 0-65535' },
            { port: 10250, service: 'kubelet', source: '0.0.0.0/0', rule: 'tcp 0-65535' },
          ],
        },
      },
      {
        status: 'fail',
        resource: 'sg-0bbb',
        message: 'Security group sg-0bbb opens SSH (22) to ::/0, kubelet (10250) to ::/0.',
        evidence: {
          open: [
            { port: 22, service: 'SSH', source: '::/0', rule: 'tcp 0-65535' },
            { port: 10250, service: 'kubelet', source: '::/0', rule: 'tcp 0-65535' },
          ],
        },
      },
    ],
  },
  {
    name: 'passes TCP port 0 alone open to the internet: the range 0-0 is one port, not every port',
    facts: {
      'ec2.instance': instance(),
      'ec2.securityGroups': groups({ groupId: 'sg-0aaa', ingress: [rule('tcp', 0, 0, '0.0.0.0/0')] }),
    },
    expect: [{ status: 'pass', evidence: { ingressRules: 1 } }],
  },
  {
    name: 'fails a TCP port range that covers 10250',
    facts: {
      'ec2.instance': instance(),
      'ec2.securityGroups': groups({ groupId: 'sg-0aaa', ingress: [rule('tcp', 10000, 11000, '0.0.0.0/0')] }),
    },
    expect: [
      {
        status: 'fail',
        message: 'kubelet (10250)',
        evidence: { open: [{ port: 10250, service: 'kubelet', source: '0.0.0.0/0', rule: 'tcp 10000-11000' }] },
      },
    ],
  },
  {
    name: 'fails TCP given by protocol number 6 over every port',
    facts: {
      'ec2.instance': instance(),
      'ec2.securityGroups': groups({ groupId: 'sg-0aaa', ingress: [rule('6', 0, 65535, '0.0.0.0/0')] }),
    },
    expect: [
      {
        status: 'fail',
        message: 'opens SSH (22) to 0.0.0.0/0, kubelet (10250) to 0.0.0.0/0.',
        evidence: {
          open: [
            { port: 22, service: 'SSH', source: '0.0.0.0/0', rule: '6 0-65535' },
            { port: 10250, service: 'kubelet', source: '0.0.0.0/0', rule: '6 0-65535' },
          ],
        },
      },
    ],
  },
  {
    name: 'passes UDP 22 open to the world (SSH is TCP)',
    facts: {
      'ec2.instance': instance(),
      'ec2.securityGroups': groups({ groupId: 'sg-0aaa', ingress: [rule('udp', 0, 65535, '0.0.0.0/0')] }),
    },
    expect: [{ status: 'pass' }],
  },
  {
    name: 'passes a range that stops below 22 and one that starts above 10250',
    facts: {
      'ec2.instance': instance(),
      'ec2.securityGroups': groups({
        groupId: 'sg-0aaa',
        ingress: [
          rule('tcp', 0, 21, '0.0.0.0/0'),
          rule('tcp', 10251, 65535, '::/0'),
          rule('tcp', 23, 10249, '0.0.0.0/0'),
        ],
      }),
    },
    expect: [{ status: 'pass' }],
  },
  {
    name: 'gives one result per security group, failing only the open one',
    facts: {
      'ec2.instance': instance(),
      'ec2.securityGroups': groups(
        { groupId: 'sg-0aaa', ingress: [] },
        { groupId: 'sg-0bbb', groupName: 'debug', ingress: [rule('tcp', 22, 22, '10.0.0.0/8', '0.0.0.0/0')] },
      ),
    },
    expect: [
      { status: 'pass', resource: 'sg-0aaa', evidence: { ingressRules: 0 } },
      { status: 'fail', resource: 'sg-0bbb', message: 'Security group sg-0bbb (debug) opens SSH (22) to 0.0.0.0/0.' },
    ],
  },
  {
    name: 'passes an instance without security groups',
    facts: {
      'ec2.instance': instance(),
      'ec2.securityGroups': groups(),
    },
    expect: [{ status: 'pass', kind: 'Instance', resource: 'node-1' }],
  },
  {
    name: 'is unknown when DescribeSecurityGroups was throttled beyond the retries',
    facts: {
      'ec2.instance': instance(),
      'ec2.securityGroups': { ok: false, reason: 'ec2:DescribeSecurityGroups throttled (RequestLimitExceeded)' },
    },
    expect: [{ status: 'unknown', message: 'throttled' }],
  },
  {
    name: 'does not apply to a host root, which is no EC2 instance',
    facts: { 'ec2.instance': { ok: true, value: { notEc2: 'a folder scanned as a host root' } } },
    expect: [
      { status: 'not-applicable', kind: 'Host', message: 'is not an EC2 instance: a folder scanned as a host root' },
    ],
  },
  {
    name: 'is unknown when ec2.securityGroups was not collected',
    facts: { 'ec2.instance': instance() },
    expect: [{ status: 'unknown', message: 'ec2.securityGroups: not collected' }],
  },
]);
