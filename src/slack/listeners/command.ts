/**
 * `/compliance …`: parse (pure grammar), then through the guard (./guard.ts: authorise, audit, acknowledge) answer at
 * once (help, explain, refusals) or hand the work to the worker Lambda and acknowledge. Everything here runs before
 * Slack's 3-second deadline: no store, no scan; only the Lambda invocation and, for user groups, one cached Slack
 * lookup.
 */
import type { AllMiddlewareArgs, RespondArguments, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { answerVisibility, type ListenerDeps } from '../context';
import { explainMessage } from '../explain';
import { HELP_TEXT, parseCommand, permissionOf, quoteBack } from '../grammar';
import type { WorkerJob } from '../jobs';
import { retryText } from '../ratelimit';
import { answer, type GuardAnswers, guard, type Limited } from './guard';

/** Commands that scan or collect from the clusters and hosts: rate-limited (slack.rateLimit). */
const COSTLY = new Set(['scan', 'who-can']);

const ACCEPTED: Record<string, (c: WorkerJob['command']) => string> = {
  scan: (c) =>
    c.name === 'scan'
      ? `:hourglass_flowing_sand: Scanning ${c.selection.kind === 'cluster' ? `cluster *${c.selection.name}*` : c.selection.kind === 'all' ? 'all targets' : c.selection.kind}: the result will be posted here.`
      : '',
  status: () => ':hourglass_flowing_sand: Reading the latest snapshots…',
  diff: () => ':hourglass_flowing_sand: Comparing the latest scans…',
  posture: () => ':hourglass_flowing_sand: Reading the latest scans per framework…',
  host: () => ':hourglass_flowing_sand: Reading the latest findings of that machine…',
  'who-can': () => ':hourglass_flowing_sand: Reading RBAC…',
  'can-reach': () => ':hourglass_flowing_sand: Reading the network facts of the latest scans…',
  waive: () => ':hourglass_flowing_sand: Recording the waiver…',
};

export function commandListener(deps: ListenerDeps) {
  return async ({ command, ack, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const user = String(command.user_id ?? '');
    const channel = String(command.channel_id ?? '');
    const send = (message: RespondArguments | undefined) => ack(message);
    const parsed = parseCommand(command.text, {
      clusters: deps.config.clusters.map((c) => c.name),
      isCheck: (id) => deps.findCheck(id) !== undefined,
      maxWaiverDays: deps.config.waivers.maxDays,
    });

    if (parsed.name === 'help') return answerHelp(deps, { user, channel, text: command.text }, parsed.problem, send);

    const request = {
      command: parsed.name,
      permission: permissionOf(parsed),
      user,
      ...(command.user_name ? { userName: command.user_name } : {}),
      channel,
      args: parsed,
    };
    const answers = commandAnswers(parsed.name, send);

    if (parsed.name === 'explain') {
      const check = deps.findCheck(parsed.checkId);
      return guard(deps, request, answers, async (): Promise<RespondArguments> => {
        if (!check) return { response_type: 'ephemeral', text: HELP_TEXT };
        return { response_type: 'ephemeral', ...explainMessage(check) };
      });
    }

    const once = requestOnce(command.trigger_id, context.retryNum, deps.now());
    const rateLimit = COSTLY.has(parsed.name) ? { teamId: command.team_id, limited: limitedAnswer } : undefined;
    return guard(deps, { ...request, once, ...(rateLimit ? { rateLimit } : {}) }, answers, async () => {
      await deps.dispatch({
        v: 1,
        id: `cmd-${once.key.slice('requests/'.length)}`,
        command: parsed,
        userId: user,
        ...(channel ? { channelId: channel } : {}),
        responseUrl: command.response_url,
        requestedAt: deps.now(),
      });
      return {
        response_type: parsed.name === 'scan' ? answerVisibility(deps.config) : 'ephemeral',
        text: ACCEPTED[parsed.name](parsed),
      };
    });
  };
}

/** Help needs no permission: anybody may ask, guests included, and a problem with the text is named first. */
function answerHelp(
  deps: ListenerDeps,
  asked: { user: string; channel: string; text: unknown },
  problem: string | undefined,
  send: (message: RespondArguments | undefined) => Promise<void>,
): Promise<void> {
  const entry = {
    user: asked.user,
    channel: asked.channel,
    command: 'help',
    args: { text: quoteBack(String(asked.text ?? ''), 200) },
    decision: 'help' as const,
    ...(problem ? { reason: problem } : {}),
  };
  const text = problem ? `:warning: Sorry, ${problem}.\n\n${HELP_TEXT}` : HELP_TEXT;
  return answer(deps, entry, send, { response_type: 'ephemeral', text });
}

/** How a command is answered at each step of the guard: ephemeral, naming the command. */
function commandAnswers(
  name: string,
  send: (message: RespondArguments | undefined) => Promise<void>,
): GuardAnswers<RespondArguments> {
  return {
    send,
    refused: (reason, by) => ({
      response_type: 'ephemeral',
      text:
        by === 'guest'
          ? `:no_entry: You may not use this bot: ${reason}.`
          : `:no_entry: You may not run \`${name}\` here: ${reason}. Ask the bot's admins to add you to \`slack.allow\`.`,
    }),
    failed: {
      log: 'worker invocation failed',
      reply: {
        response_type: 'ephemeral',
        text: ':x: The bot could not start this job (worker unavailable). Please try again in a minute.',
      },
    },
  };
}

/** A Slack retry (X-Slack-Retry-Num) or a second delivery of the same request: the first one is handled. */
function requestOnce(triggerId: unknown, retryNum: number | undefined, now: number) {
  const id =
    String(triggerId ?? '')
      .replace(/[^A-Za-z0-9._-]/g, '_')
      .slice(0, 180) || 'none';
  return {
    key: `requests/${id}`,
    body: JSON.stringify({ at: new Date(now).toISOString(), retry: retryNum ?? 0 }),
    ...(retryNum !== undefined ? { retryNum } : {}),
  };
}

function limitedAnswer(limit: Limited): RespondArguments {
  const minutes = Math.round(limit.windowMs / 60_000);
  const whose = limit.by === 'user' ? 'you have' : 'this workspace has';
  return {
    response_type: 'ephemeral',
    text: `:hourglass: Rate limit: ${whose} used all ${limit.limit} \`scan\`/\`who-can\` requests allowed per ${minutes} minutes. Try again ${retryText(limit.retryAfterMs)}.`,
  };
}
