/**
 * What an entry point hands the collectors: which targets to collect (a selection of the configuration's targets) and
 * the clients to reach them with. Kept beside the collectors so that they never depend on the scan pipeline.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { Ec2Deps } from './ec2/collect';
import type { EksDeps } from './k8s/eks-token';
import type { LiveOptions } from './k8s/live';

export type TargetSelection =
  | { kind: 'all' }
  | { kind: 'hosts' }
  | { kind: 'clusters' }
  | { kind: 'cluster'; name: string }
  /**
   * `shard`: only that shard of a large SSM group (src/core/shard.ts); `members`: its nodes as the run's plan found
   * them (the group is not listed again).
   */
  | { kind: 'hostGroup'; name: string; shard?: { index: number; count: number; members?: string[] } };

export interface CollectorDeps {
  ssm?: SSMClient;
  s3?: S3Client;
  /** Reads an SSM SecureString or a Secrets Manager secret (kubeconfigs in Lambda). */
  readSecret?: (source: { parameter?: string; secret?: string }) => Promise<string>;
  /** EKS: DescribeCluster and AWS credentials for the in-process IAM token. */
  eks?: EksDeps;
  /** EC2, IAM and SSM (standard retries) for the EC2 facts of SSM host groups. */
  ec2?: Ec2Deps;
  live?: LiveOptions;
  /** Where relative paths in the configuration resolve (the config file's folder). */
  baseDir?: string;
  /** Milliseconds left before the caller must return (a Lambda's getRemainingTimeInMillis). */
  remainingMs?: () => number;
}
