import { defineCheck } from '../../src/core/check';
import type { Ec2IngressRule } from '../../src/core/facts/ec2';
import type { Finding } from '../../src/core/model';
import { instanceResource, isInstance, notAnInstance, usedFact } from './ec2-common';

/** TCP ports that must never be open to the whole internet on a node: SSH and the kubelet API. */
export const ADMIN_PORTS: readonly { port: number; name: string }[] = [
  { port: 22, name: 'SSH' },
  { port: 10250, name: 'kubelet' },
];

/** A source range that is the whole internet: any IPv4 or IPv6 prefix of length 0 (`0.0.0.0/0`, `::/0`). */
export function isWholeInternet(cidr: string): boolean {
  return /\/0$/.test(cidr.trim());
}

/** Whether a rule lets all traffic in, whatever its ports: protocol `-1`, or `all` as the AWS CLI spells it. */
function isAllTraffic(rule: Ec2IngressRule): boolean {
  const p = rule.protocol.toLowerCase();
  return p === '-1' || p === 'all';
}

/** The TCP ports a rule opens, [from, to]: without ports (or -1), every port. */
function tcpPorts(rule: Ec2IngressRule): [number, number] {
  const from = rule.fromPort === undefined || rule.fromPort < 0 ? 0 : rule.fromPort;
  const to = rule.toPort === undefined || rule.toPort < 0 ? 65535 : rule.toPort;
  return [from, to];
}

/** Whether a rule lets TCP traffic to `port` in: all traffic (`-1`), or TCP with a port range that covers it. */
export function coversTcpPort(rule: Ec2IngressRule, port: number): boolean {
  if (isAllTraffic(rule)) return true;
  const p = rule.protocol.toLowerCase();
  if (p !== 'tcp' && p !== '6') return false;
  const [from, to] = tcpPorts(rule);
  return from <= port && port <= to;
}

/** The rule as the evidence shows it: `all traffic`, or the protocol and the ports it opens (`tcp 22`, `tcp 0-65535`). */
function describeRule(rule: Ec2IngressRule): string {
  if (isAllTraffic(rule)) return 'all traffic';
  const [from, to] = tcpPorts(rule);
  return `${rule.protocol} ${from === to ? `${from}` : `${from}-${to}`}`;
}

export default defineCheck({
  id: 'host.ec2.sg-admin-ports-closed',
  title: 'No security group of the node opens SSH (22) or the kubelet (10250) to 0.0.0.0/0 or ::/0',
  severity: 'critical',
  category: 'ec2',
  targetKind: 'host',
  benchmarks: [],
  remediation:
    'Remove the ingress rules that let 0.0.0.0/0 or ::/0 reach TCP 22 or 10250 (all-traffic rules and port ranges ' +
    'covering them included): "aws ec2 revoke-security-group-ingress". Reach nodes through SSM Session Manager ' +
    'instead of SSH, and let only the cluster security group reach the kubelet.',
  requires: ['ec2.instance'],
  uses: ['ec2.securityGroups'],
  evaluate: ({ facts, optional, target }) => {
    const fact = facts['ec2.instance'];
    if (!isInstance(fact)) return notAnInstance(fact, target.name);
    const got = usedFact(optional, 'ec2.securityGroups', instanceResource(fact.instanceId));
    if ('unknown' in got) return got.unknown;
    const groups = got.value;
    if (groups.length === 0) {
      return [
        {
          status: 'pass',
          resource: { kind: 'Instance', name: target.name },
          message: `${target.name} has no security group: nothing opens a port to it.`,
        },
      ];
    }
    return groups.map((g): Finding => {
      const resource = { kind: 'SecurityGroup', name: g.groupId };
      const open: { port: number; service: string; source: string; rule: string }[] = [];
      for (const rule of g.ingress) {
        const world = rule.cidrs.filter(isWholeInternet);
        if (world.length === 0) continue;
        for (const { port, name } of ADMIN_PORTS) {
          if (!coversTcpPort(rule, port)) continue;
          for (const source of world) open.push({ port, service: name, source, rule: describeRule(rule) });
        }
      }
      const label = g.groupName ? `${g.groupId} (${g.groupName})` : g.groupId;
      if (open.length === 0) {
        return {
          status: 'pass',
          resource,
          message: `Security group ${label} opens neither SSH nor the kubelet to the internet.`,
          evidence: { ingressRules: g.ingress.length },
        };
      }
      const what = [...new Set(open.map((o) => `${o.service} (${o.port}) to ${o.source}`))].join(', ');
      return {
        status: 'fail',
        resource,
        message: `Security group ${label} opens ${what}.`,
        evidence: {
          open,
          reference: 'AWS Foundational Security Best Practices EC2.13, EC2.53, EC2.54',
        },
      };
    });
  },
});
