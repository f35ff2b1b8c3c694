/**
 * The waiver modal's submission: validated (days, reason) with errors shown in the modal, authorised again (a modal
 * is a request of its own), then handed to the worker, which records the waiver and confirms in the channel.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import type { ListenerDeps } from '../context';
import { validateWaiver } from '../grammar';
import type { WorkerJob } from '../jobs';
import { DAYS_BLOCK, INPUT_ACTION, modalMetaSchema, parseJson, REASON_BLOCK } from '../modal';
import { answer, guard } from './guard';

/** Errors shown in the modal, next to their field. */
type ModalErrors = { response_action: 'errors'; errors: Record<string, string> };
const modalError = (block: string, text: string): ModalErrors => ({
  response_action: 'errors',
  errors: { [block]: text },
});

export function waiveSubmitListener(deps: ListenerDeps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const user = body.user.id;
    const send = (message: ModalErrors | undefined) => ack(message);
    const meta = modalMetaSchema.safeParse(parseJson(view.private_metadata));
    if (!meta.success) {
      const entry = { user, command: 'waive-modal', decision: 'refused' as const, reason: 'malformed modal metadata' };
      return answer(
        deps,
        entry,
        send,
        modalError(REASON_BLOCK, 'This form is malformed; open it again from the message.'),
      );
    }
    const values = view.state.values;
    const days = String(values[DAYS_BLOCK]?.[INPUT_ACTION]?.value ?? '');
    const reason = String(values[REASON_BLOCK]?.[INPUT_ACTION]?.value ?? '');
    const v = validateWaiver(days, reason, deps.config.waivers.maxDays);
    if (!v.ok) return send(modalError(v.field === 'days' ? DAYS_BLOCK : REASON_BLOCK, v.problem));

    const channel = meta.data.ch ?? '';
    const command: WorkerJob['command'] = {
      name: 'waive',
      fingerprint: meta.data.f,
      days: v.days,
      reason: v.reason,
      checkId: meta.data.c,
      target: meta.data.t,
      scope: meta.data.s,
    };
    const request = { command: 'waive-modal', permission: 'waive' as const, user, channel, args: command };
    const answers = {
      send,
      refused: (why: string) => modalError(REASON_BLOCK, `You may not waive findings: ${why}.`),
      failed: {
        log: 'worker invocation failed',
        reply: modalError(REASON_BLOCK, 'The bot could not record this waiver now; please try again.'),
      },
    };
    // Accepted: the modal closes (an empty ack); the worker confirms in the channel.
    return guard<ModalErrors>(deps, request, answers, async () => {
      await deps.dispatch({
        v: 1,
        id: `view-${view.id.replace(/[^A-Za-z0-9._-]/g, '_')}`,
        command,
        userId: user,
        ...(channel ? { channelId: channel } : {}),
        requestedAt: deps.now(),
      });
      return undefined;
    });
  };
}
