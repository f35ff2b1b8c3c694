/**
 * Builds the collectors for the targets of a configuration: the one place that knows which collector serves which
 * kind of target. Used by the CLI, the nightly handler and the Slack worker. Clients are created by the entry point
 * (src/app, src/cli) and passed in.
 */

import type { CollectorDeps, TargetSelection } from '../collectors/deps';
import { localHostCollector } from '../collectors/host/local';
import { clusterCollectorsFor } from '../collectors/k8s/index';
import type { FleetCollector, TargetCollector } from '../collectors/types';
import type { Config, HostGroupConfig } from '../config/schema';

export type { CollectorDeps, TargetSelection };

export type AnyCollector = TargetCollector | FleetCollector;

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
      if (g.local) return localHostCollector({});
      if (g.hostRoot) return localHostCollector({ hostRoot: g.hostRoot, name: g.name });
      const ssm = g.ssm!;
      if (!deps.ssm) return unavailableGroup(g.name, `host group ${g.name}: SSM is not available to this scanner`);
      // Loaded here, not at import time: it brings the SSM and S3 SDK modules, which a scan without SSM host groups
      // never needs (cold start of the Lambda functions, src/aws/sdk.ts).
      const { ssmHostCollector } = require('../collectors/host/ssm') as typeof import('../collectors/host/ssm');
      return ssmHostCollector({
        name: g.name,
        ssm: deps.ssm,
        s3: deps.s3,
        group: {
          tags: ssm.tags,
          instanceIds: ssm.instanceIds,
          maxConcurrency: ssm.maxConcurrency,
          maxErrors: ssm.maxErrors,
          timeoutSeconds: ssm.timeoutSeconds,
        },
        documentName: config.ssm.documentName,
        outputBucket: config.ssm.outputBucket,
        outputPrefix: config.ssm.outputPrefix,
        remainingMs: deps.remainingMs,
      });
    });
}

/** Every collector of the selected targets of a configuration. */
export function collectorsFor(config: Config, selection: TargetSelection, deps: CollectorDeps): AnyCollector[] {
  return [...hostCollectorsFor(config, selection, deps), ...clusterCollectorsFor(config, selection, deps)];
}
