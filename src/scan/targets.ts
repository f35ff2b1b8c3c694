/**
 * Builds the collectors for the targets of a configuration: the one place that knows which collector serves which
 * kind of target. Used by the CLI, the nightly handler and the Slack worker.
 */

import type { FleetCollector, TargetCollector } from '../collectors/types';
import type { Config } from '../config/schema';

export type TargetSelection =
  | { kind: 'all' }
  | { kind: 'hosts' }
  | { kind: 'clusters' }
  | { kind: 'cluster'; name: string };

export interface CollectorDeps {
  /** AWS clients and secret readers, created by the entry point (handlers/, src/cli) and passed in. */
  ssm?: import('@aws-sdk/client-ssm').SSMClient;
  s3?: import('@aws-sdk/client-s3').S3Client;
  /** Reads an SSM SecureString or a Secrets Manager secret (kubeconfigs in Lambda). */
  readSecret?: (source: { parameter?: string; secret?: string }) => Promise<string>;
  /** Where relative paths in the configuration resolve (the config file's folder). */
  baseDir?: string;
}

export type AnyCollector = TargetCollector | FleetCollector;

type Factory = (config: Config, selection: TargetSelection, deps: CollectorDeps) => AnyCollector[];
const factories: Factory[] = [];

/** Collector modules register here (src/scan/register.ts imports them all). */
export function registerCollectorFactory(factory: Factory): void {
  factories.push(factory);
}

export function collectorsFor(config: Config, selection: TargetSelection, deps: CollectorDeps): AnyCollector[] {
  return factories.flatMap((f) => f(config, selection, deps));
}
