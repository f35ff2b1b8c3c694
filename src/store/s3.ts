/**
 * Snapshots in S3 (or an S3-compatible store), with the key layout of layout.ts under a prefix. Objects are written
 * with `If-None-Match: *`, so a key is never overwritten: on 412 the snapshot is written under a new key. Reads
 * list the newest day first. The client is passed in (see s3-client.ts for one made from the environment).
 */
import { randomBytes } from 'node:crypto';
import type { ListObjectsV2CommandOutput, PutObjectCommandInput, S3Client } from '@aws-sdk/client-s3';
import { type Backoff, backoffMs } from '../async/backoff';
import { mapLimit } from '../async/pool';
import { type Sleep, sleep } from '../async/sleep';
import { s3Sdk } from '../aws/sdk';
import { errorMessage } from '../core/errors';
import type { Snapshot, Waiver } from '../core/model';
import type { SummaryPosture } from '../core/posture';
import { decodeSnapshot, encodeSnapshot, sha256Hex } from './codec';
import {
  contentMatchesKey,
  parseSnapshotKey,
  SCOPES_DIR,
  scopeMarkerKey,
  snapshotKey,
  summaryKeyOf,
  WAIVERS_KEY,
} from './layout';
import { readAhead } from './read-ahead';
import { decodeSummary, encodeSummary, summarize } from './summary';
import {
  assertScope,
  type HistoryStore,
  type SnapshotRef,
  type SnapshotSummary,
  type StoredSnapshot,
  StoreError,
} from './types';
import { ProblemReporter, type ProblemSink, stderrProblemSink, stripKey, summaryOrRebuilt } from './util';
import { decodeWaiverDocument, encodeWaiverDocument, type WaiverBackend, type WaiverDocumentVersion } from './waivers';
import { type Range, walkScope } from './walk';

export interface S3Location {
  bucket: string;
  /** '' or ending with '/'. */
  prefix: string;
  /** SSE-KMS with this key; SSE-S3 (AES256) when absent. */
  kmsKeyId?: string;
}

export interface S3StoreOptions extends S3Location {
  onProblem?: ProblemSink;
  /** Parallel gets in history() (and the read-ahead of summaries()). */
  concurrency?: number;
  /** Waits between attempts at a key another write holds (409); S3 errors are retried by the client (storeRetry). */
  sleep?: Sleep;
  /** MaxKeys of each listing page (default: S3's 1,000). */
  pageSize?: number;
  /** Adds the control counts per framework to the summaries written or rebuilt (src/core/posture.ts). */
  posture?: SummaryPosture;
}

/** `s3://bucket/some/prefix` -> { bucket, prefix: 'some/prefix/' }; null when not an s3:// URL. */
export function parseS3Url(url: string): S3Location | null {
  const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(url);
  if (!m) return null;
  const bucket = m[1];
  if (!/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/.test(bucket)) {
    throw new StoreError(`invalid S3 bucket name "${bucket}" in ${url}`);
  }
  return { bucket, prefix: normalisePrefix(m[2] ?? '') };
}

export function normalisePrefix(prefix: string): string {
  const p = prefix.replace(/^\/+/, '').replace(/\/{2,}/g, '/');
  if (p !== '' && !/^[A-Za-z0-9!_.*'()\-/]+$/.test(p)) {
    throw new StoreError(`invalid S3 key prefix "${prefix}": letters, digits, and !_.*'()-/ only`);
  }
  if (p.split('/').some((s) => s === '..' || s === '.')) throw new StoreError(`invalid S3 key prefix "${prefix}"`);
  return p === '' || p.endsWith('/') ? p : `${p}/`;
}

const RETRYABLE_NAMES = new Set([
  'SlowDown',
  'Throttling',
  'ThrottlingException',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'TooManyRequestsException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'RequestTimeout',
  'RequestTimeTooSkewed',
  'InternalError',
  'ServiceUnavailable',
  'TimeoutError',
]);

interface AwsError {
  name?: string;
  Code?: string;
  $metadata?: { httpStatusCode?: number; attempts?: number };
  $retryable?: unknown;
  code?: string;
}

function statusOf(err: unknown): number | undefined {
  return (err as AwsError)?.$metadata?.httpStatusCode;
}

function nameOf(err: unknown): string {
  const e = err as AwsError;
  return e?.name ?? e?.Code ?? 'Error';
}

export function isRetryable(err: unknown): boolean {
  const status = statusOf(err);
  if (status !== undefined && (status === 429 || status >= 500)) return true;
  const e = err as AwsError;
  if (RETRYABLE_NAMES.has(nameOf(err)) || e?.$retryable) return true;
  return ['ECONNRESET', 'ECONNREFUSED', 'ETIMEDOUT', 'EPIPE'].includes(e?.code ?? '');
}

function isNotFound(err: unknown): boolean {
  const n = nameOf(err);
  return n === 'NoSuchKey' || n === 'NotFound' || statusOf(err) === 404;
}

function isPreconditionFailed(err: unknown): boolean {
  return statusOf(err) === 412 || nameOf(err) === 'PreconditionFailed';
}

function isConditionalConflict(err: unknown): boolean {
  return statusOf(err) === 409 || nameOf(err) === 'ConditionalRequestConflict';
}

function hint(err: unknown): string {
  const n = nameOf(err);
  if (n === 'AccessDenied' || statusOf(err) === 403) return ' (check the IAM policy and the bucket policy)';
  if (n === 'NoSuchBucket') return ' (create the bucket or fix --store / store.bucket)';
  return '';
}

/** Shared request plumbing of the snapshot store and the waiver backend. */
export class S3Access {
  readonly location: string;
  readonly sleep: Sleep;
  private readonly pageSize: number | undefined;

  constructor(
    readonly s3: S3Client,
    readonly loc: S3Location,
    options: { sleep?: Sleep; pageSize?: number },
  ) {
    this.pageSize = options.pageSize;
    this.location = `s3://${loc.bucket}/${loc.prefix}`;
    this.sleep = options.sleep ?? sleep;
  }

  fullKey(key: string): string {
    return this.loc.prefix + key;
  }

  /**
   * Runs one request. The client has retried what can be retried (src/aws/retry.ts storeRetry): an error that
   * could have been retried is reported with the attempts the client made; other errors are thrown as they are.
   */
  async call<T>(what: string, key: string, fn: () => Promise<T>): Promise<T> {
    try {
      return await fn();
    } catch (err) {
      if (!isRetryable(err)) throw err;
      const attempts = (err as AwsError).$metadata?.attempts ?? 1;
      throw new StoreError(
        `S3 ${what} s3://${this.loc.bucket}/${this.fullKey(key)} failed after ${attempts} attempt${attempts === 1 ? '' : 's'}: ${nameOf(err)}: ${errorMessage(err)}`,
        key,
        { cause: err },
      );
    }
  }

  wrap(what: string, key: string, err: unknown): StoreError {
    if (err instanceof StoreError) return err;
    return new StoreError(
      `S3 ${what} s3://${this.loc.bucket}/${this.fullKey(key)} failed: ${nameOf(err)}: ${errorMessage(err)}${hint(err)}`,
      key,
      { cause: err },
    );
  }

  encryption(): Pick<PutObjectCommandInput, 'ServerSideEncryption' | 'SSEKMSKeyId'> {
    return this.loc.kmsKeyId
      ? { ServerSideEncryption: 'aws:kms', SSEKMSKeyId: this.loc.kmsKeyId }
      : { ServerSideEncryption: 'AES256' };
  }

  /** The object's bytes and ETag; null when it does not exist. */
  async getBytes(key: string): Promise<{ bytes: Buffer; etag: string | undefined } | null> {
    try {
      return await this.call('GetObject', key, async () => {
        const out = await this.s3.send(
          new (s3Sdk().GetObjectCommand)({ Bucket: this.loc.bucket, Key: this.fullKey(key) }),
        );
        if (!out.Body) throw new StoreError(`S3 GetObject ${this.fullKey(key)} returned no body`, key);
        return { bytes: Buffer.from(await out.Body.transformToByteArray()), etag: out.ETag };
      });
    } catch (err) {
      if (isNotFound(err)) return null;
      throw this.wrap('GetObject', key, err);
    }
  }

  /**
   * A conditional put: `ifMatch` an ETag, or (undefined) only if absent. Returns 'conflict' on 412 / 409, which
   * S3 answers when the condition fails or another conditional write to the key is in flight.
   */
  async putConditional(
    key: string,
    body: Buffer,
    contentType: string,
    condition: { ifMatch?: string },
    metadata?: Record<string, string>,
  ): Promise<'ok' | 'precondition-failed' | 'conflict'> {
    try {
      await this.call('PutObject', key, () =>
        this.s3.send(
          new (s3Sdk().PutObjectCommand)({
            Bucket: this.loc.bucket,
            Key: this.fullKey(key),
            Body: body,
            ContentType: contentType,
            ...(condition.ifMatch ? { IfMatch: condition.ifMatch } : { IfNoneMatch: '*' }),
            ...this.encryption(),
            ...(metadata ? { Metadata: metadata } : {}),
          }),
        ),
      );
      return 'ok';
    } catch (err) {
      if (isPreconditionFailed(err)) return 'precondition-failed';
      if (isConditionalConflict(err)) return 'conflict';
      throw this.wrap('PutObject', key, err);
    }
  }

  /** Names directly under `rel` (a delimited listing, every page); null when nothing is there. */
  async listDir(rel: string): Promise<string[] | null> {
    const prefix = this.fullKey(rel === '' ? '' : `${rel}/`);
    const names: string[] = [];
    let token: string | undefined;
    do {
      let page: ListObjectsV2CommandOutput;
      try {
        page = await this.call('ListObjectsV2', rel, () =>
          this.s3.send(
            new (s3Sdk().ListObjectsV2Command)({
              Bucket: this.loc.bucket,
              Prefix: prefix,
              Delimiter: '/',
              ContinuationToken: token,
              ...(this.pageSize ? { MaxKeys: this.pageSize } : {}),
            }),
          ),
        );
      } catch (err) {
        throw this.wrap('ListObjectsV2', rel, err);
      }
      for (const p of page.CommonPrefixes ?? []) {
        if (p.Prefix?.startsWith(prefix)) names.push(p.Prefix.slice(prefix.length).replace(/\/$/, ''));
      }
      for (const o of page.Contents ?? []) {
        if (o.Key?.startsWith(prefix) && o.Key.length > prefix.length) names.push(o.Key.slice(prefix.length));
      }
      token = page.IsTruncated ? page.NextContinuationToken : undefined;
    } while (token);
    return names.length > 0 ? names : null;
  }
}

/** Waits before a snapshot write that met another write in flight to its key (409) is tried again. */
const CONFLICT_BACKOFF: Backoff = { baseMs: 50, maxMs: 1_000, jitter: true };

export class S3SnapshotStore implements HistoryStore {
  readonly location: string;
  private readonly io: S3Access;
  private readonly problems: ProblemReporter;
  private readonly concurrency: number;
  private readonly posture: SummaryPosture | undefined;
  /** Scopes whose marker this instance has written (a warm Lambda container saves many snapshots). */
  private readonly marked = new Set<string>();

  constructor(s3: S3Client, options: S3StoreOptions) {
    const loc = { bucket: options.bucket, prefix: normalisePrefix(options.prefix), kmsKeyId: options.kmsKeyId };
    this.io = new S3Access(s3, loc, options);
    this.location = this.io.location;
    this.problems = new ProblemReporter(options.onProblem ?? stderrProblemSink);
    this.concurrency = options.concurrency ?? 8;
    this.posture = options.posture;
  }

  async latest(scope: string): Promise<StoredSnapshot | null> {
    for await (const ref of this.walk(scope, 'desc')) {
      try {
        return await this.get(ref);
      } catch (err) {
        if (!(err instanceof StoreError) || !isContentProblem(err)) throw err;
        this.problems.report(ref.key, stripKey(err.message, ref.key));
      }
    }
    return null;
  }

  async save(snapshot: Snapshot): Promise<{ ref: SnapshotRef; sha256: string }> {
    const { bytes, sha256 } = encodeSnapshot(snapshot);
    let key = snapshotKey(snapshot);
    const metadata = { sha256, 'scan-id': snapshot.scanId };
    for (let attempt = 1; ; attempt++) {
      const outcome = await this.io.putConditional(key, bytes, 'application/gzip', {}, metadata);
      if (outcome === 'ok') break;
      // A retried put (after a 503 or a timeout whose write had landed) meets its own object: already stored.
      if (outcome === 'precondition-failed' && (await this.holds(key, bytes))) break;
      if (attempt >= 5) {
        throw new StoreError(`could not store ${key} in ${this.location}: the key stayed taken or in conflict`, key);
      }
      // 412: the key exists (never overwrite: take a new one); 409: a concurrent write to it is in flight.
      if (outcome === 'precondition-failed') key = snapshotKey(snapshot, randomBytes(4).toString('hex'));
      else await this.io.sleep(backoffMs(attempt - 1, CONFLICT_BACKOFF));
    }
    const ref = parseSnapshotKey(key);
    if (!ref) throw new StoreError(`internal error: key ${key} does not parse`, key);
    await this.markScope(snapshot.scope);
    const summaryKey = summaryKeyOf(key);
    try {
      const summaryBytes = encodeSummary(summarize(snapshot, key, sha256, this.posture));
      const out = await this.io.putConditional(summaryKey, summaryBytes, 'application/json', {});
      if (out !== 'ok' && !(await this.holds(summaryKey, summaryBytes))) {
        this.problems.report(summaryKey, 'summary not written: another object already exists there');
      }
    } catch (err) {
      this.problems.report(summaryKey, `summary not written: ${errorMessage(err)}`);
    }
    return { ref, sha256 };
  }

  /** Whether the object at `key` is exactly these bytes (false when it cannot be read). */
  private async holds(key: string, bytes: Buffer): Promise<boolean> {
    try {
      return (await this.io.getBytes(key))?.bytes.equals(bytes) === true;
    } catch {
      return false;
    }
  }

  async list(scope: string, range?: Range): Promise<SnapshotRef[]> {
    const refs: SnapshotRef[] = [];
    for await (const ref of this.walk(scope, 'asc', range)) refs.push(ref);
    return refs;
  }

  async get(ref: SnapshotRef): Promise<StoredSnapshot> {
    const checked = checkRef(ref);
    const bytes = await this.readKey(checked.key);
    const snapshot = decodeSnapshot(bytes, checked.key);
    const mismatch = contentMatchesKey(checked, snapshot);
    if (mismatch) throw new StoreError(`${checked.key}: ${mismatch} (moved or edited)`, checked.key);
    return { ref: checked, snapshot, sha256: sha256Hex(bytes) };
  }

  async readRaw(ref: SnapshotRef): Promise<{ bytes: Buffer; summary: SnapshotSummary | null }> {
    const checked = checkRef(ref);
    const [bytes, summary] = await Promise.all([this.readKey(checked.key), this.readSummary(checked)]);
    return { bytes, summary };
  }

  async history(scope: string, range?: Range): Promise<SnapshotSummary[]> {
    const refs = await this.list(scope, range);
    const out = await mapLimit(refs, this.concurrency, (ref) => this.summaryOf(ref));
    return out.filter((s): s is SnapshotSummary => s !== null);
  }

  summaries(scope: string, range?: Range): AsyncGenerator<SnapshotSummary> {
    return readAhead(this.walk(scope, 'asc', range), this.concurrency, (ref) => this.summaryOf(ref));
  }

  /** The stored summary, else one rebuilt from the snapshot; null (reported) when the snapshot is unreadable. */
  private summaryOf(ref: SnapshotRef): Promise<SnapshotSummary | null> {
    return summaryOrRebuilt(ref, {
      readSummary: (r) => this.readSummary(r),
      get: (r) => this.get(r),
      skippable: isContentProblem,
      problems: this.problems,
      posture: this.posture,
    });
  }

  /** Scopes from their markers (one flat listing, whatever the history's size). */
  async scopes(): Promise<string[]> {
    const names = (await this.io.listDir(SCOPES_DIR)) ?? [];
    const scopes: string[] = [];
    for (const name of names) {
      const scope = name.replaceAll('~', '/');
      try {
        assertScope(scope);
        scopes.push(scope);
      } catch {
        this.problems.report(`${SCOPES_DIR}/${name}`, 'not a scope marker: ignored');
      }
    }
    return scopes.sort();
  }

  /** Records the scope under `_scopes/` (once: a 412 means it is already there). */
  private async markScope(scope: string): Promise<void> {
    if (this.marked.has(scope)) return;
    const key = scopeMarkerKey(scope);
    try {
      await this.io.putConditional(key, Buffer.alloc(0), 'application/octet-stream', {});
      this.marked.add(scope);
    } catch (err) {
      this.problems.report(key, `scope marker not written (scopes() may miss ${scope}): ${errorMessage(err)}`);
    }
  }

  private walk(scope: string, order: 'asc' | 'desc', range?: Range): AsyncGenerator<SnapshotRef> {
    return walkScope(
      (rel) => this.io.listDir(rel),
      scope,
      order,
      (key, problem) => this.problems.report(key, problem),
      range,
    );
  }

  private async readKey(key: string): Promise<Buffer> {
    const got = await this.io.getBytes(key);
    if (!got) throw new StoreError(`${key}: no such snapshot in ${this.location}`, key);
    return got.bytes;
  }

  private async readSummary(ref: SnapshotRef): Promise<SnapshotSummary | null> {
    const key = summaryKeyOf(ref.key);
    let got: Awaited<ReturnType<S3Access['getBytes']>>;
    try {
      got = await this.io.getBytes(key);
    } catch (err) {
      this.problems.report(key, `cannot read the summary: ${errorMessage(err)}`);
      return null;
    }
    if (!got) return null;
    try {
      return decodeSummary(got.bytes, key);
    } catch (err) {
      this.problems.report(key, stripKey(errorMessage(err), key));
      return null;
    }
  }
}

/** The waiver document as one S3 object, updated with `If-Match` on its ETag (`If-None-Match: *` when new). */
export class S3WaiverBackend implements WaiverBackend {
  readonly location: string;
  private readonly io: S3Access;

  constructor(s3: S3Client, options: S3Location & { sleep?: Sleep }) {
    this.io = new S3Access(s3, { ...options, prefix: normalisePrefix(options.prefix) }, options);
    this.location = this.io.location;
  }

  async read(): Promise<WaiverDocumentVersion> {
    const got = await this.io.getBytes(WAIVERS_KEY);
    if (!got) return { waivers: [], version: null };
    if (!got.etag) throw new StoreError(`S3 returned no ETag for ${this.io.fullKey(WAIVERS_KEY)}`, WAIVERS_KEY);
    return { waivers: decodeWaiverDocument(got.bytes, this.io.fullKey(WAIVERS_KEY)), version: got.etag };
  }

  async write(waivers: Waiver[], version: string | null): Promise<boolean> {
    const out = await this.io.putConditional(
      WAIVERS_KEY,
      encodeWaiverDocument(waivers),
      'application/json',
      version === null ? {} : { ifMatch: version },
    );
    return out === 'ok';
  }
}

function checkRef(ref: SnapshotRef): SnapshotRef {
  const parsed = parseSnapshotKey(ref.key);
  if (!parsed) throw new StoreError(`not a snapshot key of this store: ${ref.key}`, ref.key);
  return parsed;
}

/** Content problems (corrupt, foreign, newer) are skipped; S3 failures (denied, throttled) are not. */
function isContentProblem(err: StoreError): boolean {
  return !(err.cause && (statusOf(err.cause) !== undefined || isRetryable(err.cause)));
}
