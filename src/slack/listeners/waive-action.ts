/** The "Waive…" button: opens the modal (reason and days) for allow-listed users; refuses the others. */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../context';
import { findingRefSchema, parseJson, waiveModal } from '../modal';
import { answer, guard } from './guard';

type Reply = { text: string };

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
    const send = async (message: Reply | undefined) => {
      if (message) await respond({ response_type: 'ephemeral', replace_original: false, ...message });
    };
    const ref = findingRefSchema.safeParse(parseJson(action.value));
    if (!ref.success) {
      const entry = { user, channel, command: 'waive-button', decision: 'refused' as const };
      return answer(deps, { ...entry, reason: 'malformed button value' }, send, {
        text: ':warning: This button is malformed.',
      });
    }
    const request = { command: 'waive-button', permission: 'waive' as const, user, channel, args: ref.data };
    const answers = {
      send,
      refused: (reason: string) => ({ text: `:no_entry: You may not waive findings: ${reason}.` }),
      failed: { log: 'waiver modal failed', reply: { text: ':x: The bot could not open the waiver form now.' } },
    };
    // The modal is the answer: nothing is posted back when it opens.
    return guard<Reply>(deps, request, answers, async () => {
      await client.views.open({
        trigger_id: body.trigger_id,
        view: waiveModal({ ...ref.data, ...(channel ? { ch: channel } : {}) }, deps.config.waivers.maxDays) as never,
      });
      return undefined;
    });
  };
}
