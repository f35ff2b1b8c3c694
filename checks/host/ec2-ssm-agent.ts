import { defineCheck } from '../../src/core/check';
import { DEFAULT_SSM_AGENT_MIN_VERSION } from '../../src/core/model';
import { instanceResource, isInstance, notAnInstance, usedFact } from './ec2-common';

/** Dotted numeric versions compared part by part (`3.2.582.0`); null when either is not one. */
export function compareVersions(a: string, b: string): number | null {
  const parse = (v: string) => (/^\d+(\.\d+)*$/.test(v.trim()) ? v.trim().split('.').map(Number) : null);
  const x = parse(a);
  const y = parse(b);
  if (!x || !y) return null;
  for (let i = 0; i < Math.max(x.length, y.length); i++) {
    const d = (x[i] ?? 0) - (y[i] ?? 0);
    if (d !== 0) return Math.sign(d);
  }
  return 0;
}

export default defineCheck({
  id: 'host.ec2.ssm-agent',
  title: "The node's SSM agent is online and not older than the configured minimum version",
  severity: 'medium',
  category: 'ec2',
  targetKind: 'host',
  benchmarks: [],
  remediation:
    'Attach AmazonSSMManagedInstanceCore to the node role, let the node reach the SSM endpoints, and keep the agent ' +
    'current (State Manager association "AWS-UpdateSSMAgent", or a current EKS-optimised AMI). The minimum version ' +
    'is checks.ssmAgentMinVersion in the configuration.',
  requires: ['ec2.instance'],
  uses: ['ec2.ssmAgent'],
  evaluate: ({ facts, optional, options, target }) => {
    const fact = facts['ec2.instance'];
    if (!isInstance(fact)) return notAnInstance(fact, target.name);
    const got = usedFact(optional, 'ec2.ssmAgent', instanceResource(fact.instanceId));
    if ('unknown' in got) return got.unknown;
    const agent = got.value;
    const minimum = options.ssmAgentMinVersion ?? DEFAULT_SSM_AGENT_MIN_VERSION;
    const reference = 'AWS Foundational Security Best Practices SSM.1';
    if (!agent) {
      return [
        {
          status: 'fail',
          resource: instanceResource(target.name),
          message: `${target.name} is not a managed instance of SSM: the host probe cannot reach it.`,
          evidence: { managed: false, reference },
        },
      ];
    }
    const resource = { kind: 'ManagedInstance', name: agent.managedInstanceId };
    const evidence = {
      pingStatus: agent.pingStatus ?? null,
      agentVersion: agent.agentVersion ?? null,
      minimumVersion: minimum,
      ...(agent.lastPingDateTime ? { lastPing: agent.lastPingDateTime } : {}),
    };
    if (agent.pingStatus !== 'Online') {
      return [
        {
          status: 'fail',
          resource,
          message: `The SSM agent of ${agent.managedInstanceId} is ${agent.pingStatus ?? 'not reporting'}${agent.lastPingDateTime ? ` (last ping ${agent.lastPingDateTime})` : ''}: SSM cannot reach the node.`,
          evidence: { ...evidence, reference },
        },
      ];
    }
    const cmp = agent.agentVersion === undefined ? null : compareVersions(agent.agentVersion, minimum);
    if (cmp === null) {
      return [
        {
          status: 'unknown',
          resource,
          message: `Could not assess the SSM agent version of ${agent.managedInstanceId}: ${agent.agentVersion === undefined ? 'SSM did not report it' : `"${agent.agentVersion}" or the minimum "${minimum}" is not a dotted version`}.`,
          evidence,
        },
      ];
    }
    if (cmp < 0) {
      return [
        {
          status: 'fail',
          resource,
          message: `The SSM agent of ${agent.managedInstanceId} is version ${agent.agentVersion}, older than the minimum ${minimum}.`,
          evidence,
        },
      ];
    }
    return [
      {
        status: 'pass',
        resource,
        message: `The SSM agent of ${agent.managedInstanceId} is online, version ${agent.agentVersion} (minimum ${minimum}).`,
        evidence,
      },
    ];
  },
});
