/**
 * The members of an SSM host group selected by tag, listed once for a whole run (docs/deploy.md, "The nightly run"):
 * the plan sizes the group's shards from them and hands each shard its own nodes, so no shard lists the group again.
 * Every managed instance with the tags counts, online or not: a shard reports an offline one as unreachable.
 */
import {
  DescribeInstanceInformationCommand,
  type InstanceInformationStringFilter,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import type { Sleep } from '../../../async/sleep';
import { ThrottledCalls } from './calls';
import { Deadline, DeadlineError } from './deadline';

export interface GroupMembersOptions {
  /** Milliseconds left before the caller must return; the listing stops 20 s before. */
  remainingMs?: () => number;
  maxThrottleRetries?: number;
  sleep?: Sleep;
  random?: () => number;
  warn?: (message: string) => void;
}

/** The instance IDs of the group's managed instances, sorted; throws when they cannot all be listed. */
export async function listGroupMembers(
  ssm: SSMClient,
  tags: Readonly<Record<string, readonly string[]>>,
  o: GroupMembersOptions = {},
): Promise<string[]> {
  const filters: InstanceInformationStringFilter[] = Object.entries(tags).map(([key, values]) => ({
    Key: `tag:${key}`,
    Values: [...values],
  }));
  if (filters.length === 0) throw new Error('a group listed by tag needs at least one tag');
  const deadline = new Deadline({ remainingMs: o.remainingMs, marginMs: 20_000, sleep: o.sleep });
  const calls = new ThrottledCalls(deadline, {
    maxAttempts: o.maxThrottleRetries ?? 8,
    random: o.random ?? Math.random,
    warn: o.warn ?? (() => {}),
  });
  const ids = new Set<string>();
  let token: string | undefined;
  try {
    do {
      const page = await calls.call('DescribeInstanceInformation', () =>
        ssm.send(new DescribeInstanceInformationCommand({ Filters: filters, MaxResults: 50, NextToken: token })),
      );
      for (const info of page.InstanceInformationList ?? []) if (info.InstanceId) ids.add(info.InstanceId);
      token = page.NextToken;
    } while (token);
  } catch (err) {
    if (err instanceof DeadlineError) throw new Error('the group could not be listed before the time ran out');
    throw err;
  }
  return [...ids].sort();
}
