/**
 * Small write-once marker objects that make Slack delivery idempotent: the same scan is never posted twice, a
 * Slack retry of a request is not run twice, and Lambda's second asynchronous delivery of a job does nothing.
 *
 * `create` is a conditional create (S3 `If-None-Match: *`, a local file opened with `wx`, a map in memory): of two
 * concurrent writers exactly one wins. Markers live beside the snapshots (prefix `markers/`).
 */
import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { S3Client } from '@aws-sdk/client-s3';
import { s3Sdk } from '../aws/sdk';
import type { Config } from '../config/schema';
import { s3ClientFromEnv } from './s3-client';

export interface MarkerStore {
  /** Creates the marker; false when it already exists. */
  create(key: string, body: string): Promise<boolean>;
  get(key: string): Promise<string | null>;
  remove(key: string): Promise<void>;
}

/** Marker keys are built by this module only, from validated IDs: still, refuse anything path-like. */
const KEY = /^[A-Za-z0-9][A-Za-z0-9._-]{0,200}(\/[A-Za-z0-9][A-Za-z0-9._-]{0,200}){0,5}$/;
export function assertMarkerKey(key: string): void {
  if (!KEY.test(key) || key.split('/').some((p) => p === '..' || p === '.')) {
    throw new Error(`invalid marker key "${key.slice(0, 80)}"`);
  }
}

export class MemoryMarkerStore implements MarkerStore {
  readonly markers = new Map<string, string>();
  async create(key: string, body: string): Promise<boolean> {
    assertMarkerKey(key);
    if (this.markers.has(key)) return false;
    this.markers.set(key, body);
    return true;
  }
  async get(key: string): Promise<string | null> {
    assertMarkerKey(key);
    return this.markers.get(key) ?? null;
  }
  async remove(key: string): Promise<void> {
    this.markers.delete(key);
  }
}

export class LocalMarkerStore implements MarkerStore {
  constructor(private readonly dir: string) {}
  private path(key: string): string {
    assertMarkerKey(key);
    return join(this.dir, 'markers', `${key}.json`);
  }
  async create(key: string, body: string): Promise<boolean> {
    const p = this.path(key);
    await mkdir(dirname(p), { recursive: true });
    try {
      const fh = await open(p, 'wx');
      try {
        await fh.writeFile(body);
      } finally {
        await fh.close();
      }
      return true;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw err;
    }
  }
  async get(key: string): Promise<string | null> {
    try {
      return await readFile(this.path(key), 'utf8');
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw err;
    }
  }
  async remove(key: string): Promise<void> {
    await rm(this.path(key), { force: true });
  }
}

export class S3MarkerStore implements MarkerStore {
  constructor(
    private readonly s3: S3Client,
    private readonly bucket: string,
    private readonly prefix = 'markers/',
  ) {}
  private key(key: string): string {
    assertMarkerKey(key);
    return `${this.prefix}${key}.json`;
  }
  async create(key: string, body: string): Promise<boolean> {
    try {
      await this.s3.send(
        new (s3Sdk().PutObjectCommand)({
          Bucket: this.bucket,
          Key: this.key(key),
          Body: body,
          ContentType: 'application/json',
          IfNoneMatch: '*',
        }),
      );
      return true;
    } catch (err) {
      // 412: the object exists; 409: a concurrent conditional write to the same key is in flight (it wins).
      const status = err instanceof s3Sdk().S3ServiceException ? err.$metadata.httpStatusCode : undefined;
      if (status === 412 || status === 409) return false;
      throw err;
    }
  }
  async get(key: string): Promise<string | null> {
    try {
      const out = await this.s3.send(new (s3Sdk().GetObjectCommand)({ Bucket: this.bucket, Key: this.key(key) }));
      return (await out.Body?.transformToString('utf8')) ?? '';
    } catch (err) {
      if (err instanceof s3Sdk().NoSuchKey) return null;
      if (err instanceof s3Sdk().S3ServiceException && err.$metadata.httpStatusCode === 404) return null;
      throw err;
    }
  }
  async remove(key: string): Promise<void> {
    await this.s3.send(new (s3Sdk().DeleteObjectCommand)({ Bucket: this.bucket, Key: this.key(key) }));
  }
}

export type OnceOutcome<T> = { ran: true; value: T } | { ran: false; why: 'done' | 'in-progress' };

/**
 * Runs `fn` at most once to completion for `key`, across retries and concurrent deliveries:
 * - `key/done` exists: already done, nothing runs;
 * - `key/claim` is held by another delivery younger than `leaseMs`: it is at work, nothing runs;
 * - otherwise this delivery claims, runs, and marks done. When `fn` fails the claim is released and the error
 *   rethrown, so Lambda's retry (or the on-failure destination) gets it: a failure is never swallowed.
 */
export async function once<T>(
  markers: MarkerStore,
  key: string,
  fn: () => Promise<T>,
  opts: { leaseMs?: number; now?: () => number; owner?: string } = {},
): Promise<OnceOutcome<T>> {
  const now = opts.now ?? Date.now;
  const leaseMs = opts.leaseMs ?? 10 * 60_000;
  if ((await markers.get(`${key}/done`)) !== null) return { ran: false, why: 'done' };
  const claim = JSON.stringify({ at: new Date(now()).toISOString(), owner: opts.owner ?? 'worker' });
  if (!(await markers.create(`${key}/claim`, claim))) {
    const held = await markers.get(`${key}/claim`);
    const at = held ? Date.parse((JSON.parse(held) as { at?: string }).at ?? '') : Number.NaN;
    if (Number.isFinite(at) && now() - at < leaseMs) return { ran: false, why: 'in-progress' };
    // A stale claim (its holder crashed or timed out): take it over.
    await markers.remove(`${key}/claim`);
    if (!(await markers.create(`${key}/claim`, claim))) return { ran: false, why: 'in-progress' };
  }
  let value: T;
  try {
    value = await fn();
  } catch (err) {
    await markers.remove(`${key}/claim`).catch(() => {});
    throw err;
  }
  await markers.create(`${key}/done`, JSON.stringify({ at: new Date(now()).toISOString() }));
  return { ran: true, value };
}

/** Where the delivery and rate-limit markers live: beside the snapshots, in the configured store. */
export function markerStoreFor(config: Config, s3?: S3Client): MarkerStore {
  if (config.store.type === 'local') return new LocalMarkerStore(config.store.dir);
  return new S3MarkerStore(s3 ?? s3ClientFromEnv(), config.store.bucket, `${config.store.prefix}markers/`);
}
