/**
 * Reading and verifying the probe's output of each successful invocation. The API's copy of the output comes from
 * SSM for this invocation and always holds the probe's header line (length and sha256 of the document); the full
 * copy in S3 is written by the node itself, and every node may write under the output prefix, so it is used only
 * when it is the object SSM names for this instance's invocation and matches that header (docs/host.md, "Output
 * integrity"). Output that cannot be trusted gives no facts: every fact unknown, with the reason, and a warning.
 */
import { createHash } from 'node:crypto';
import { GetObjectCommand, type S3Client } from '@aws-sdk/client-s3';
import { type CommandInvocation, GetCommandInvocationCommand, type SSMClient } from '@aws-sdk/client-ssm';
import pLimit from 'p-limit';
import { errorMessage } from '../../../core/errors';
import type { TargetFacts } from '../../../core/model';
import { parseProbeDocument, parseProbeOutput, probeFailure } from '../parse-probe';
import { documentMismatch, type OutputHeader, splitProbeOutput } from '../probe-output';
import type { ThrottledCalls } from './calls';
import { type Deadline, DeadlineError } from './deadline';
import { isInvocationKey, PROBE_STEP_NAME } from './document';
import { host, type Unreachable } from './types';

/**
 * Hosts of one fleet mostly share their configuration: a fact whose content another host already has is replaced
 * by that host's (identical, never mutated: checks are pure) object, so 10,000 nodes built from a few images hold a
 * few copies of their sshd settings instead of 10,000. Keyed by the fact's name and the sha256 of its JSON.
 */
export function shareFacts(tf: TargetFacts, seen: Map<string, unknown>): TargetFacts {
  const out: Record<string, unknown> = {};
  for (const [name, fact] of Object.entries(tf.facts)) {
    if (fact === undefined) continue;
    const key = `${name}\0${createHash('sha256').update(JSON.stringify(fact)).digest('base64')}`;
    const known = seen.get(key);
    if (known !== undefined) out[name] = known;
    else {
      seen.set(key, fact);
      out[name] = fact;
    }
  }
  return { ...tf, facts: out as TargetFacts['facts'] };
}

/** What reading an output needs, without the rest of the invocation (kept small until it is read). */
export function slim(inv: CommandInvocation, commandId: string): CommandInvocation {
  const plugin = inv.CommandPlugins?.find((p) => p.Name === PROBE_STEP_NAME) ?? inv.CommandPlugins?.[0];
  return {
    CommandId: inv.CommandId ?? commandId,
    InstanceId: inv.InstanceId,
    CommandPlugins: plugin ? [plugin] : [],
  };
}

function annotate(parsed: TargetFacts, note: string): TargetFacts {
  const out: Record<string, unknown> = {};
  for (const [k, f] of Object.entries(parsed.facts)) {
    out[k] = f && !f.ok ? { ok: false, reason: `${f.reason}; ${note}` } : f;
  }
  return { target: parsed.target, facts: out as TargetFacts['facts'] };
}

/**
 * The S3 key of an invocation's stdout: from the URL SSM gives, else from the plugin's prefix, else the documented
 * layout under the collector's prefix.
 */
export function s3KeyFor(
  prefix: string,
  commandId: string,
  id: string,
  pluginPrefix?: string,
  url?: string,
  bucket?: string,
): string {
  if (url) {
    try {
      const u = new URL(url);
      let path = decodeURIComponent(u.pathname.replace(/^\//, ''));
      // Path-style URLs carry the bucket as the first segment.
      if (bucket && path.startsWith(`${bucket}/`) && !u.hostname.startsWith(`${bucket}.`))
        path = path.slice(bucket.length + 1);
      if (path.endsWith('/stdout')) return path;
    } catch {
      // fall through to the documented layout
    }
  }
  if (pluginPrefix) return `${pluginPrefix.replace(/\/+$/, '')}/${PROBE_STEP_NAME}/stdout`;
  return `${prefix}/${commandId}/${id}/awsrunShellScript/${PROBE_STEP_NAME}/stdout`;
}

export interface OutputReaderInput {
  ssm: SSMClient;
  /** Full outputs in S3; without a bucket, outputs come from the API (GetCommandInvocation: up to 24,000 characters). */
  s3?: { client: S3Client; bucket: string };
  /** The output prefix the commands were sent with, without a trailing slash. */
  prefix: string;
  calls: ThrottledCalls;
  deadline: Deadline;
  /** How many outputs are read at once. */
  concurrency: number;
  /** An output that could not be read at all. */
  onUnreachable: (u: Unreachable) => void;
  warn: (message: string) => void;
}

/** Outputs read several at a time as invocations arrive; `add` waits while all readers are busy. */
export class OutputReader {
  private readonly limit: pLimit.Limit;
  /** Facts in the order the invocations were added. */
  private readonly slots: (TargetFacts | undefined)[] = [];
  private readonly shared = new Map<string, unknown>();
  private readonly inFlight = new Set<Promise<void>>();

  constructor(private readonly o: OutputReaderInput) {
    this.limit = pLimit(Math.max(1, o.concurrency));
  }

  /** Queues the output of one successful invocation; resolves once its read has started. */
  async add(id: string, inv: CommandInvocation, commandId: string): Promise<void> {
    const slot = this.slots.length;
    this.slots.push(undefined);
    const small = slim(inv, commandId);
    let started!: () => void;
    const start = new Promise<void>((r) => {
      started = r;
    });
    const p: Promise<void> = this.limit(async () => {
      started();
      try {
        this.slots[slot] = shareFacts(await this.read(id, small), this.shared);
      } catch (err) {
        this.o.onUnreachable({
          target: host(id),
          reason: `the output could not be read: ${errorMessage(err)}`,
        });
      }
    }).finally(() => this.inFlight.delete(p));
    this.inFlight.add(p);
    await start;
  }

  /** Waits for every read added. */
  async drain(): Promise<void> {
    while (this.inFlight.size) await Promise.all([...this.inFlight]);
  }

  /** The facts read, in the order added. */
  facts(): TargetFacts[] {
    return this.slots.filter((tf): tf is TargetFacts => tf !== undefined);
  }

  /** The facts of one successful invocation, or every fact unknown with the reason its output is not used. */
  async read(id: string, inv: CommandInvocation): Promise<TargetFacts> {
    const { calls, deadline } = this.o;
    const hardStop = () => deadline.hardStop();
    const plugin = inv.CommandPlugins?.find((p) => p.Name === PROBE_STEP_NAME) ?? inv.CommandPlugins?.[0];
    const apiOutput = plugin?.Output ?? '';
    const api = splitProbeOutput(apiOutput);
    if (!api.ok) return probeFailure(host(id), api.reason);
    if (api.complete)
      return this.verified(
        id,
        api.header,
        api.document,
        (d) => `the output SSM reported does not match its own header (${d})`,
      );
    if (!this.o.s3) {
      // No S3 output: GetCommandInvocation gives up to 24,000 characters, enough for most hosts.
      let text = apiOutput;
      try {
        const got = await calls.call(
          'GetCommandInvocation',
          () =>
            this.o.ssm.send(
              new GetCommandInvocationCommand({
                CommandId: inv.CommandId,
                InstanceId: id,
                PluginName: plugin?.Name ?? PROBE_STEP_NAME,
              }),
            ),
          hardStop,
        );
        text = got.StandardOutputContent ?? text;
      } catch (err) {
        return annotate(parseProbeOutput(apiOutput, host(id)), `GetCommandInvocation failed: ${errorMessage(err)}`);
      }
      const full = splitProbeOutput(text);
      const fromGet = (d: string) =>
        `the output GetCommandInvocation returned does not match what SSM reported for this invocation (${d})`;
      if (!full.ok) return this.mismatch(id, fromGet(full.reason));
      if (full.header.line !== api.header.line) return this.mismatch(id, fromGet('another header line'));
      if (!full.complete)
        return annotate(
          parseProbeOutput(text, host(id)),
          'set ssm.outputBucket so that the full output is read from S3',
        );
      return this.verified(id, full.header, full.document, fromGet);
    }
    const bucket = plugin?.OutputS3BucketName || this.o.s3.bucket;
    const commandId = inv.CommandId ?? '';
    const key = s3KeyFor(this.o.prefix, commandId, id, plugin?.OutputS3KeyPrefix, plugin?.StandardOutputUrl, bucket);
    const where = `s3://${bucket}/${key}`;
    const fromS3 = (d: string) => `output in S3 does not match what SSM reported for this invocation (${d}): ${where}`;
    const truncated = `the host probe output SSM reported is truncated (${Buffer.byteLength(api.document, 'latin1')} of ${api.header.bytes} bytes)`;
    if (!isInvocationKey(key, commandId, id)) {
      return this.mismatch(id, fromS3(`the key does not name command ${commandId} on ${id}`));
    }
    if (api.header.sha256 === null) {
      const why = `${truncated}; the node has neither sha256sum nor openssl, so the full output in ${where} cannot be checked against what SSM reported for this invocation and is not used`;
      this.o.warn(`${id}: ${why}`);
      return probeFailure(host(id), why);
    }
    let body: string;
    try {
      if (hardStop()) throw new DeadlineError();
      const client = this.o.s3.client;
      const obj = await calls.call(
        'GetObject',
        () => client.send(new GetObjectCommand({ Bucket: bucket, Key: key })),
        hardStop,
      );
      body = obj.Body ? await obj.Body.transformToString('utf-8') : '';
    } catch (err) {
      const why =
        err instanceof DeadlineError
          ? 'the scan ran out of time'
          : err instanceof Error
            ? `${err.name}: ${err.message}`
            : String(err);
      // The API copy is truncated: every fact unknown, with both reasons.
      return probeFailure(host(id), `${truncated}; the full output could not be read from ${where} (${why})`);
    }
    const s3 = splitProbeOutput(body);
    if (!s3.ok) return this.mismatch(id, fromS3(s3.reason));
    if (s3.header.line !== api.header.line) return this.mismatch(id, fromS3('its header line differs'));
    if (s3.trailing.trim() !== '') return this.mismatch(id, fromS3('more follows the document than its header says'));
    return this.verified(id, s3.header, s3.document, fromS3);
  }

  /** The facts of a document checked against its header, or every fact unknown with a warning. */
  private verified(id: string, header: OutputHeader, document: string, says: (detail: string) => string): TargetFacts {
    const wrong = documentMismatch(header, document);
    return wrong ? this.mismatch(id, says(wrong)) : parseProbeDocument(document, host(id));
  }

  /** Output that cannot be trusted: never its content, every fact unknown, and a warning. */
  private mismatch(id: string, message: string): TargetFacts {
    this.o.warn(`${id}: ${message}`);
    return probeFailure(host(id), `${message}; not used`);
  }
}
