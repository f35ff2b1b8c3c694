/**
 * The one path every Slack request takes before its work runs: guests refused, the allow-list checked, Slack's
 * retries of a handled request answered with nothing, the rate limit of costly commands applied, then the work done
 * and answered once. Every decision is one audit line (src/slack/context.ts); work that fails is an error log line
 * and a fixed answer. What differs between listeners (the permission, the wording of each answer, how an answer
 * reaches Slack) is a parameter; the order of the steps is not.
 */
import { authorize, type Permission } from '../authorize';
import { audit, type ListenerDeps } from '../context';
import { guestRefusal } from '../guests';
import type { RateDecision } from '../ratelimit';

export type Limited = Extract<RateDecision, { limited: true }>;

/** Who asks what, as the allow-lists and the audit log see it. */
export interface GuardedRequest<M> {
  /** The name in the audit log: a command (`scan`) or an interaction (`waive-button`). */
  command: string;
  permission: Permission;
  user: string;
  userName?: string;
  channel?: string;
  /** The validated arguments, as audited. */
  args?: unknown;
  /**
   * Makes the work run once per Slack request: the first delivery creates this write-once marker, a retry of a
   * handled request finds it and is acknowledged with nothing. Removed again when the work fails, so a retry runs.
   */
  once?: { key: string; body: string; retryNum?: number };
  /** Applies slack.rateLimit (per user and per workspace) to this request, answering `limited` when it is used up. */
  rateLimit?: { teamId?: string; limited: (limit: Limited) => M };
}

/** How this listener answers: one `send` per request, with the message of the step that decided. */
export interface GuardAnswers<M> {
  /** Answers Slack (`ack`, `respond`…); `undefined` acknowledges with nothing. */
  send: (message: M | undefined) => Promise<void>;
  refused: (reason: string, by: 'guest' | 'allow-list') => M;
  /** When the work throws: logged with the error under `log`; the user sees `reply` only, never the error. */
  failed: { log: string; reply: M };
}

/** Audits `decision` and answers: the one step for requests that stop before the guard (help, malformed input). */
export async function answer<M>(
  deps: ListenerDeps,
  entry: Parameters<typeof audit>[1],
  send: (message: M | undefined) => Promise<void>,
  message?: M,
): Promise<void> {
  audit(deps, entry);
  await send(message);
}

/** Runs `work` when every step lets the request through; its result is the answer sent after the audit line. */
export async function guard<M>(
  deps: ListenerDeps,
  req: GuardedRequest<M>,
  answers: GuardAnswers<M>,
  work: () => Promise<M | undefined>,
): Promise<void> {
  const who = {
    user: req.user,
    ...(req.userName ? { userName: req.userName } : {}),
    ...(req.channel !== undefined ? { channel: req.channel } : {}),
    command: req.command,
    ...(req.args !== undefined ? { args: req.args } : {}),
  };
  const refusal = await refusalOf(deps, req);
  if (refusal) {
    const message = answers.refused(refusal.reason, refusal.by);
    return answer(deps, { ...who, decision: 'refused', reason: refusal.reason }, answers.send, message);
  }
  if (req.once && !(await deps.markers.create(req.once.key, req.once.body))) {
    const reason = `Slack retry ${req.once.retryNum ?? '?'}`;
    return answer(deps, { ...who, decision: 'duplicate', reason }, answers.send);
  }
  const limit = req.rateLimit ? await deps.rateLimit({ userId: req.user, teamId: req.rateLimit.teamId }) : undefined;
  if (req.rateLimit && limit?.limited) {
    const reason = `${limit.by} limit of ${limit.limit} per ${Math.round(limit.windowMs / 60_000)} min`;
    return answer(deps, { ...who, decision: 'limited', reason }, answers.send, req.rateLimit.limited(limit));
  }
  let message: M | undefined;
  try {
    message = await work();
  } catch (err) {
    if (req.once) await deps.markers.remove(req.once.key).catch(() => {});
    deps.logger.error(answers.failed.log, { error: err, command: req.command, user: req.user });
    await answers.send(answers.failed.reply);
    return;
  }
  await answer(deps, { ...who, decision: 'accepted' }, answers.send, message);
}

/** Guests first (unless slack.allowGuests), then the allow-list of the request's permission. */
async function refusalOf(
  deps: ListenerDeps,
  req: GuardedRequest<unknown>,
): Promise<{ reason: string; by: 'guest' | 'allow-list' } | null> {
  const guest = await guestRefusal(deps.config.slack, req.user, deps.isGuest);
  if (guest) return { reason: guest, by: 'guest' };
  const decision = await authorize(
    req.permission,
    deps.config.slack,
    { userId: req.user, channelId: req.channel ?? '' },
    deps.members,
  );
  return decision.allowed ? null : { reason: decision.reason, by: 'allow-list' };
}
