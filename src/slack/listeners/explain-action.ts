/** The "Explain" button of a regression: an ephemeral explanation of the check, answered through response_url. */
import type { AllMiddlewareArgs, BlockButtonAction, SlackActionMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../context';
import { explainMessage } from '../explain';
import { findingRefSchema, parseJson } from '../modal';
import { answer, guard } from './guard';

type Reply = { text: string; blocks?: unknown[] };

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
    const send = async (message: Reply | undefined) => {
      if (message) await respond({ response_type: 'ephemeral', replace_original: false, ...message } as never);
    };
    const ref = findingRefSchema.safeParse(parseJson(action.value));
    const check = ref.success ? deps.findCheck(ref.data.c) : undefined;
    if (!ref.success || !check) {
      const entry = { user, channel, command: 'explain-button', decision: 'refused' as const };
      return answer(deps, { ...entry, reason: 'malformed or unknown check' }, send, {
        text: ':warning: This button refers to a check this bot does not know.',
      });
    }
    const request = { command: 'explain-button', permission: 'query' as const, user, channel, args: ref.data };
    const answers = {
      send,
      refused: (reason: string) => ({ text: `:no_entry: You may not use \`explain\` here: ${reason}.` }),
      failed: { log: 'explain answer failed', reply: { text: ':x: The bot could not explain this check now.' } },
    };
    return guard(deps, request, answers, async () =>
      explainMessage(check, { target: ref.data.t, fingerprint: ref.data.f }),
    );
  };
}
