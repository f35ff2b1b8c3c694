/**
 * Following the sent commands until their nodes have answered or the deadline nears. Each round asks ListCommands
 * for the commands' status counts (one call for a tag command; one listing, filtered by document and send time, for
 * many ID batches). A command's invocations are paged only when its counts say every node that can answer has ended
 * (nodes already reported offline are not waited for), or when the deadline nears. Without counts (ListCommands
 * denied or unavailable) every round pages the invocations. Between rounds the interval doubles up to its maximum.
 */
import {
  type Command,
  type CommandInvocation,
  ListCommandInvocationsCommand,
  ListCommandsCommand,
  type ListCommandsCommandOutput,
  type SSMClient,
} from '@aws-sdk/client-ssm';
import { isThrottle, type ThrottledCalls } from './calls';
import { type Deadline, DeadlineError } from './deadline';
import { host, type Unreachable } from './types';

/** Invocation statuses after which the invocation does not change any more. */
const TERMINAL = new Set(['Success', 'Cancelled', 'TimedOut', 'Failed']);
/** Command statuses after which no invocation of the command changes any more. */
const COMMAND_TERMINAL = new Set(['Success', 'Cancelled', 'TimedOut', 'Failed']);
/** Rounds after which a command is paged even when its counts did not move (counts may lag the invocations). */
const LAGGING_ROUNDS = 4;

/** Polling state of one sent command. */
export interface CommandState {
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

export function commandState(id: string): CommandState {
  return { id, harvested: false, terminal: false, lastCompleted: -1, roundsSincePass: 0 };
}

/**
 * Whether a command's invocations are worth paging this round, given the status counts of this round (undefined:
 * no counts, page every round). Records in `s` what the counts said. `offlineTargeted`: nodes reported offline that
 * the command still targets (a tag command), which end only at DeliveryTimedOut and are not waited for.
 */
export function worthPaging(
  s: CommandState,
  counts: Map<string, Command> | undefined,
  offlineTargeted: number,
): boolean {
  const c = counts?.get(s.id);
  if (counts && !c && s.roundsSincePass++ < LAGGING_ROUNDS) return false; // not listed yet: ask again
  if (!c) return true;
  const completed = c.CompletedCount ?? 0;
  s.terminal = !!c.Status && COMMAND_TERMINAL.has(c.Status);
  const target = c.TargetCount ?? 0;
  const ready = s.terminal || (target > 0 && completed + offlineTargeted >= target);
  // Page again only when more nodes have ended since the last pass (or, for lagging counts, now and then).
  const worth = s.terminal || completed !== s.lastCompleted || s.roundsSincePass >= LAGGING_ROUNDS;
  if (!ready || !worth) {
    s.roundsSincePass++;
    return false;
  }
  s.lastCompleted = completed;
  return true;
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

export interface PollerInput {
  ssm: SSMClient;
  calls: ThrottledCalls;
  deadline: Deadline;
  documentName: string;
  commandIds: string[];
  /** Nodes expected to answer. */
  pending: ReadonlySet<string>;
  /** Which command each node was sent in (instance ID batches only; empty otherwise). */
  owner: ReadonlyMap<string, string>;
  /** Nodes reported offline that the commands still target (a tag command), 0 otherwise. */
  offlineTargeted: number;
  /** Filters ListCommands to this scan's commands. */
  sentAfter?: Date;
  /** Nodes already reported unreachable: never waited for. */
  reported: ReadonlySet<string>;
  /** First interval between rounds, doubled up to `maxPollMs`. */
  pollMs: number;
  maxPollMs: number;
  /** A successful invocation: its output is to be read. Resolves when the reader can take another. */
  onSuccess: (id: string, inv: CommandInvocation, commandId: string) => Promise<void>;
  /** An invocation that ended without success. */
  onFailure: (u: Unreachable) => void;
  warn: (message: string) => void;
  progress: (message: string) => void;
}

export class Poller {
  private readonly states: CommandState[];
  private readonly done = new Set<string>();
  private readonly lastStatus = new Map<string, string>();
  private countsAvailable = true;
  private interval: number;
  private deadlineHit = false;

  constructor(private readonly o: PollerInput) {
    this.states = o.commandIds.map(commandState);
    this.interval = o.pollMs;
  }

  /** Rounds until every command is harvested, or the deadline nears (then one last pass over what is left). */
  async run(): Promise<void> {
    const { deadline } = this.o;
    while (true) {
      const passed = new Set<CommandState>();
      try {
        const counts = this.countsAvailable ? await this.commandCounts(this.open().map((s) => s.id)) : undefined;
        for (const s of this.open()) {
          if (!worthPaging(s, counts, this.o.offlineTargeted)) continue;
          await this.pass(s, () => deadline.outOfTime());
          passed.add(s);
        }
      } catch (err) {
        if (!(err instanceof DeadlineError)) throw err;
        this.deadlineHit = true;
      }
      // With Targets, SSM may also run on nodes tagged after DescribeInstanceInformation: collect them too.
      const waiting = [...this.o.pending, ...this.lastStatus.keys()].some((id) => !this.done.has(id));
      if (this.open().length === 0 || (!waiting && this.open().every((s) => passed.has(s)))) break;
      if (this.deadlineHit || deadline.outOfTime() || this.interval + this.passReserveMs() > deadline.timeLeft()) {
        // The deadline nears: one last pass over what was not just paged, reading what has ended.
        this.deadlineHit = true;
        for (const s of this.open()) {
          if (passed.has(s)) continue;
          try {
            await this.pass(s, () => deadline.hardStop());
          } catch (err) {
            if (!(err instanceof DeadlineError)) throw err;
            break;
          }
        }
        break;
      }
      this.o.progress(`${this.done.size} of ${Math.max(this.o.pending.size, this.lastStatus.size)} nodes answered`);
      await deadline.sleep(this.interval);
      this.interval = Math.min(this.o.maxPollMs, this.interval * 2);
    }
  }

  /** Every node expected or seen that never ended, with the reason (after run()). */
  unanswered(): Unreachable[] {
    const out: Unreachable[] = [];
    for (const id of new Set([...this.o.pending, ...this.lastStatus.keys()])) {
      if (this.done.has(id)) continue;
      const status = this.lastStatus.get(id);
      out.push({
        target: host(id),
        reason: status
          ? `the node did not answer before the deadline (last status ${status})`
          : `the node never answered (no invocation appeared${this.deadlineHit ? ' before the deadline' : ''})`,
      });
    }
    return out;
  }

  private open(): CommandState[] {
    return this.states.filter((s) => !s.harvested);
  }

  /** One pass over a command's invocations: records every terminal one, hands successful ones to the reader. */
  private async pass(s: CommandState, stop: () => boolean): Promise<void> {
    let token: string | undefined;
    let open = 0;
    let seen = 0;
    do {
      const page = await this.o.calls.call(
        'ListCommandInvocations',
        () =>
          this.o.ssm.send(
            new ListCommandInvocationsCommand({ CommandId: s.id, Details: true, MaxResults: 50, NextToken: token }),
          ),
        stop,
      );
      for (const inv of page?.CommandInvocations ?? []) {
        const id = inv.InstanceId;
        seen++;
        // Offline or non-Linux nodes that a tag still targets were reported already: never wait for them.
        if (!id || this.done.has(id) || this.o.reported.has(id)) continue;
        this.lastStatus.set(id, inv.StatusDetails ?? inv.Status ?? 'Pending');
        if (!inv.Status || !TERMINAL.has(inv.Status)) {
          open++;
          continue;
        }
        this.done.add(id);
        if (inv.Status === 'Success') await this.o.onSuccess(id, inv, s.id);
        else this.o.onFailure({ target: host(id), reason: invocationFailureReason(inv) });
      }
      token = page?.NextToken;
    } while (token);
    const mine = this.o.owner.size
      ? [...this.o.pending].filter((id) => this.o.owner.get(id) === s.id)
      : [...this.o.pending];
    s.harvested = open === 0 && (s.terminal || (seen > 0 && mine.every((id) => this.done.has(id))));
    s.roundsSincePass = 0;
  }

  /** How long one more pass would take: its pages at the measured time per SSM call (1.5x for throttling). */
  private passReserveMs(): number {
    const commands = this.open().length;
    const pages = Math.ceil(Math.max(this.o.pending.size, this.lastStatus.size, 1) / 50) * Math.min(commands, 1);
    return pages * this.o.calls.meanCallMs() * 1.5;
  }

  /**
   * The status counts of the commands, by ID; undefined when ListCommands cannot give them (then every round pages
   * the invocations). One call for one command; for several, a listing filtered by document and send time, then
   * one call for each command that listing missed.
   */
  private async commandCounts(ids: string[]): Promise<Map<string, Command> | undefined> {
    const { calls, ssm, sentAfter } = this.o;
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
          const res = await calls.call('ListCommands', () =>
            ssm.send(
              new ListCommandsCommand({
                Filters: [
                  // A shared document may be named by its ARN; the filter takes the name.
                  { key: 'DocumentName', value: this.o.documentName.replace(/^arn:[^/]*:document\//, '') },
                  { key: 'InvokedAfter', value: sentAfter.toISOString().replace(/\.\d{3}Z$/, 'Z') },
                ],
                MaxResults: 50,
                NextToken: token,
              }),
            ),
          );
          if (!take(res)) return this.unavailable('no command list in the response');
          token = found.size < want.size ? res.NextToken : undefined;
        } while (token);
      }
      for (const id of ids) {
        if (found.has(id)) continue;
        const res = await calls.call('ListCommands', () => ssm.send(new ListCommandsCommand({ CommandId: id })));
        if (!take(res)) return this.unavailable('no command list in the response');
      }
      return found;
    } catch (err) {
      if (err instanceof DeadlineError || isThrottle(err)) throw err;
      return this.unavailable(err instanceof Error ? `${err.name}: ${err.message}` : String(err));
    }
  }

  private unavailable(why: string): undefined {
    this.countsAvailable = false;
    this.o.warn(
      `ListCommands gave no status counts (${why}); polling with ListCommandInvocations instead (grant ssm:ListCommands)`,
    );
    return undefined;
  }
}
