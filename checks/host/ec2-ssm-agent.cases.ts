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
        evidence: { minimumVersion: '3.2.0.0' },
      },
    ],
  },
  {
    name: 'fails an agent that lost its connection',
    facts: {
      'ec2.instance': instance(),
      'ec2.ssmAgent': agent({ pingStatus: 'ConnectionLost', lastPingDateTime: '2026-05-30T10:00:00.000Z' }),
    },
    expect: [{ status: 'fail', message: 'is ConnectionLost (last ping 2026-05-30T10:00:00.000Z)' }],
  },
  {
    name: 'fails an agent older than the configured minimum (numeric, not string, order)',
    facts: {
      'ec2.instance': instance(),
      'ec2.ssmAgent': agent({ agentVersion: '3.3.99.0' }),
    },
    options: { ssmAgentMinVersion: '3.3.100.0' },
    expect: [{ status: 'fail', message: 'older than the minimum 3.3.100.0' }],
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
    expect: [{ status: 'fail', kind: 'Instance', message: 'not a managed instance' }],
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
