/** The "Explain" button of a regression: an ephemeral explanation of the check, answered through response_url. */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { authorize } from '../authorize';
import { audit, type ListenerDeps } from '../context';
import { explainMessage } from '../explain';
import { guestRefusal } from '../guests';
import { findingRefSchema, parseJson } from '../modal';

export function explainActionListener(deps: ListenerDeps) {
  return async ({
    ack,
    body,
    action,
    respond,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const user = body.user.id;
    const channel = body.channel?.id ?? '';
    const ref = findingRefSchema.safeParse(parseJson(action.value));
    const check = ref.success ? deps.findCheck(ref.data.c) : undefined;
    if (!ref.success || !check) {
      audit(deps, {
        user,
        channel,
        command: 'explain-button',
        decision: 'refused',
        reason: 'malformed or unknown check',
      });
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: ':warning: This button refers to a check this bot does not know.',
      });
      return;
    }
    const guest = await guestRefusal(deps.config.slack, user, deps.isGuest);
    const decision = guest
      ? { allowed: false as const, reason: guest }
      : await authorize('query', deps.config.slack, { userId: user, channelId: channel }, deps.members);
    if (!decision.allowed) {
      audit(deps, {
        user,
        channel,
        command: 'explain-button',
        args: ref.data,
        decision: 'refused',
        reason: decision.reason,
      });
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: `:no_entry: You may not use \`explain\` here: ${decision.reason}.`,
      });
      return;
    }
    audit(deps, { user, channel, command: 'explain-button', args: ref.data, decision: 'accepted' });
    await respond({
      response_type: 'ephemeral',
      replace_original: false,
      ...explainMessage(check, { target: ref.data.t, fingerprint: ref.data.f }),
    } as never);
  };
}
