/**
 * `/compliance …`: parse (pure grammar), authorise, audit, then answer at once (help, explain, refusals) or hand the
 * work to the worker Lambda and acknowledge. Everything here runs before Slack's 3-second deadline: no store, no
 * scan; only the Lambda invocation and, for user groups, one cached Slack lookup.
 */
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from '@slack/bolt';
import { authorize } from '../authorize';
import { answerVisibility, audit, type ListenerDeps } from '../context';
import { explainMessage } from '../explain';
import { HELP_TEXT, parseCommand, permissionOf, quoteBack } from '../grammar';
import { guestRefusal } from '../guests';
import type { WorkerJob } from '../jobs';
import { retryText } from '../ratelimit';

/** Commands that scan or collect from the clusters and hosts: rate-limited (slack.rateLimit). */
const COSTLY = new Set(['scan', 'who-can']);

const ACCEPTED: Record<string, (c: WorkerJob['command']) => string> = {
  scan: (c) =>
    c.name === 'scan'
      ? `:hourglass_flowing_sand: Scanning ${c.selection.kind === 'cluster' ? `cluster *${c.selection.name}*` : c.selection.kind === 'all' ? 'all targets' : c.selection.kind}: the result will be posted here.`
      : '',
  status: () => ':hourglass_flowing_sand: Reading the latest snapshots…',
  diff: () => ':hourglass_flowing_sand: Comparing the latest scans…',
  'who-can': () => ':hourglass_flowing_sand: Reading RBAC…',
  waive: () => ':hourglass_flowing_sand: Recording the waiver…',
};

export function commandListener(deps: ListenerDeps) {
  return async ({ command, ack, context }: SlackCommandMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const user = String(command.user_id ?? '');
    const channel = String(command.channel_id ?? '');
    const parsed = parseCommand(command.text, {
      clusters: deps.config.clusters.map((c) => c.name),
      isCheck: (id) => deps.findCheck(id) !== undefined,
      maxWaiverDays: deps.config.waivers.maxDays,
    });

    if (parsed.name === 'help') {
      audit(deps, {
        user,
        channel,
        command: 'help',
        args: { text: quoteBack(String(command.text ?? ''), 200) },
        decision: 'help',
        ...(parsed.problem ? { reason: parsed.problem } : {}),
      });
      await ack({
        response_type: 'ephemeral',
        text: parsed.problem ? `:warning: Sorry, ${parsed.problem}.\n\n${HELP_TEXT}` : HELP_TEXT,
      });
      return;
    }

    const guest = await guestRefusal(deps.config.slack, user, deps.isGuest);
    if (guest) {
      audit(deps, { user, channel, command: parsed.name, args: parsed, decision: 'refused', reason: guest });
      await ack({ response_type: 'ephemeral', text: `:no_entry: You may not use this bot: ${guest}.` });
      return;
    }
    const decision = await authorize(
      permissionOf(parsed),
      deps.config.slack,
      { userId: user, channelId: channel },
      deps.members,
    );
    if (!decision.allowed) {
      audit(deps, {
        user,
        userName: command.user_name,
        channel,
        command: parsed.name,
        args: parsed,
        decision: 'refused',
        reason: decision.reason,
      });
      await ack({
        response_type: 'ephemeral',
        text: `:no_entry: You may not run \`${parsed.name}\` here: ${decision.reason}. Ask the bot's admins to add you to \`slack.allow\`.`,
      });
      return;
    }

    if (parsed.name === 'explain') {
      audit(deps, {
        user,
        userName: command.user_name,
        channel,
        command: parsed.name,
        args: parsed,
        decision: 'accepted',
      });
      const check = deps.findCheck(parsed.checkId);
      await ack(
        check
          ? { response_type: 'ephemeral', ...explainMessage(check) }
          : { response_type: 'ephemeral', text: HELP_TEXT },
      );
      return;
    }

    // A Slack retry (X-Slack-Retry-Num) or a second delivery of the same request: the first one is handled.
    const requestKey = `requests/${
      String(command.trigger_id ?? '')
        .replace(/[^A-Za-z0-9._-]/g, '_')
        .slice(0, 180) || 'none'
    }`;
    const first = await deps.markers.create(
      requestKey,
      JSON.stringify({ at: new Date(deps.now()).toISOString(), retry: context.retryNum ?? 0 }),
    );
    if (!first) {
      audit(deps, {
        user,
        channel,
        command: parsed.name,
        args: parsed,
        decision: 'duplicate',
        reason: `Slack retry ${context.retryNum ?? '?'}`,
      });
      await ack();
      return;
    }

    if (COSTLY.has(parsed.name)) {
      const limit = await deps.rateLimit({ userId: user, teamId: command.team_id });
      if (limit.limited) {
        const minutes = Math.round(limit.windowMs / 60_000);
        const whose = limit.by === 'user' ? 'you have' : 'this workspace has';
        audit(deps, {
          user,
          channel,
          command: parsed.name,
          args: parsed,
          decision: 'limited',
          reason: `${limit.by} limit of ${limit.limit} per ${minutes} min`,
        });
        await ack({
          response_type: 'ephemeral',
          text: `:hourglass: Rate limit: ${whose} used all ${limit.limit} \`scan\`/\`who-can\` requests allowed per ${minutes} minutes. Try again ${retryText(limit.retryAfterMs)}.`,
        });
        return;
      }
    }
    const job: WorkerJob = {
      v: 1,
      id: `cmd-${requestKey.slice('requests/'.length)}`,
      command: parsed,
      userId: user,
      ...(channel ? { channelId: channel } : {}),
      responseUrl: command.response_url,
      requestedAt: deps.now(),
    };
    try {
      await deps.dispatch(job);
    } catch (err) {
      await deps.markers.remove(requestKey).catch(() => {});
      deps.logger.error('worker invocation failed', { error: err, command: parsed.name, user });
      await ack({
        response_type: 'ephemeral',
        text: ':x: The bot could not start this job (worker unavailable). Please try again in a minute.',
      });
      return;
    }
    audit(deps, {
      user,
      userName: command.user_name,
      channel,
      command: parsed.name,
      args: parsed,
      decision: 'accepted',
    });
    await ack({
      response_type: parsed.name === 'scan' ? answerVisibility(deps.config) : 'ephemeral',
      text: ACCEPTED[parsed.name](parsed),
    });
  };
}
