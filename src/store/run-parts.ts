/**
 * The objects of one nightly run that travel by reference (docs/deploy.md, "The nightly run"): the plan's items, a
 * shard's members, a shard's collected facts, each item's outcome and the run's scope summaries are written here, and
 * only `{ key, bytes, sha256 }` or an item's short ID goes through the state machine, whose every state is limited
 * to 256 KB. They live beside the delivery markers, under `runs/<run tag>/`, through the
 * same MarkerStore (a conditional create on S3 or on disk, in memory for a run in one process), and expire with the
 * bucket's lifecycle rule on that prefix (infra/bucket.yml expire-run-objects).
 *
 * An object is written once per key; a second write of the same key with other content (a retried attempt that
 * collected again) replaces only that key. A reader checks the length and the SHA-256 of the reference: a missing,
 * truncated or altered object is never taken for what was written.
 */
import { errorMessage } from '../core/errors';
import { fnv1a } from '../core/shard';
import { sha256Hex } from './codec';
import type { MarkerStore } from './markers';

/** What the state machine carries instead of the object. */
export interface RunObjectRef {
  key: string;
  bytes: number;
  sha256: string;
}

export type RunObjectRead = { ok: true; body: string } | { ok: false; reason: string };

const TAG = /^r[0-9a-f]{8}$/;
const KINDS = ['parts', 'members', 'plan', 'outcomes', 'summary'] as const;
export type RunObjectKind = (typeof KINDS)[number];

/**
 * The key of an item's object in a run: `runs/<tag>/<kind>/<hash>-<readable id>`. Item IDs hold `/` and `#`, which a
 * key segment may not: they become `-`, and the hash of the whole ID keeps two IDs that read alike apart.
 */
export function runObjectKey(tag: string, kind: RunObjectKind, itemId: string): string {
  if (!TAG.test(tag)) throw new Error(`invalid run tag "${tag.slice(0, 40)}"`);
  if (!KINDS.includes(kind)) throw new Error(`invalid run object kind "${String(kind).slice(0, 40)}"`);
  if (itemId === '') throw new Error('a run object needs an item ID');
  const readable = itemId
    .replace(/[^A-Za-z0-9._-]+/g, '-')
    .replace(/^[-.]+|[-.]+$/g, '')
    .slice(0, 120);
  return `runs/${tag}/${kind}/${fnv1a(itemId).toString(16).padStart(8, '0')}${readable ? `-${readable}` : ''}`;
}

export function refOf(key: string, body: string): RunObjectRef {
  const bytes = Buffer.from(body, 'utf8');
  return { key, bytes: bytes.length, sha256: sha256Hex(bytes) };
}

export function isRunObjectRef(v: unknown): v is RunObjectRef {
  const r = v as Partial<RunObjectRef> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.key === 'string' &&
    typeof r.bytes === 'number' &&
    Number.isInteger(r.bytes) &&
    r.bytes >= 0 &&
    typeof r.sha256 === 'string' &&
    /^[0-9a-f]{64}$/.test(r.sha256)
  );
}

export class RunObjects {
  constructor(private readonly markers: MarkerStore) {}

  /** Writes `body` at `key` (once: the same content again is a no-op; other content replaces that key only). */
  async put(key: string, body: string): Promise<RunObjectRef> {
    const ref = refOf(key, body);
    if (await this.markers.create(key, body)) return ref;
    const held = await this.markers.get(key);
    if (held !== null && refOf(key, held).sha256 === ref.sha256) return ref;
    await this.markers.remove(key);
    if (!(await this.markers.create(key, body))) {
      throw new Error(`${key}: another writer replaced it at the same time`);
    }
    return ref;
  }

  /** The reference of what is stored at `key`, or null when nothing is. */
  async existing(key: string): Promise<{ ref: RunObjectRef; body: string } | null> {
    const body = await this.markers.get(key);
    return body === null ? null : { ref: refOf(key, body), body };
  }

  /**
   * The object a reference names, when it is the one written: `expectedKey` is where the reader knows it must be
   * (a reference naming another key is refused), and its length and SHA-256 must match. Never throws.
   */
  async read(ref: unknown, expectedKey: string): Promise<RunObjectRead> {
    if (!isRunObjectRef(ref)) return { ok: false, reason: 'its reference is malformed' };
    if (ref.key !== expectedKey) return { ok: false, reason: `its reference names ${ref.key}, not ${expectedKey}` };
    let body: string | null;
    try {
      body = await this.markers.get(ref.key);
    } catch (err) {
      return { ok: false, reason: `${ref.key} could not be read: ${errorMessage(err)}` };
    }
    if (body === null) return { ok: false, reason: `${ref.key} is missing` };
    const got = refOf(ref.key, body);
    if (got.bytes !== ref.bytes || got.sha256 !== ref.sha256) {
      return {
        ok: false,
        reason: `${ref.key} is not what was written (${got.bytes} bytes, SHA-256 ${got.sha256.slice(0, 12)}; expected ${ref.bytes} bytes, ${ref.sha256.slice(0, 12)})`,
      };
    }
    return { ok: true, body };
  }
}
