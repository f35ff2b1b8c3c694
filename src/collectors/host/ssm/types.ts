import type { TargetInfo } from '../../../core/model';

/** A node that gave no facts, and why. */
export interface Unreachable {
  target: TargetInfo;
  reason: string;
}

export const host = (id: string): TargetInfo => ({ name: id, kind: 'host' });

export interface SsmGroup {
  tags?: Record<string, string[]>;
  instanceIds?: string[];
  /**
   * One shard of a large group (src/core/shard.ts): only the nodes it accepts are probed and reported, and they are
   * probed by instance ID, since a tag would reach the whole group.
   */
  inShard?: (instanceId: string) => boolean;
  /**
   * The nodes of this shard as the run's plan found them by tag (src/collectors/host/ssm/members.ts): described by
   * instance ID together with the group's tags, so the group is not listed again. A member no longer found (it left
   * the group or was deregistered since) is unreachable; a node that joined since is scanned by the next run.
   */
  members?: string[];
  maxConcurrency: string;
  maxErrors: string;
  /** SendCommand TimeoutSeconds: how long SSM tries to deliver the command. */
  timeoutSeconds: number;
}
