/**
 * An in-memory S3 bucket under a real S3 client, with the conditional-write semantics s3rver ignores
 * (`If-None-Match: *` answers 412 when the key exists, `If-Match` compares the ETag) and injectable faults per
 * PutObject: 503 SlowDown before the write lands, 503 after it landed (the client never hears it succeeded),
 * 409 ConditionalRequestConflict, 412 PreconditionFailed. The bucket answers in place of the HTTP request, inside the
 * SDK's retry loop: the stores' retry strategy (storeRetry, without its waits) retries the faults as it would S3's.
 */
import { createHash } from 'node:crypto';
import { S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { storeRetry } from '../../../src/aws/retry';

export type PutFault = 'slowdown' | 'slowdown-after-write' | 'conflict' | 'precondition';

function s3Error(name: string, status: number, message = name): S3ServiceException {
  return new S3ServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    message,
  });
}

export class FakeS3 {
  readonly client = new S3Client({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    ...storeRetry(() => 0),
  });
  /** The bucket's answer to each command, by command name. */
  private readonly handlers = new Map<string, (input: never) => Promise<object>>();
  readonly objects = new Map<string, { bytes: Buffer; etag: string }>();
  /** Faults for the next PutObject calls whose key matches, in order. */
  readonly putFaults: { match: RegExp; fault: PutFault }[] = [];
  /** GetObject on matching keys answers 503 (while the counter lasts). */
  readonly getFaults: { match: RegExp; times: number }[] = [];
  puts = 0;

  constructor() {
    this.on('PutObjectCommand', async (input: Record<string, unknown>) => {
      this.puts++;
      const key = String(input.Key);
      const i = this.putFaults.findIndex((f) => f.match.test(key));
      const fault = i >= 0 ? this.putFaults.splice(i, 1)[0].fault : undefined;
      if (fault === 'slowdown') throw s3Error('SlowDown', 503, 'Please reduce your request rate.');
      if (fault === 'conflict') throw s3Error('ConditionalRequestConflict', 409);
      if (fault === 'precondition') throw s3Error('PreconditionFailed', 412);
      const existing = this.objects.get(key);
      if (input.IfNoneMatch === '*' && existing) throw s3Error('PreconditionFailed', 412);
      if (typeof input.IfMatch === 'string' && existing?.etag !== input.IfMatch)
        throw s3Error('PreconditionFailed', 412);
      const body = input.Body;
      const bytes = Buffer.isBuffer(body)
        ? body
        : body instanceof Uint8Array
          ? Buffer.from(body)
          : Buffer.from(String(body ?? ''));
      const etag = `"${createHash('md5').update(bytes).digest('hex')}"`;
      this.objects.set(key, { bytes, etag });
      if (fault === 'slowdown-after-write') throw s3Error('SlowDown', 503, 'Please reduce your request rate.');
      return { ETag: etag };
    });
    this.on('GetObjectCommand', async (input: { Key: string }) => {
      const g = this.getFaults.find((f) => f.match.test(input.Key) && f.times > 0);
      if (g) {
        g.times--;
        throw s3Error('SlowDown', 503);
      }
      const o = this.objects.get(input.Key);
      if (!o) throw s3Error('NoSuchKey', 404, 'The specified key does not exist.');
      return {
        ETag: o.etag,
        Body: {
          transformToByteArray: async () => new Uint8Array(o.bytes),
          transformToString: async () => o.bytes.toString('utf8'),
        } as never,
      };
    });
    this.on(
      'ListObjectsV2Command',
      async (input: { Prefix?: string; Delimiter?: string; ContinuationToken?: string; MaxKeys?: number }) => {
        const prefix = input.Prefix ?? '';
        const entries = new Set<string>();
        const keys = [...this.objects.keys()].filter((k) => k.startsWith(prefix)).sort();
        const contents: { Key: string }[] = [];
        const prefixes: string[] = [];
        for (const k of keys) {
          const rest = k.slice(prefix.length);
          const cut = input.Delimiter ? rest.indexOf(input.Delimiter) : -1;
          if (cut >= 0) {
            const p = prefix + rest.slice(0, cut + 1);
            if (!entries.has(p)) {
              entries.add(p);
              prefixes.push(p);
            }
          } else contents.push({ Key: k });
        }
        const all = [...prefixes.map((p) => ({ p })), ...contents.map((c) => ({ c }))];
        const start = Number(input.ContinuationToken ?? '0');
        const max = input.MaxKeys ?? 1000;
        const page = all.slice(start, start + max);
        const next = start + max < all.length ? String(start + max) : undefined;
        return {
          Contents: page.flatMap((x) => ('c' in x ? [x.c] : [])),
          CommonPrefixes: page.flatMap((x) => ('p' in x ? [{ Prefix: x.p }] : [])),
          IsTruncated: next !== undefined,
          ...(next ? { NextContinuationToken: next } : {}),
        };
      },
    );
  }

  /** Snapshot objects (not summaries or markers) under a scope. */
  snapshotKeys(): string[] {
    return [...this.objects.keys()].filter((k) => k.endsWith('.json.gz')).sort();
  }

  restore(): void {
    this.putFaults.length = 0;
    this.getFaults.length = 0;
  }

  private on<I>(command: string, answer: (input: I) => Promise<object>): void {
    if (this.handlers.size === 0) {
      // Inside the retry middleware (finalizeRequest, high priority): each attempt reaches the bucket.
      this.client.middlewareStack.add(
        (_next, context) => async (args) => {
          const handler = this.handlers.get(context.commandName ?? '');
          if (!handler) throw new Error(`FakeS3: no answer for ${context.commandName}`);
          const output = await handler(args.input as never);
          return { output: { ...output, $metadata: {} }, response: {} };
        },
        { step: 'finalizeRequest', priority: 'low', name: 'fakeS3Bucket' },
      );
    }
    this.handlers.set(command, answer as (input: never) => Promise<object>);
  }
}
