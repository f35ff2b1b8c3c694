/**
 * Finding the group's nodes and sending them the probe. Managed nodes come from DescribeInstanceInformation (by tag,
 * or by instance IDs at most 50 per call); offline and non-Linux ones are unreachable with the reason. The probe is
 * sent by tag `Targets` (one call, SSM fans out) or by instance IDs (at most 50 per call).
 */
import {
  DescribeInstanceInformationCommand,
  type InstanceInformation,
  type InstanceInformationStringFilter,
  SendCommandCommand,
  type SSMClient,
  type Target,
} from '@aws-sdk/client-ssm';
import { errorMessage } from '../../../core/errors';
import type { ThrottledCalls } from './calls';
import { DeadlineError } from './deadline';
import { host, type SsmGroup, type Unreachable } from './types';

export const MAX_IDS_PER_CALL = 50;

export interface DiscoveryInput {
  /** Host group name (in the command's comment). */
  name: string;
  ssm: SSMClient;
  calls: ThrottledCalls;
  group: SsmGroup;
  documentName: string;
  /** Where SSM writes full outputs; without a bucket, none is written. */
  output?: { bucket: string; prefix: string };
  /** The send time's clock (for filtering ListCommands to this scan's commands). */
  now?: () => number;
}

/** What was sent, to whom. */
export interface Sent {
  /** False: nothing more to collect (no node to probe, or no command sent). */
  proceed: boolean;
  commandIds: string[];
  /** Online nodes the probe was sent to, expected to answer. */
  pending: Set<string>;
  /** Which command each node was sent in (instance ID batches only). */
  owner: Map<string, string>;
  /** Nodes reported offline: a tag command still targets them, and they end only at DeliveryTimedOut. */
  offline: number;
  /** Just before the first SendCommand (clock skew allowed): filters ListCommands to this scan's commands. */
  sentAfter?: Date;
  /** Nodes found unreachable here, in the order found. */
  unreachable: Unreachable[];
}

/** Finds the nodes and sends the probe. Throws only when the whole group is unreachable (credentials, permissions). */
export async function discoverAndSend(o: DiscoveryInput): Promise<Sent> {
  const sent: Sent = {
    proceed: false,
    commandIds: [],
    pending: new Set(),
    owner: new Map(),
    offline: 0,
    unreachable: [],
  };
  const unreachable = sent.unreachable;

  // 1. The managed nodes of the group, and which of them are online Linux nodes.
  const filters: InstanceInformationStringFilter[] = [];
  const tagTargets: Target[] = [];
  for (const [key, values] of Object.entries(o.group.tags ?? {})) {
    filters.push({ Key: `tag:${key}`, Values: values });
    tagTargets.push({ Key: `tag:${key}`, Values: values });
  }
  const infos: InstanceInformation[] = [];
  const describe = async (extra: InstanceInformationStringFilter[]) => {
    let token: string | undefined;
    do {
      const page = await o.calls.call('DescribeInstanceInformation', () =>
        o.ssm.send(
          new DescribeInstanceInformationCommand({ Filters: [...filters, ...extra], MaxResults: 50, NextToken: token }),
        ),
      );
      infos.push(...(page.InstanceInformationList ?? []));
      token = page.NextToken;
    } while (token);
  };
  const inShard = o.group.inShard ?? (() => true);
  const listed = o.group.members ?? o.group.instanceIds;
  const wanted = (listed ?? []).filter(inShard);
  try {
    if (listed) {
      for (let i = 0; i < wanted.length; i += MAX_IDS_PER_CALL) {
        await describe([{ Key: 'InstanceIds', Values: wanted.slice(i, i + MAX_IDS_PER_CALL) }]);
      }
    } else {
      await describe([]);
    }
  } catch (err) {
    if (err instanceof DeadlineError) {
      for (const id of wanted)
        unreachable.push({ target: host(id), reason: 'the scan ran out of time before the node was queried' });
      return sent;
    }
    throw err;
  }
  const online: string[] = [];
  const seen = new Set<string>();
  for (const info of infos) {
    const id = info.InstanceId;
    if (!id || seen.has(id) || !inShard(id)) continue;
    seen.add(id);
    if (info.PlatformType && info.PlatformType !== 'Linux') {
      unreachable.push({
        target: host(id),
        reason: `the node runs ${info.PlatformType}: the host probe runs on Linux only`,
      });
    } else if (info.PingStatus !== 'Online') {
      sent.offline++;
      unreachable.push({
        target: host(id),
        reason: `the SSM agent is ${info.PingStatus ?? 'not reporting'}${info.LastPingDateTime ? ` (last seen ${info.LastPingDateTime.toISOString()})` : ''}`,
      });
    } else online.push(id);
  }
  const notFound = o.group.members
    ? "it was in the group when the run was planned, and is no longer a managed instance with the group's tags"
    : 'not a managed instance: its SSM agent is not registered';
  for (const id of wanted) {
    if (!seen.has(id)) unreachable.push({ target: host(id), reason: notFound });
  }
  if (online.length === 0) return sent;

  // 2. Send the probe: by tag (one call, SSM fans out) or by instance IDs (50 per call; always for a shard).
  const byTag = o.group.tags !== undefined && o.group.inShard === undefined && o.group.members === undefined;
  const send = (p: { Targets?: Target[]; InstanceIds?: string[] }) =>
    o.calls.call('SendCommand', () =>
      o.ssm.send(
        new SendCommandCommand({
          DocumentName: o.documentName,
          ...p,
          MaxConcurrency: o.group.maxConcurrency,
          MaxErrors: o.group.maxErrors,
          TimeoutSeconds: o.group.timeoutSeconds,
          Comment: `compliance-bot host probe (${o.name})`.slice(0, 100),
          ...(o.output ? { OutputS3BucketName: o.output.bucket, OutputS3KeyPrefix: o.output.prefix } : {}),
        }),
      ),
    );
  for (const id of online) sent.pending.add(id);
  sent.sentAfter = new Date((o.now ?? Date.now)() - 5 * 60_000);
  try {
    if (byTag) {
      const res = await send({ Targets: tagTargets });
      if (res.Command?.CommandId) sent.commandIds.push(res.Command.CommandId);
    } else {
      for (let i = 0; i < online.length; i += MAX_IDS_PER_CALL) {
        const batch = online.slice(i, i + MAX_IDS_PER_CALL);
        const res = await send({ InstanceIds: batch });
        if (res.Command?.CommandId) {
          sent.commandIds.push(res.Command.CommandId);
          for (const id of batch) sent.owner.set(id, res.Command.CommandId);
        }
      }
    }
  } catch (err) {
    const reason =
      err instanceof DeadlineError
        ? 'the scan ran out of time before the probe was sent'
        : `the probe could not be sent: ${errorMessage(err)}`;
    // Nodes covered by a command already sent are still collected.
    if (sent.commandIds.length === 0) {
      for (const id of online) unreachable.push({ target: host(id), reason });
      return sent;
    }
    if (!byTag) {
      const covered = new Set(online.slice(0, sent.commandIds.length * MAX_IDS_PER_CALL));
      for (const id of online) {
        if (!covered.has(id)) {
          unreachable.push({ target: host(id), reason });
          sent.pending.delete(id);
        }
      }
    }
  }
  sent.proceed = true;
  return sent;
}
