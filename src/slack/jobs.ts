/**
 * The work the Slack handler hands to the worker Lambda (invoked with InvocationType 'Event', so the handler acks
 * within Slack's 3 seconds). The worker validates every job again with this schema: a job is input too.
 */
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { z } from 'zod';
import { lambdaSdk } from '../aws/sdk';
import { FINGERPRINT_PREFIX_PATTERN } from '../core/fingerprint';
import { HOST_NAME } from './grammar';

const slackId = z.string().regex(/^[A-Z0-9]{2,20}$/);
const name = z.string().regex(/^[a-z0-9][a-z0-9._-]{0,62}$/);

const selection = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('all') }).strict(),
  z.object({ kind: z.literal('hosts') }).strict(),
  z.object({ kind: z.literal('clusters') }).strict(),
  z.object({ kind: z.literal('cluster'), name }).strict(),
]);

const command = z.discriminatedUnion('name', [
  z.object({ name: z.literal('scan'), selection }).strict(),
  z.object({ name: z.literal('status') }).strict(),
  z.object({ name: z.literal('diff') }).strict(),
  z
    .object({
      name: z.literal('posture'),
      framework: z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]{0,63}$/)
        .optional(),
    })
    .strict(),
  z.object({ name: z.literal('host'), host: z.string().regex(HOST_NAME) }).strict(),
  z
    .object({
      name: z.literal('who-can'),
      verb: z.string().regex(/^(\*|[a-z]{1,30})$/),
      resource: z.string().regex(/^([a-z*][a-z0-9.*/-]{0,127}|\/[A-Za-z0-9._~/*-]{0,127})$/),
      namespace: z
        .string()
        .regex(/^[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?$/)
        .optional(),
    })
    .strict(),
  z
    .object({
      name: z.literal('can-reach'),
      // Checked again with the grammar's parsers when the worker answers; here only the shape and length.
      from: z.string().regex(/^[A-Za-z0-9.:/*=_-]{1,320}$/),
      to: z.string().regex(/^[A-Za-z0-9.:/*=_-]{1,320}$/),
      port: z
        .string()
        .regex(/^([A-Za-z]{3,4}\/)?\d{1,5}(-\d{1,5})?$/)
        .optional(),
    })
    .strict(),
  z
    .object({
      name: z.literal('waive'),
      fingerprint: z.string().regex(FINGERPRINT_PREFIX_PATTERN),
      days: z.number().int().min(1).max(3650),
      reason: z.string().min(3).max(500),
      /** From the "Waive…" modal: the finding the button was on. */
      checkId: z
        .string()
        .regex(/^[a-z0-9][a-z0-9.-]{0,127}$/)
        .optional(),
      target: z.string().min(1).max(255).optional(),
      scope: z
        .string()
        .regex(/^[a-z0-9][a-z0-9._/-]{0,255}$/)
        .optional(),
    })
    .strict(),
]);

export const workerJobSchema = z
  .object({
    v: z.literal(1),
    /** Unique per Slack request (its trigger_id, or the view ID of a modal): the dedup key of the job. */
    id: z.string().regex(/^[A-Za-z0-9._-]{1,200}$/),
    command,
    userId: slackId,
    channelId: slackId.optional(),
    responseUrl: z.string().url().max(500).optional(),
    /** When Slack issued the response_url (ms since the epoch): it lasts 30 minutes. */
    requestedAt: z.number().int().positive(),
  })
  .strict();

export type WorkerJob = z.infer<typeof workerJobSchema>;
export type WorkerCommand = WorkerJob['command'];

export function parseWorkerJob(raw: unknown): { ok: true; job: WorkerJob } | { ok: false; problem: string } {
  const p = workerJobSchema.safeParse(raw);
  if (p.success) return { ok: true, job: p.data };
  return { ok: false, problem: p.error.issues.map((i) => `${i.path.join('.') || '(job)'}: ${i.message}`).join('; ') };
}

/** Dedup keys are built from validated IDs: safe as marker keys. */
export function jobKey(job: WorkerJob): string {
  return `jobs/${job.id.replace(/[^A-Za-z0-9._-]/g, '_')}`;
}

export type Dispatch = (job: WorkerJob) => Promise<void>;

/** Invokes the worker asynchronously: Lambda queues the event and answers 202 at once. */
export function lambdaDispatch(lambda: LambdaClient, functionName: string): Dispatch {
  return async (job) => {
    const out = await lambda.send(
      new (lambdaSdk().InvokeCommand)({
        FunctionName: functionName,
        InvocationType: 'Event',
        Payload: Buffer.from(JSON.stringify(job)),
      }),
    );
    if (out.StatusCode !== undefined && out.StatusCode !== 202) {
      throw new Error(`worker invocation returned HTTP ${out.StatusCode}`);
    }
  };
}
