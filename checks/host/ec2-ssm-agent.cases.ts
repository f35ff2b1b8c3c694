import type { Ec2SsmAgent } from '../../src/core/facts/ec2';
import type { Fact } from '../../src/core/model';
import { defineCases } from '../../test/support/cases';
import { instance } from './ec2-case-helpers';
import check from './ec2-ssm-agent';

const agent = (over: Partial<Ec2SsmAgent> = {}): Fact<Ec2SsmAgent | null> => ({
  ok: true,
  value: { managedInstanceId: 'i-0123456789abcdef0', pingStatus: 'Online', agentVersion: '3.3.1142.0', ...over },
});

export default defineCases(check, [
  {
    name: 'passes an online agent at or above the default minimum',
    facts: {
      'ec2.instance': instance(),
      'ec2.ssmAgent': agent(),
    },
    expect: [
      {
        status: 'pass',
        kind: 'ManagedInstance',
        resource: 'i-0123456789abcdef0',
        message: 'The SSM agent of i-0123456789abcdef0 is online, version 3.3.1142.0 (minimum 3.2.0.0).',
        evidence: {
          pingStatus: 'Online',
          agentVersion: '3.3.1142.0',
          minimumVersion: '3.2.0.0',
          lastPing: undefined,
          reference: undefined,
        },
      },
    ],
  },
  {
    name: 'passes an agent exactly at the minimum version',
    facts: {
      'ec2.instance': instance(),
      'ec2.ssmAgent': agent({ agentVersion: '3.2.0.0' }),
    },
    expect: [{ status: 'pass', message: 'is online, version 3.2.0.0 (minimum 3.2.0.0).' }],
  },
  {
    name: 'passes an agent with a two-digit major version',
    facts: {
      'ec2.instance': instance(),
      'ec2.ssmAgent': agent({ agentVersion: '10.0.0.0' }),
    },
    expect: [{ status: 'pass', message: 'is online, version 10.0.0.0 (minimum 3.2.0.0).' }],
  },
  {
    name: 'passes an agent version given with surrounding whitespace',
    facts: {
      'ec2.instance': instance(),
      'ec2.ssmAgent': agent({ agentVersion: ' 3.3.1142.0 ' }),
    },
    expect: [{ status: 'pass', evidence: { agentVersion: ' 3.3.1142.0 ' } }],
  },
  {
    name: 'fails an agent that lost its connection',
    facts: {
      'ec2.instance': instance(),
      'ec2.ssmAgent': agent({ pingStatus: 'ConnectionLost', lastPingDateTime: '2026-05-30T10:00:00.000Z' }),
    },
    expect: [
      {
        status: 'fail',
        kind: 'ManagedInstance',
        resource: 'i-0123456789abcdef0',
        message:
          'The SSM agent of i-0123456789abcdef0 is ConnectionLost (last ping 2026-05-30T10:00:00.000Z): SSM cannot reach the node.',
        evidence: {
          pingStatus: 'ConnectionLost',
          agentVersion: '3.3.1142.0',
          minimumVersion: '3.2.0.0',
          lastPing: '2026-05-30T10:00:00.000Z',
          reference: 'AWS Foundational Security Best Practices SSM.1',
        },
      },
    ],
  },
  {
    name: 'fails an agent that reports no ping status nor last ping',
    facts: {
      'ec2.instance': instance(),
      'ec2.ssmAgent': {
        ok: true,
        value: { managedInstanceId: 'i-0123456789abcdef0' },
      },
    },
    expect: [
      {
        status: 'fail',
        message: 'The SSM agent of i-0123456789abcdef0 is not reporting: SSM cannot reach the node.',
        evidence: {
          pingStatus: null,
          agentVersion: null,
          minimumVersion: '3.2.0.0',
          lastPing: undefined,
          reference: 'AWS Foundational Security Best Practices SSM.1',
        },
      },
    ],
  },
  {
    name: 'fails an agent older than the configured minimum (numeric, not string, order)',
    facts: {
      'ec2.instance': instance(),
      'ec2.ssmAgent': agent({ agentVersion: '3.3.99.0' }),
    },
    options: { ssmAgentMinVersion: '3.3.100.0' },
    expect: [
      {
        status: 'fail',
        message: 'The SSM agent of i-0123456789abcdef0 is version 3.3.99.0, older than the minimum 3.3.100.0.',
        evidence: { agentVersion: '3.3.99.0', minimumVersion: '3.3.100.0', reference: undefined },
      },
    ],
  },
  {
    name: 'fails an agent version shorter than the minimum, its missing parts read as 0',
    facts: {
      'ec2.instance': instance(),
      'ec2.ssmAgent': agent({ agentVersion: '3.2' }),
    },
    options: { ssmAgentMinVersion: '3.2.0.1' },
    expect: [{ status: 'fail', message: 'is version 3.2, older than the minimum 3.2.0.1.' }],
  },
  {
    name: 'passes an agent newer than the minimum by a longer part',
    facts: {
      'ec2.instance': instance(),
      'ec2.ssmAgent': agent({ agentVersion: '3.3.1000.0' }),
    },
    options: { ssmAgentMinVersion: '3.3.999' },
    expect: [{ status: 'pass' }],
  },
  {
    name: 'fails an instance SSM does not manage',
    facts: {
      'ec2.instance': instance(),
      'ec2.ssmAgent': { ok: true, value: null },
    },
    expect: [
      {
        status: 'fail',
        kind: 'Instance',
        resource: 'node-1',
        message: 'node-1 is not a managed instance of SSM: the host probe cannot reach it.',
        evidence: { managed: false, reference: 'AWS Foundational Security Best Practices SSM.1' },
      },
    ],
  },
  {
    name: 'is unknown when the agent version is not reported',
    facts: {
      'ec2.instance': instance(),
      'ec2.ssmAgent': agent({ agentVersion: undefined }),
    },
    expect: [{ status: 'unknown', message: 'SSM did not report it' }],
  },
  {
    name: 'is unknown when the version is not dotted numbers',
    facts: {
      'ec2.instance': instance(),
      'ec2.ssmAgent': agent({ agentVersion: '3.x' }),
    },
    expect: [{ status: 'unknown', message: 'is not a dotted version' }],
  },
  {
    name: 'is unknown when the version has a prefix before its numbers',
    facts: {
      'ec2.instance': instance(),
      'ec2.ssmAgent': agent({ agentVersion: 'v3.3.1142.0' }),
    },
    expect: [
      {
        status: 'unknown',
        message:
          'Could not assess the SSM agent version of i-0123456789abcdef0: "v3.3.1142.0" or the minimum "3.2.0.0" is not a dotted version.',
        evidence: { agentVersion: 'v3.3.1142.0' },
      },
    ],
  },
  {
    name: 'does not apply to a host root, which is no EC2 instance',
    facts: { 'ec2.instance': { ok: true, value: { notEc2: 'a folder scanned as a host root' } } },
    expect: [
      { status: 'not-applicable', kind: 'Host', message: 'is not an EC2 instance: a folder scanned as a host root' },
    ],
  },
  {
    name: 'is unknown when ec2.ssmAgent was not collected',
    facts: { 'ec2.instance': instance() },
    expect: [{ status: 'unknown', message: 'ec2.ssmAgent: not collected' }],
  },
]);
