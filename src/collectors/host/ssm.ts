/**
 * The SSM runner: runs the host probe on a fleet through AWS Systems Manager Run Command, without an agent of our
 * own. Managed Linux nodes are found with DescribeInstanceInformation (offline ones are unreachable, with the
 * reason); the probe document is sent by tag `Targets` or by instance IDs (at most 50 per call); the commands are
 * followed by their ListCommands status counts (one call a round) and their invocations paged once, when they have
 * ended or the deadline nears, with backoff when throttled; full output is read from S3 (the API truncates it),
 * used only when it matches the header line the API's copy carries (any node may write under the output prefix:
 * docs/host.md, "Output integrity"), and parsed as it arrives. Every invocation that does not end in Success, and
 * every node that never answers before the deadline, is unreachable with the reason: its host checks are `unknown`,
 * never `pass`.
 *
 * The parts live in ssm/: discovery and sending (discovery.ts), polling (poller.ts), reading and verifying output
 * (output.ts), the time budget (deadline.ts) and throttled calls (calls.ts). Clients are passed in; nothing here
 * reads the environment. The document takes no parameters at all, so nothing from Slack or the configuration ever
 * reaches the shell on a node.
 */
import type { S3Client } from '@aws-sdk/client-s3';
import type { SSMClient } from '@aws-sdk/client-ssm';
import type { Sleep } from '../../async/sleep';
import type { TargetFacts } from '../../core/model';
import type { CollectContext, FleetCollector } from '../types';
import { ThrottledCalls } from './ssm/calls';
import { Deadline } from './ssm/deadline';
import { discoverAndSend, type Sent } from './ssm/discovery';
import { OutputReader } from './ssm/output';
import { Poller } from './ssm/poller';
import type { SsmGroup, Unreachable } from './ssm/types';

export { isInvocationKey, PROBE_STEP_NAME, ssmDocumentContent } from './ssm/document';
export { shareFacts } from './ssm/output';
export { invocationFailureReason } from './ssm/poller';
export type { SsmGroup } from './ssm/types';

export interface SsmHostCollectorOptions {
  /** Host group name (the collector's name in progress and errors). */
  name: string;
  ssm: SSMClient;
  /** Reads full output from S3; without it (or without a bucket) output comes from the API, truncated at 2,500 characters per page. */
  s3?: S3Client;
  group: SsmGroup;
  documentName: string;
  outputBucket?: string;
  outputPrefix?: string;
  /** Milliseconds left before the caller must return (a Lambda's getRemainingTimeInMillis); polling stops before. */
  remainingMs?: () => number;
  /** Kept free at the end for evaluation and storage (default 20 s). */
  safetyMarginMs?: number;
  /** First polling interval (default 2 s), doubled up to maxPollMs (default 15 s). */
  pollMs?: number;
  maxPollMs?: number;
  /** Attempts for one throttled call (default 8). */
  maxThrottleRetries?: number;
  /** Injected for tests. */
  sleep?: Sleep;
  random?: () => number;
  /** How many outputs are read from S3 at once (default 16). */
  outputConcurrency?: number;
  /** Called with the command IDs once the probe is sent: a handler may keep them to resume collection later. */
  onSent?: (commandIds: string[]) => void;
  /**
   * Collect the results of commands already sent (for example from the SSM "Command Status-change Notification"
   * event, or by a later invocation after a Lambda ran out of time): no DescribeInstanceInformation, no SendCommand.
   * `instanceIds` are the nodes expected to answer (those that never do are unreachable).
   */
  resume?: { commandIds: string[]; instanceIds?: string[] };
}

export function ssmHostCollector(opts: SsmHostCollectorOptions): FleetCollector {
  const prefix = (opts.outputPrefix ?? 'ssm-output/').replace(/\/+$/, '');

  return {
    name: opts.name,
    async collect(ctx: CollectContext) {
      const warn = (message: string) => ctx.reporter.warn(`${opts.name}: ${message}`);
      const deadline = new Deadline({
        remainingMs: opts.remainingMs,
        marginMs: opts.safetyMarginMs ?? 20_000,
        signal: ctx.signal,
        sleep: opts.sleep,
      });
      const calls = new ThrottledCalls(deadline, {
        maxAttempts: opts.maxThrottleRetries ?? 8,
        random: opts.random ?? Math.random,
        warn,
      });
      const unreachable: Unreachable[] = [];

      // 1. and 2. Find the nodes and send the probe (or take the commands already sent).
      let sent: Sent;
      if (opts.resume) {
        sent = {
          proceed: true,
          commandIds: [...opts.resume.commandIds],
          pending: new Set(opts.resume.instanceIds ?? []),
          owner: new Map(),
          offline: 0,
          unreachable: [],
        };
      } else {
        sent = await discoverAndSend({
          name: opts.name,
          ssm: opts.ssm,
          calls,
          group: opts.group,
          documentName: opts.documentName,
          output: opts.outputBucket ? { bucket: opts.outputBucket, prefix } : undefined,
        });
        unreachable.push(...sent.unreachable);
        if (!sent.proceed) return { facts: [], unreachable };
        opts.onSent?.(sent.commandIds);
      }

      // 3. Wait for the commands cheaply, then collect each command's invocations once, reading outputs as they come.
      const reader = new OutputReader({
        ssm: opts.ssm,
        s3: opts.outputBucket && opts.s3 ? { client: opts.s3, bucket: opts.outputBucket } : undefined,
        prefix,
        calls,
        deadline,
        concurrency: opts.outputConcurrency ?? 16,
        onUnreachable: (u) => unreachable.push(u),
        warn,
      });
      const poller = new Poller({
        ssm: opts.ssm,
        calls,
        deadline,
        documentName: opts.documentName,
        commandIds: sent.commandIds,
        pending: sent.pending,
        owner: sent.owner,
        offlineTargeted: opts.group.tags && !opts.group.inShard ? sent.offline : 0,
        sentAfter: sent.sentAfter,
        reported: new Set(unreachable.map((u) => u.target.name)),
        pollMs: opts.pollMs ?? 2_000,
        maxPollMs: opts.maxPollMs ?? 15_000,
        onSuccess: (id, inv, commandId) => reader.add(id, inv, commandId),
        onFailure: (u) => unreachable.push(u),
        warn,
        progress: (message) => ctx.reporter.progress(`${opts.name}: ${message}`),
      });
      await poller.run();

      // 4. Results: facts for every Success, the reason for every node that did not end.
      await reader.drain();
      const facts: TargetFacts[] = reader.facts();
      unreachable.push(...poller.unanswered());
      return { facts, unreachable };
    },
  };
}
