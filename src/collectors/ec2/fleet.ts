/**
 * A host group's machines as one identity each: the SSM probe's facts, the EC2 facts of the instance under each node,
 * and the Kubernetes Node each one backs. Wraps the SSM fleet collector; the SSM collector is not changed.
 */
import type { KNode } from '../../core/facts/k8s';
import type { FactSet, TargetFacts, TargetInfo } from '../../core/model';
import type { CollectContext, FleetCollector } from '../types';
import { collectEc2Facts, type Ec2Deps } from './collect';
import { identityOf, joinNodes } from './identity';
import { ec2Unavailable } from './unavailable';

export interface MachineFleetOptions {
  /** EC2, IAM and SSM clients; absent: every EC2 fact is unknown with `ec2Unavailable`'s reason. */
  ec2?: Ec2Deps;
  /** Why EC2 cannot be read when `ec2` is absent. */
  ec2UnavailableReason?: string;
  /** The Nodes of the cluster this host group covers (hostGroups[].ssm.cluster). */
  listNodes?: () => Promise<KNode[]>;
  /** The cluster's name, for the reasons. */
  clusterName?: string;
}

export function machineFleet(inner: FleetCollector, opts: MachineFleetOptions): FleetCollector {
  return {
    name: inner.name,
    async collect(ctx: CollectContext) {
      const [fleet, nodes] = await Promise.all([inner.collect(ctx), listNodes(opts, ctx)]);
      const machines = new Set([
        ...fleet.facts.map((f) => f.target.name),
        ...fleet.unreachable.map((u) => u.target.name),
      ]);
      const join = nodes ? joinNodes(nodes, machines) : { nodeOf: new Map<string, string>(), unmatched: [] };
      const identify = (t: TargetInfo): TargetInfo => ({ ...t, identity: identityOf(t.name, join.nodeOf.get(t.name)) });

      const ec2 = opts.ec2
        ? await collectEc2Facts(
            opts.ec2,
            fleet.facts.map((f) => f.target.name),
            ctx.signal,
          )
        : null;
      const unavailable = ec2Unavailable(opts.ec2UnavailableReason ?? 'EC2 is not available to this scanner');
      const facts: TargetFacts[] = fleet.facts.map((tf) => ({
        ...tf,
        target: identify(tf.target),
        facts: { ...tf.facts, ...(ec2?.get(tf.target.name) ?? unavailable) } as FactSet,
      }));
      const unreachable = fleet.unreachable.map((u) => ({ ...u, target: identify(u.target) }));
      // A Node the cluster lists that the host group did not reach is unassessed, by its name: never a silent gap.
      for (const { node, instanceId } of join.unmatched) {
        const where = opts.clusterName ? `cluster ${opts.clusterName}` : 'the cluster';
        unreachable.push(
          instanceId
            ? {
                target: { name: instanceId, kind: 'host', identity: identityOf(instanceId, node) },
                reason: `Node ${node} of ${where} runs on ${instanceId}, which SSM did not report for host group ${inner.name} (not a managed instance, or outside the group's tags)`,
              }
            : {
                target: { name: node, kind: 'host', identity: { nodeName: node } },
                reason: `Node ${node} of ${where} has no EC2 providerID (aws:///ZONE/i-…): no instance to probe through SSM`,
              },
        );
      }
      return { facts, unreachable };
    },
  };
}

async function listNodes(opts: MachineFleetOptions, ctx: CollectContext): Promise<KNode[] | null> {
  if (!opts.listNodes) return null;
  try {
    return await opts.listNodes();
  } catch (err) {
    ctx.reporter.warn(
      `the Nodes of ${opts.clusterName ?? 'the cluster'} could not be listed, machines are named by instance only: ${(err as Error)?.message ?? String(err)}`,
    );
    return null;
  }
}
