/** The "Waive…" button: opens the modal (reason and days) for allow-listed users; refuses the others. */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import { authorize } from '../authorize';
import { audit, type ListenerDeps } from '../context';
import { guestRefusal } from '../guests';
import { findingRefSchema, parseJson, waiveModal } from '../modal';

export function waiveActionListener(deps: ListenerDeps) {
  return async ({
    ack,
    body,
    action,
    respond,
    client,
  }: SlackActionMiddlewareArgs<BlockButtonAction> & AllMiddlewareArgs): Promise<void> => {
    await ack();
    const user = body.user.id;
    const channel = body.channel?.id ?? '';
    const ref = findingRefSchema.safeParse(parseJson(action.value));
    if (!ref.success) {
      audit(deps, { user, channel, command: 'waive-button', decision: 'refused', reason: 'malformed button value' });
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: ':warning: This button is malformed.',
      });
      return;
    }
    const guest = await guestRefusal(deps.config.slack, user, deps.isGuest);
    const decision = guest
      ? { allowed: false as const, reason: guest }
      : await authorize('waive', deps.config.slack, { userId: user, channelId: channel }, deps.members);
    if (!decision.allowed) {
      audit(deps, {
        user,
        channel,
        command: 'waive-button',
        args: ref.data,
        decision: 'refused',
        reason: decision.reason,
      });
      await respond({
        response_type: 'ephemeral',
        replace_original: false,
        text: `:no_entry: You may not waive findings: ${decision.reason}.`,
      });
      return;
    }
    audit(deps, { user, channel, command: 'waive-button', args: ref.data, decision: 'accepted' });
    await client.views.open({
      trigger_id: body.trigger_id,
      view: waiveModal({ ...ref.data, ...(channel ? { ch: channel } : {}) }, deps.config.waivers.maxDays) as never,
    });
  };
}
