/**
 * Builds the collectors for the targets of a configuration: the one place that knows which collector serves which
 * kind of target. Used by the CLI, the nightly handler and the Slack worker. Clients are created by the entry point
 * (src/app, src/cli) and passed in.
 */

import type { CollectorDeps, TargetSelection } from '../collectors/deps';
import { localMachineEc2, withEc2Facts } from '../collectors/ec2/local';
import { localHostCollector } from '../collectors/host/local';
import { clusterCollectorsFor, connectorFor } from '../collectors/k8s/index';
import type { FleetCollector, TargetCollector } from '../collectors/types';
import type { Config, HostGroupConfig } from '../config/schema';
import type { KNode } from '../core/facts/k8s';
import { shardOf } from '../core/shard';

export type { CollectorDeps, TargetSelection };

export type AnyCollector = TargetCollector | FleetCollector;

/** Why a `local: true` host group's EC2 checks are unknown: the scan never asks the instance metadata service. */
const LOCAL_MACHINE_EC2 =
  'this machine is scanned locally and the instance metadata service is not asked, so its EC2 instance (if any) is not identified; scan nodes through an SSM host group to check their EC2 instances';

function hostGroupSelected(g: HostGroupConfig, selection: TargetSelection): boolean {
  if (selection.kind === 'all' || selection.kind === 'hosts') return true;
  return selection.kind === 'hostGroup' && selection.name === g.name;
}

/** A host group that cannot be reached at all (no SSM client given): every host check is unknown, with the reason. */
function unavailableGroup(name: string, reason: string): FleetCollector {
  return {
    name,
    collect: () => Promise.reject(new Error(reason)),
  };
}

export function hostCollectorsFor(config: Config, selection: TargetSelection, deps: CollectorDeps): AnyCollector[] {
  return config.hostGroups
    .filter((g) => hostGroupSelected(g, selection))
    .map((g): AnyCollector => {
      if (g.local) return withEc2Facts(localHostCollector({}), localMachineEc2(LOCAL_MACHINE_EC2));
      if (g.hostRoot) return localHostCollector({ hostRoot: g.hostRoot, name: g.name });
      const ssm = g.ssm!;
      const shard = selection.kind === 'hostGroup' ? selection.shard : undefined;
      if (!deps.ssm) return unavailableGroup(g.name, `host group ${g.name}: SSM is not available to this scanner`);
      // Loaded here, not at import time: it brings the SSM and S3 SDK modules, which a scan without SSM host groups
      // never needs (cold start of the Lambda functions, src/aws/sdk.ts).
      const { ssmHostCollector } = require('../collectors/host/ssm') as typeof import('../collectors/host/ssm');
      const fleet = ssmHostCollector({
        name: g.name,
        ssm: deps.ssm,
        s3: deps.s3,
        group: {
          tags: ssm.tags,
          instanceIds: ssm.instanceIds,
          ...(shard ? { inShard: (id: string) => shardOf(id, shard.count) === shard.index } : {}),
          ...(shard?.members ? { members: shard.members } : {}),
          maxConcurrency: ssm.maxConcurrency,
          maxErrors: ssm.maxErrors,
          timeoutSeconds: ssm.timeoutSeconds,
        },
        documentName: config.ssm.documentName,
        outputBucket: config.ssm.outputBucket,
        outputPrefix: config.ssm.outputPrefix,
        remainingMs: deps.remainingMs,
      });
      return machinesOf(fleet, config, ssm.cluster, deps);
    });
}

/**
 * The SSM fleet with the EC2 facts of each machine and, when the group names a cluster, the Node each one backs
 * (src/collectors/ec2/fleet.ts).
 */
function machinesOf(fleet: FleetCollector, config: Config, clusterName: string | undefined, deps: CollectorDeps) {
  const { machineFleet } = require('../collectors/ec2/fleet') as typeof import('../collectors/ec2/fleet');
  const cluster = clusterName ? config.clusters.find((c) => c.name === clusterName) : undefined;
  let listNodes: (() => Promise<KNode[]>) | undefined;
  if (cluster && cluster.manifests === undefined) {
    const { clusterNodeLister } = require('../collectors/ec2/nodes') as typeof import('../collectors/ec2/nodes');
    listNodes = clusterNodeLister(connectorFor(cluster, deps));
  }
  return machineFleet(fleet, {
    ...(deps.ec2
      ? { ec2: deps.ec2 }
      : { ec2UnavailableReason: 'EC2 is not available to this scanner (no AWS clients)' }),
    ...(listNodes ? { listNodes } : {}),
    ...(clusterName ? { clusterName } : {}),
  });
}

/** Every collector of the selected targets of a configuration. */
export function collectorsFor(config: Config, selection: TargetSelection, deps: CollectorDeps): AnyCollector[] {
  return [...hostCollectorsFor(config, selection, deps), ...clusterCollectorsFor(config, selection, deps)];
}
