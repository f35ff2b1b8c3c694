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
 * Clients are passed in; nothing here reads the environment. The document takes no parameters at all, so nothing
 * from Slack or the configuration ever reaches the shell on a node.
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import {
  type Command,
  type CommandInvocation,
  DescribeInstanceInformationCommand,
  GetCommandInvocationCommand,
  type InstanceInformation,
  type InstanceInformationStringFilter,
  ListCommandInvocationsCommand,
  ListCommandsCommand,
  type ListCommandsCommandOutput,
  SendCommandCommand,
  type SSMClient,
  type Target,
} from '@aws-sdk/client-ssm';
import type { TargetFacts, TargetInfo } from '../../core/model';
import type { CollectContext, FleetCollector } from '../types';
import { PROBE_VERSION, parseProbeDocument, parseProbeOutput, probeFailure } from './parse-probe';
import probeScript from './probe.sh';
import { documentMismatch, type OutputHeader, splitProbeOutput } from './probe-output';

/** The name of the document's one step: part of the S3 key of its output. */
export const PROBE_STEP_NAME = 'complianceBotHostProbe';

/**
 * Whether an S3 key is where SSM puts the probe's stdout for one command on one instance
 * (`<prefix>/<CommandId>/<InstanceId>/awsrunShellScript/<step>/stdout`): any other object may be another node's.
 */
export function isInvocationKey(key: string, commandId: string, instanceId: string): boolean {
  if (!/^[A-Za-z0-9-]+$/.test(commandId) || !/^[A-Za-z0-9-]+$/.test(instanceId)) return false;
  const tail = `${commandId}/${instanceId}/awsrunShellScript/${PROBE_STEP_NAME}/stdout`;
  return key === tail || key.endsWith(`/${tail}`);
}

/**
 * The SSM Command document that runs the probe (for infra/: the deploy engineer writes it out). One
 * aws:runShellScript step whose commands are the probe script itself, and no parameters.
 */
export function ssmDocumentContent(): {
  schemaVersion: '2.2';
  description: string;
  mainSteps: {
    action: 'aws:runShellScript';
    name: string;
    precondition: object;
    inputs: { timeoutSeconds: string; runCommand: string[] };
  }[];
} {
  return {
    schemaVersion: '2.2',
    description: `compliance-bot host probe v${PROBE_VERSION}: prints the host's hardening facts as one JSON document after a header line with its length and sha256. Read-only; takes no parameters.`,
    mainSteps: [
      {
        action: 'aws:runShellScript',
        name: PROBE_STEP_NAME,
        precondition: { StringEquals: ['platformType', 'Linux'] },
        inputs: { timeoutSeconds: '300', runCommand: probeScript.split('\n') },
      },
    ],
  };
}

export interface SsmGroup {
  tags?: Record<string, string[]>;
  instanceIds?: string[];
  maxConcurrency: string;
  maxErrors: string;
  /** SendCommand TimeoutSeconds: how long SSM tries to deliver the command. */
  timeoutSeconds: number;
}

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
  sleep?: (ms: number, signal?: AbortSignal) => Promise<void>;
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

const TERMINAL = new Set(['Success', 'Cancelled', 'TimedOut', 'Failed']);
/** Command statuses after which no invocation of the command changes any more. */
const COMMAND_TERMINAL = new Set(['Success', 'Cancelled', 'TimedOut', 'Failed']);

/** Polling state of one sent command. */
interface CommandState {
  id: string;
  /** Every invocation seen has ended: never paged again. */
  harvested: boolean;
  /** ListCommands says the command has ended. */
  terminal: boolean;
  /** CompletedCount at the last pass. */
  lastCompleted: number;
  /** Rounds since the last pass (a pass is forced now and then when the counts lag the invocations). */
  roundsSincePass: number;
}
const MAX_IDS_PER_CALL = 50;

/**
 * Hosts of one fleet mostly share their configuration: a fact whose content another host already has is replaced
 * by that host's (identical, never mutated: checks are pure) object, so 10,000 nodes built from a few images hold a
 * few copies of their sshd settings instead of 10,000. Keyed by the fact's name and the sha256 of its JSON.
 */
export function shareFacts(tf: TargetFacts, seen: Map<string, unknown>): TargetFacts {
  const out: Record<string, unknown> = {};
  for (const [name, fact] of Object.entries(tf.facts)) {
    if (fact === undefined) continue;
    const key = `${name}\0${createHash('sha256').update(JSON.stringify(fact)).digest('base64')}`;
    const known = seen.get(key);
    if (known !== undefined) out[name] = known;
    else {
      seen.set(key, fact);
      out[name] = fact;
    }
  }
  return { ...tf, facts: out as TargetFacts['facts'] };
}

/** Why an invocation that did not succeed gave no facts. */
export function invocationFailureReason(inv: Pick<CommandInvocation, 'Status' | 'StatusDetails'>): string {
  const status = inv.Status ?? 'unknown';
  const details = inv.StatusDetails ?? '';
  const known: Record<string, string> = {
    Undeliverable:
      'the SSM command could not be delivered (Undeliverable: the instance is stopped, terminated or its agent is not running)',
    DeliveryTimedOut: 'the SSM command was not delivered before its delivery timeout (DeliveryTimedOut)',
    ExecutionTimedOut: 'the host probe did not finish before its execution timeout (ExecutionTimedOut)',
    Terminated: 'the host probe was terminated on the instance (Terminated)',
    InvalidPlatform: 'the instance is not a Linux node (InvalidPlatform)',
    AccessDenied: 'the SSM agent was denied access (AccessDenied)',
    Cancelled: 'the SSM command was cancelled (Cancelled, possibly by MaxErrors)',
    Failed: 'the host probe failed on the instance (Failed)',
  };
  if (known[details]) return known[details];
  if (status === 'TimedOut') return `the SSM command timed out (${details || 'TimedOut'})`;
  if (status === 'Cancelled') return known.Cancelled;
  if (status === 'Failed') return `the host probe failed on the instance (${details || 'Failed'})`;
  return `the SSM command ended with status ${status}${details ? ` (${details})` : ''}`;
}

function isThrottle(err: unknown): boolean {
  const e = err as { name?: string; $metadata?: { httpStatusCode?: number }; $retryable?: { throttling?: boolean } };
  return (
    e?.name === 'ThrottlingException' ||
    e?.name === 'TooManyRequestsException' ||
    e?.name === 'ThrottledException' ||
    e?.$retryable?.throttling === true
  );
}

const defaultSleep = (ms: number, signal?: AbortSignal) =>
  new Promise<void>((resolve) => {
    if (signal?.aborted) return resolve();
    const t = setTimeout(done, ms);
    function done() {
      clearTimeout(t);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });

class DeadlineError extends Error {
  constructor() {
    super('the scan ran out of time');
    this.name = 'DeadlineError';
  }
}

export function ssmHostCollector(opts: SsmHostCollectorOptions): FleetCollector {
  const sleep = opts.sleep ?? defaultSleep;
  const random = opts.random ?? Math.random;
  const margin = opts.safetyMarginMs ?? 20_000;
  const prefix = (opts.outputPrefix ?? 'ssm-output/').replace(/\/+$/, '');

  return {
    name: opts.name,
    async collect(ctx: CollectContext) {
      const signal = ctx.signal;
      const timeLeft = () => (opts.remainingMs ? opts.remainingMs() - margin : Number.POSITIVE_INFINITY);
      const outOfTime = () => signal?.aborted === true || timeLeft() <= 0;

      /**
       * Reading the output of nodes that already answered continues after the caller's signal (it ends polling and
       * sending, not the collection of what is there), until the Lambda's remaining time itself runs out.
       */
      const hardStop = () => timeLeft() <= 0;

      /** Measured time per SSM call (from remainingMs): how long one more pass of invocation pages would take. */
      const timing = { calls: 0, ms: 0 };
      /** One API call, retried with exponential backoff and jitter while throttled, never past the deadline. */
      const call = async <T>(what: string, fn: () => Promise<T>, stop: () => boolean = outOfTime): Promise<T> => {
        const max = opts.maxThrottleRetries ?? 8;
        for (let attempt = 0; ; attempt++) {
          if (stop()) throw new DeadlineError();
          const before = opts.remainingMs?.();
          try {
            const res = await fn();
            if (before !== undefined && what !== 'GetObject') {
              timing.calls++;
              timing.ms += Math.max(0, before - opts.remainingMs!());
            }
            return res;
          } catch (err) {
            if (!isThrottle(err) || attempt + 1 >= max) throw err;
            const wait = Math.min(20_000, 200 * 2 ** attempt) * (0.5 + random() / 2);
            ctx.reporter.warn(`${opts.name}: ${what} throttled, retrying in ${Math.round(wait)} ms`);
            if (wait > timeLeft()) throw new DeadlineError();
            await sleep(wait, signal);
          }
        }
      };

      const facts: TargetFacts[] = [];
      const unreachable: { target: TargetInfo; reason: string }[] = [];
      const host = (id: string): TargetInfo => ({ name: id, kind: 'host' });

      const commandIds: string[] = [];
      const pending = new Set<string>();
      /** Which command each node was sent in (instance ID batches only). */
      const owner = new Map<string, string>();
      /** Nodes reported offline that a tag command still targets: they end only at DeliveryTimedOut. */
      let offline = 0;
      /** Just before the first SendCommand (clock skew allowed): filters ListCommands to this scan's commands. */
      let sentAfter: Date | undefined;
      /** Phases 1 and 2: find the nodes and send the probe. False: nothing more to collect. */
      const start = async (): Promise<boolean> => {
        // 1. The managed nodes of the group, and which of them are online Linux nodes.
        const filters: InstanceInformationStringFilter[] = [];
        const tagTargets: Target[] = [];
        for (const [key, values] of Object.entries(opts.group.tags ?? {})) {
          filters.push({ Key: `tag:${key}`, Values: values });
          tagTargets.push({ Key: `tag:${key}`, Values: values });
        }
        const infos: InstanceInformation[] = [];
        const describe = async (extra: InstanceInformationStringFilter[]) => {
          let token: string | undefined;
          do {
            const page = await call('DescribeInstanceInformation', () =>
              opts.ssm.send(
                new DescribeInstanceInformationCommand({
                  Filters: [...filters, ...extra],
                  MaxResults: 50,
                  NextToken: token,
                }),
              ),
            );
            infos.push(...(page.InstanceInformationList ?? []));
            token = page.NextToken;
          } while (token);
        };
        const wanted = opts.group.instanceIds ?? [];
        try {
          if (opts.group.instanceIds) {
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
            return false;
          }
          throw err; // the whole group is unreachable (credentials, permissions): runScan records it
        }
        const online: string[] = [];
        const seen = new Set<string>();
        for (const info of infos) {
          const id = info.InstanceId;
          if (!id || seen.has(id)) continue;
          seen.add(id);
          if (info.PlatformType && info.PlatformType !== 'Linux') {
            unreachable.push({
              target: host(id),
              reason: `the node runs ${info.PlatformType}: the host probe runs on Linux only`,
            });
          } else if (info.PingStatus !== 'Online') {
            offline++;
            unreachable.push({
              target: host(id),
              reason: `the SSM agent is ${info.PingStatus ?? 'not reporting'}${info.LastPingDateTime ? ` (last seen ${info.LastPingDateTime.toISOString()})` : ''}`,
            });
          } else online.push(id);
        }
        for (const id of wanted) {
          if (!seen.has(id))
            unreachable.push({ target: host(id), reason: 'not a managed instance: its SSM agent is not registered' });
        }
        if (online.length === 0) return false;

        // 2. Send the probe: by tag (one call, SSM fans out) or by instance IDs (50 per call).
        const send = (p: { Targets?: Target[]; InstanceIds?: string[] }) =>
          call('SendCommand', () =>
            opts.ssm.send(
              new SendCommandCommand({
                DocumentName: opts.documentName,
                ...p,
                MaxConcurrency: opts.group.maxConcurrency,
                MaxErrors: opts.group.maxErrors,
                TimeoutSeconds: opts.group.timeoutSeconds,
                Comment: `compliance-bot host probe (${opts.name})`.slice(0, 100),
                ...(opts.outputBucket ? { OutputS3BucketName: opts.outputBucket, OutputS3KeyPrefix: prefix } : {}),
              }),
            ),
          );
        for (const id of online) pending.add(id);
        sentAfter = new Date(Date.now() - 5 * 60_000);
        try {
          if (opts.group.tags) {
            const res = await send({ Targets: tagTargets });
            if (res.Command?.CommandId) commandIds.push(res.Command.CommandId);
          } else {
            for (let i = 0; i < online.length; i += MAX_IDS_PER_CALL) {
              const batch = online.slice(i, i + MAX_IDS_PER_CALL);
              const res = await send({ InstanceIds: batch });
              if (res.Command?.CommandId) {
                commandIds.push(res.Command.CommandId);
                for (const id of batch) owner.set(id, res.Command.CommandId);
              }
            }
          }
        } catch (err) {
          const reason =
            err instanceof DeadlineError
              ? 'the scan ran out of time before the probe was sent'
              : `the probe could not be sent: ${err instanceof Error ? err.message : String(err)}`;
          // Nodes covered by a command already sent are still collected below.
          if (commandIds.length === 0) {
            for (const id of online) unreachable.push({ target: host(id), reason });
            return false;
          }
          if (!opts.group.tags) {
            const covered = new Set(online.slice(0, commandIds.length * MAX_IDS_PER_CALL));
            for (const id of online) {
              if (!covered.has(id)) {
                unreachable.push({ target: host(id), reason });
                pending.delete(id);
              }
            }
          }
        }
        opts.onSent?.(commandIds);
        return true;
      };
      if (opts.resume) {
        // Continuing from an SSM status-change event (or a previous invocation): only collect.
        commandIds.push(...opts.resume.commandIds);
        for (const id of opts.resume.instanceIds ?? []) pending.add(id);
      } else if (!(await start())) {
        return { facts, unreachable };
      }

      // 3. Wait for the commands cheaply, then collect each command's invocations once.
      //    Each round asks ListCommands for the commands' status counts (one call for a tag command; one listing,
      //    filtered by document and send time, for many ID batches). A command's invocations are paged only when
      //    its counts say every node that can answer has ended (nodes already reported offline are not waited
      //    for), or when the deadline nears. Without counts (ListCommands denied or unavailable) every round pages
      //    the invocations, as before. Outputs are read and parsed as they arrive; only the facts are kept.
      const states: CommandState[] = commandIds.map((id) => ({
        id,
        harvested: false,
        terminal: false,
        lastCompleted: -1,
        roundsSincePass: 0,
      }));
      const done = new Set<string>();
      const reported = new Set(unreachable.map((u) => u.target.name));
      const lastStatus = new Map<string, string>();
      const slots: (TargetFacts | undefined)[] = [];
      const shared = new Map<string, unknown>();
      const reader = outputReader();
      let countsAvailable = true;
      let interval = opts.pollMs ?? 2_000;
      const maxPoll = opts.maxPollMs ?? 15_000;
      let deadlineHit = false;

      /** One pass over a command's invocations: records every terminal one, reads successful outputs at once. */
      const pass = async (s: CommandState, stop: () => boolean): Promise<void> => {
        let token: string | undefined;
        let open = 0;
        let seen = 0;
        do {
          const page = await call(
            'ListCommandInvocations',
            () =>
              opts.ssm.send(
                new ListCommandInvocationsCommand({ CommandId: s.id, Details: true, MaxResults: 50, NextToken: token }),
              ),
            stop,
          );
          for (const inv of page?.CommandInvocations ?? []) {
            const id = inv.InstanceId;
            seen++;
            // Offline or non-Linux nodes that a tag still targets were reported already: never wait for them.
            if (!id || done.has(id) || reported.has(id)) continue;
            lastStatus.set(id, inv.StatusDetails ?? inv.Status ?? 'Pending');
            if (!inv.Status || !TERMINAL.has(inv.Status)) {
              open++;
              continue;
            }
            done.add(id);
            if (inv.Status === 'Success') await reader.add(id, slim(inv, s.id));
            else unreachable.push({ target: host(id), reason: invocationFailureReason(inv) });
          }
          token = page?.NextToken;
        } while (token);
        const mine = owner.size ? [...pending].filter((id) => owner.get(id) === s.id) : [...pending];
        s.harvested = open === 0 && (s.terminal || (seen > 0 && mine.every((id) => done.has(id))));
        s.roundsSincePass = 0;
      };

      while (true) {
        const passed = new Set<CommandState>();
        const open = () => states.filter((s) => !s.harvested);
        try {
          const counts = countsAvailable ? await commandCounts(open().map((s) => s.id)) : undefined;
          for (const s of open()) {
            const c = counts?.get(s.id);
            if (counts && !c && s.roundsSincePass++ < 4) continue; // not listed yet: ask again (page now and then)
            if (c) {
              const completed = c.CompletedCount ?? 0;
              s.terminal = !!c.Status && COMMAND_TERMINAL.has(c.Status);
              const target = c.TargetCount ?? 0;
              // A tag command also targets the nodes reported offline: they end only at DeliveryTimedOut.
              const ready = s.terminal || (target > 0 && completed + (opts.group.tags ? offline : 0) >= target);
              // Page again only when more nodes have ended since the last pass (or, for lagging counts, now and then).
              const worth = s.terminal || completed !== s.lastCompleted || s.roundsSincePass >= 4;
              if (!ready || !worth) {
                s.roundsSincePass++;
                continue;
              }
              s.lastCompleted = completed;
            }
            await pass(s, outOfTime);
            passed.add(s);
          }
        } catch (err) {
          if (!(err instanceof DeadlineError)) throw err;
          deadlineHit = true;
        }
        // With Targets, SSM may also run on nodes tagged after DescribeInstanceInformation: collect them too.
        const waiting = [...pending].some((id) => !done.has(id)) || [...lastStatus.keys()].some((id) => !done.has(id));
        if (open().length === 0 || (!waiting && open().every((s) => passed.has(s)))) break;
        if (deadlineHit || outOfTime() || interval + passReserveMs() > timeLeft()) {
          // The deadline nears: one last pass over what was not just paged, reading what has ended.
          deadlineHit = true;
          for (const s of open()) {
            if (passed.has(s)) continue;
            try {
              await pass(s, hardStop);
            } catch (err) {
              if (!(err instanceof DeadlineError)) throw err;
              break;
            }
          }
          break;
        }
        ctx.reporter.progress(
          `${opts.name}: ${done.size} of ${Math.max(pending.size, lastStatus.size)} nodes answered`,
        );
        await sleep(interval, signal);
        interval = Math.min(maxPoll, interval * 2);
      }

      // 4. Results: facts for every Success (already read), the reason for every node that did not end.
      await reader.drain();
      for (const tf of slots) if (tf) facts.push(tf);
      for (const id of new Set([...pending, ...lastStatus.keys()])) {
        if (done.has(id)) continue;
        const status = lastStatus.get(id);
        unreachable.push({
          target: host(id),
          reason: status
            ? `the node did not answer before the deadline (last status ${status})`
            : `the node never answered (no invocation appeared${deadlineHit ? ' before the deadline' : ''})`,
        });
      }
      return { facts, unreachable };

      /** How long one more pass would take: its pages at the measured time per SSM call (1.5x for throttling). */
      function passReserveMs(): number {
        const commands = states.filter((s) => !s.harvested).length;
        const pages = Math.ceil(Math.max(pending.size, lastStatus.size, 1) / 50) * Math.min(commands, 1);
        return pages * (timing.calls ? timing.ms / timing.calls : 0) * 1.5;
      }

      /**
       * The status counts of the commands, by ID; undefined when ListCommands cannot give them (then every round
       * pages the invocations). One call for one command; for several, a listing filtered by document and send
       * time, then one call for each command that listing missed.
       */
      async function commandCounts(ids: string[]): Promise<Map<string, Command> | undefined> {
        const found = new Map<string, Command>();
        const want = new Set(ids);
        const take = (res: ListCommandsCommandOutput | undefined): boolean => {
          if (!res || !Array.isArray(res.Commands)) return false;
          for (const c of res.Commands) if (c.CommandId && want.has(c.CommandId)) found.set(c.CommandId, c);
          return true;
        };
        try {
          if (ids.length > 1 && sentAfter) {
            let token: string | undefined;
            do {
              const res = await call('ListCommands', () =>
                opts.ssm.send(
                  new ListCommandsCommand({
                    Filters: [
                      // A shared document may be named by its ARN; the filter takes the name.
                      { key: 'DocumentName', value: opts.documentName.replace(/^arn:[^/]*:document\//, '') },
                      { key: 'InvokedAfter', value: sentAfter!.toISOString().replace(/\.\d{3}Z$/, 'Z') },
                    ],
                    MaxResults: 50,
                    NextToken: token,
                  }),
                ),
              );
              if (!take(res)) return unavailable('no command list in the response');
              token = found.size < want.size ? res.NextToken : undefined;
            } while (token);
          }
          for (const id of ids) {
            if (found.has(id)) continue;
            const res = await call('ListCommands', () => opts.ssm.send(new ListCommandsCommand({ CommandId: id })));
            if (!take(res)) return unavailable('no command list in the response');
          }
          return found;
        } catch (err) {
          if (err instanceof DeadlineError || isThrottle(err)) throw err;
          return unavailable(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
        }
      }

      function unavailable(why: string): undefined {
        countsAvailable = false;
        ctx.reporter.warn(
          `${opts.name}: ListCommands gave no status counts (${why}); polling with ListCommandInvocations instead (grant ssm:ListCommands)`,
        );
        return undefined;
      }

      /** Outputs read several at a time as invocations arrive; the page loop waits while all readers are busy. */
      function outputReader() {
        const limit = Math.max(1, opts.outputConcurrency ?? 16);
        let busy = 0;
        const waiters: (() => void)[] = [];
        const inFlight = new Set<Promise<void>>();
        return {
          async add(id: string, inv: CommandInvocation): Promise<void> {
            const slot = slots.length;
            slots.push(undefined);
            while (busy >= limit) await new Promise<void>((r) => waiters.push(r));
            busy++;
            const p: Promise<void> = readOutput(id, inv)
              .then(
                (tf) => {
                  slots[slot] = shareFacts(tf, shared);
                },
                (err) => {
                  unreachable.push({
                    target: host(id),
                    reason: `the output could not be read: ${err instanceof Error ? err.message : String(err)}`,
                  });
                },
              )
              .finally(() => {
                busy--;
                inFlight.delete(p);
                waiters.shift()?.();
              });
            inFlight.add(p);
          },
          async drain(): Promise<void> {
            while (inFlight.size) await Promise.all([...inFlight]);
          },
        };
      }

      /** What reading an output needs, without the rest of the invocation (kept small until it is read). */
      function slim(inv: CommandInvocation, commandId: string): CommandInvocation {
        const plugin = inv.CommandPlugins?.find((p) => p.Name === PROBE_STEP_NAME) ?? inv.CommandPlugins?.[0];
        return {
          CommandId: inv.CommandId ?? commandId,
          InstanceId: inv.InstanceId,
          CommandPlugins: plugin ? [plugin] : [],
        };
      }

      /**
       * The facts of one successful invocation. The API's copy of the output comes from SSM for this invocation
       * and always holds the probe's header line (length and sha256 of the document); the full copy in S3 is
       * written by the node itself, and every node may write under the output prefix, so it is used only when it
       * is the object SSM names for this instance's invocation and matches that header (docs/host.md, "Output
       * integrity").
       */
      async function readOutput(id: string, inv: CommandInvocation): Promise<TargetFacts> {
        const plugin = inv.CommandPlugins?.find((p) => p.Name === PROBE_STEP_NAME) ?? inv.CommandPlugins?.[0];
        const apiOutput = plugin?.Output ?? '';
        const api = splitProbeOutput(apiOutput);
        if (!api.ok) return probeFailure(host(id), api.reason);
        if (api.complete)
          return verified(
            id,
            api.header,
            api.document,
            (d) => `the output SSM reported does not match its own header (${d})`,
          );
        if (!opts.outputBucket || !opts.s3) {
          // No S3 output: GetCommandInvocation gives up to 24,000 characters, enough for most hosts.
          let text = apiOutput;
          try {
            const got = await call(
              'GetCommandInvocation',
              () =>
                opts.ssm.send(
                  new GetCommandInvocationCommand({
                    CommandId: inv.CommandId,
                    InstanceId: id,
                    PluginName: plugin?.Name ?? PROBE_STEP_NAME,
                  }),
                ),
              hardStop,
            );
            text = got.StandardOutputContent ?? text;
          } catch (err) {
            return annotate(
              parseProbeOutput(apiOutput, host(id)),
              `GetCommandInvocation failed: ${err instanceof Error ? err.message : String(err)}`,
            );
          }
          const full = splitProbeOutput(text);
          const fromGet = (d: string) =>
            `the output GetCommandInvocation returned does not match what SSM reported for this invocation (${d})`;
          if (!full.ok) return mismatch(id, fromGet(full.reason));
          if (full.header.line !== api.header.line) return mismatch(id, fromGet('another header line'));
          if (!full.complete)
            return annotate(
              parseProbeOutput(text, host(id)),
              'set ssm.outputBucket so that the full output is read from S3',
            );
          return verified(id, full.header, full.document, fromGet);
        }
        const bucket = plugin?.OutputS3BucketName || opts.outputBucket;
        const commandId = inv.CommandId ?? '';
        const key = s3KeyFor(commandId, id, plugin?.OutputS3KeyPrefix, plugin?.StandardOutputUrl, bucket);
        const where = `s3://${bucket}/${key}`;
        const fromS3 = (d: string) =>
          `output in S3 does not match what SSM reported for this invocation (${d}): ${where}`;
        const truncated = `the host probe output SSM reported is truncated (${Buffer.byteLength(api.document, 'latin1')} of ${api.header.bytes} bytes)`;
        if (!isInvocationKey(key, commandId, id)) {
          return mismatch(id, fromS3(`the key does not name command ${commandId} on ${id}`));
        }
        if (api.header.sha256 === null) {
          const why = `${truncated}; the node has neither sha256sum nor openssl, so the full output in ${where} cannot be checked against what SSM reported for this invocation and is not used`;
          ctx.reporter.warn(`${opts.name}: ${id}: ${why}`);
          return probeFailure(host(id), why);
        }
        let body: string;
        try {
          if (hardStop()) throw new DeadlineError();
          const obj = await call(
            'GetObject',
            () => opts.s3!.send(new GetObjectCommand({ Bucket: bucket, Key: key })),
            hardStop,
          );
          body = obj.Body ? await obj.Body.transformToString('utf-8') : '';
        } catch (err) {
          const why =
            err instanceof DeadlineError
              ? 'the scan ran out of time'
              : err instanceof Error
                ? `${err.name}: ${err.message}`
                : String(err);
          // The API copy is truncated: every fact unknown, with both reasons.
          return probeFailure(host(id), `${truncated}; the full output could not be read from ${where} (${why})`);
        }
        const s3 = splitProbeOutput(body);
        if (!s3.ok) return mismatch(id, fromS3(s3.reason));
        if (s3.header.line !== api.header.line) return mismatch(id, fromS3('its header line differs'));
        if (s3.trailing.trim() !== '') return mismatch(id, fromS3('more follows the document than its header says'));
        return verified(id, s3.header, s3.document, fromS3);
      }

      /** The facts of a document checked against its header, or every fact unknown with a warning. */
      function verified(
        id: string,
        header: OutputHeader,
        document: string,
        says: (detail: string) => string,
      ): TargetFacts {
        const wrong = documentMismatch(header, document);
        return wrong ? mismatch(id, says(wrong)) : parseProbeDocument(document, host(id));
      }

      /** Output that cannot be trusted: never its content, every fact unknown, and a warning. */
      function mismatch(id: string, message: string): TargetFacts {
        ctx.reporter.warn(`${opts.name}: ${id}: ${message}`);
        return probeFailure(host(id), `${message}; not used`);
      }

      function annotate(parsed: TargetFacts, note: string): TargetFacts {
        const out: Record<string, unknown> = {};
        for (const [k, f] of Object.entries(parsed.facts)) {
          out[k] = f && !f.ok ? { ok: false, reason: `${f.reason}; ${note}` } : f;
        }
        return { target: parsed.target, facts: out as TargetFacts['facts'] };
      }

      function s3KeyFor(commandId: string, id: string, pluginPrefix?: string, url?: string, bucket?: string): string {
        if (url) {
          try {
            const u = new URL(url);
            let path = decodeURIComponent(u.pathname.replace(/^\//, ''));
            // Path-style URLs carry the bucket as the first segment.
            if (bucket && path.startsWith(`${bucket}/`) && !u.hostname.startsWith(`${bucket}.`))
              path = path.slice(bucket.length + 1);
            if (path.endsWith('/stdout')) return path;
          } catch {
            // fall through to the documented layout
          }
        }
        if (pluginPrefix) return `${pluginPrefix.replace(/\/+$/, '')}/${PROBE_STEP_NAME}/stdout`;
        return `${prefix}/${commandId}/${id}/awsrunShellScript/${PROBE_STEP_NAME}/stdout`;
      }
    },
  };
}
