/** The "Waive…" modal: reason and number of days, with the finding carried in private_metadata. */
import { z } from 'zod';
import { FINGERPRINT_PATTERN } from '../core/fingerprint';
import { clip, escapeMrkdwn } from '../report/slack-blocks';
import { DEFAULT_MAX_WAIVER_DAYS, MAX_REASON } from './grammar';

export const WAIVE_VIEW = 'compliance_waive';
export const DAYS_BLOCK = 'waive_days';
export const REASON_BLOCK = 'waive_reason';
export const INPUT_ACTION = 'value';

export const findingRefSchema = z
  .object({
    c: z.string().regex(/^[a-z0-9][a-z0-9.-]{0,127}$/),
    f: z.string().regex(FINGERPRINT_PATTERN),
    t: z.string().min(1).max(255),
    s: z.string().regex(/^[a-z0-9][a-z0-9._/-]{0,255}$/),
  })
  .strict();

export const modalMetaSchema = findingRefSchema
  .extend({
    ch: z
      .string()
      .regex(/^[A-Z0-9]{2,20}$/)
      .optional(),
  })
  .strict();
export type ModalMeta = z.infer<typeof modalMetaSchema>;

export function parseJson(text: unknown): unknown {
  if (typeof text !== 'string' || text.length > 3000) return undefined;
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

export function waiveModal(meta: ModalMeta, maxDays = DEFAULT_MAX_WAIVER_DAYS) {
  return {
    type: 'modal' as const,
    callback_id: WAIVE_VIEW,
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text' as const, text: 'Waive a finding' },
    submit: { type: 'plain_text' as const, text: 'Waive' },
    close: { type: 'plain_text' as const, text: 'Cancel' },
    blocks: [
      {
        type: 'section',
        text: {
          type: 'mrkdwn',
          text: clip(`\`${escapeMrkdwn(meta.c)}\` on *${escapeMrkdwn(meta.t)}*\nfingerprint \`${meta.f}\``, 3000),
        },
      },
      {
        type: 'input',
        block_id: DAYS_BLOCK,
        label: { type: 'plain_text', text: `Days (1–${maxDays})` },
        element: {
          type: 'number_input',
          action_id: INPUT_ACTION,
          is_decimal_allowed: false,
          min_value: '1',
          max_value: String(maxDays),
          initial_value: '30',
        },
      },
      {
        type: 'input',
        block_id: REASON_BLOCK,
        label: { type: 'plain_text', text: 'Reason' },
        element: {
          type: 'plain_text_input',
          action_id: INPUT_ACTION,
          multiline: true,
          min_length: 3,
          max_length: MAX_REASON,
        },
      },
    ],
  };
}
