/**
 * The waiver modal's submission: validated (days, reason) with errors shown in the modal, authorised again (a modal
 * is a request of its own), then handed to the worker, which records the waiver and confirms in the channel.
 */
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs } from '@slack/bolt';
import { authorize } from '../authorize';
import { audit, type ListenerDeps } from '../context';
import { validateWaiver } from '../grammar';
import { guestRefusal } from '../guests';
import type { WorkerJob } from '../jobs';
import { DAYS_BLOCK, INPUT_ACTION, modalMetaSchema, parseJson, REASON_BLOCK } from '../modal';

export function waiveSubmitListener(deps: ListenerDeps) {
  return async ({ ack, body, view }: SlackViewMiddlewareArgs & AllMiddlewareArgs): Promise<void> => {
    const user = body.user.id;
    const meta = modalMetaSchema.safeParse(parseJson(view.private_metadata));
    if (!meta.success) {
      audit(deps, { user, command: 'waive-modal', decision: 'refused', reason: 'malformed modal metadata' });
      await ack({
        response_action: 'errors',
        errors: { [REASON_BLOCK]: 'This form is malformed; open it again from the message.' },
      });
      return;
    }
    const values = view.state.values;
    const days = String(values[DAYS_BLOCK]?.[INPUT_ACTION]?.value ?? '');
    const reason = String(values[REASON_BLOCK]?.[INPUT_ACTION]?.value ?? '');
    const v = validateWaiver(days, reason, deps.config.waivers.maxDays);
    if (!v.ok) {
      await ack({ response_action: 'errors', errors: { [v.field === 'days' ? DAYS_BLOCK : REASON_BLOCK]: v.problem } });
      return;
    }
    const channel = meta.data.ch ?? '';
    const guest = await guestRefusal(deps.config.slack, user, deps.isGuest);
    const decision = guest
      ? { allowed: false as const, reason: guest }
      : await authorize('waive', deps.config.slack, { userId: user, channelId: channel }, deps.members);
    if (!decision.allowed) {
      audit(deps, {
        user,
        channel,
        command: 'waive-modal',
        args: meta.data,
        decision: 'refused',
        reason: decision.reason,
      });
      await ack({
        response_action: 'errors',
        errors: { [REASON_BLOCK]: `You may not waive findings: ${decision.reason}.` },
      });
      return;
    }
    const job: WorkerJob = {
      v: 1,
      id: `view-${view.id.replace(/[^A-Za-z0-9._-]/g, '_')}`,
      command: {
        name: 'waive',
        fingerprint: meta.data.f,
        days: v.days,
        reason: v.reason,
        checkId: meta.data.c,
        target: meta.data.t,
        scope: meta.data.s,
      },
      userId: user,
      ...(channel ? { channelId: channel } : {}),
      requestedAt: deps.now(),
    };
    try {
      await deps.dispatch(job);
    } catch (err) {
      deps.logger.error('worker invocation failed', { error: err, command: 'waive-modal', user });
      await ack({
        response_action: 'errors',
        errors: { [REASON_BLOCK]: 'The bot could not record this waiver now; please try again.' },
      });
      return;
    }
    audit(deps, { user, channel, command: 'waive-modal', args: job.command, decision: 'accepted' });
    await ack();
  };
}
