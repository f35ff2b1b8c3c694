/**
 * How a snapshot becomes stored bytes and back: gzipped JSON, its sha256 (the chain's link), a schema-version check
 * and a shape check on read. Shared by the local and the S3 store so both read and write exactly the same objects.
 */
import { createHash } from 'node:crypto';
import { gunzipSync, gzipSync } from 'node:zlib';
import { z } from 'zod';
import { SEVERITIES, SNAPSHOT_SCHEMA_VERSION, type Snapshot, STATUSES, TARGET_KINDS } from '../core/model';
import { assertScope, StoreError } from './types';

/** A stored snapshot larger than this (uncompressed) is refused on read: a gzip bomb must not exhaust memory. */
export const MAX_SNAPSHOT_BYTES = 512 * 1024 * 1024;

export interface EncodedSnapshot {
  bytes: Buffer;
  /** sha256 (hex) of `bytes`: what the next snapshot names as previousSha256. */
  sha256: string;
}

export function sha256Hex(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** Serialises a snapshot to gzipped JSON. The gzip header carries no time stamp, so equal snapshots give equal bytes. */
export function encodeSnapshot(snapshot: Snapshot): EncodedSnapshot {
  // The fields that become keys and links are checked here; the full shape is checked on every read (a snapshot
  // of 200,000 results takes ~0.8 s to validate, too much to pay twice).
  const parsed = headerSchema.safeParse(snapshot);
  if (!parsed.success) {
    throw new StoreError(`refusing to store an invalid snapshot: ${describeIssues(parsed.error)}`);
  }
  if (!Array.isArray(snapshot.results) || !Array.isArray(snapshot.carried)) {
    throw new StoreError('refusing to store an invalid snapshot: results and carried must be arrays');
  }
  const bytes = gzipSync(Buffer.from(JSON.stringify(snapshot), 'utf8'), { level: 6 });
  return { bytes, sha256: sha256Hex(bytes) };
}

/**
 * Parses stored bytes back into a snapshot. Throws a StoreError whose message says what is wrong (not gzip, not
 * JSON, not a snapshot, written by a newer compliance-bot, wrong shape) and names the key.
 */
export function decodeSnapshot(bytes: Uint8Array, key: string): Snapshot {
  const value = decodeJson(bytes, key, true);
  return parseSnapshot(value, key);
}

/** Validates a parsed JSON value as a snapshot of a schema version this build reads. */
export function parseSnapshot(value: unknown, key: string): Snapshot {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new StoreError(`${key}: not a compliance-bot snapshot (the JSON is not an object)`, key);
  }
  const version = (value as { schemaVersion?: unknown }).schemaVersion;
  if (typeof version !== 'number' || !Number.isInteger(version) || version < 1) {
    throw new StoreError(`${key}: not a compliance-bot snapshot (no valid schemaVersion)`, key);
  }
  if (version > SNAPSHOT_SCHEMA_VERSION) {
    throw new StoreError(
      `${key}: written by a newer compliance-bot (snapshot schema version ${version}; this version reads up to ${SNAPSHOT_SCHEMA_VERSION}): upgrade compliance-bot to read it`,
      key,
    );
  }
  const parsed = snapshotSchema.safeParse(value);
  if (!parsed.success) {
    throw new StoreError(`${key}: not a valid snapshot: ${describeIssues(parsed.error)}`, key);
  }
  return value as Snapshot;
}

/** Decodes (optionally gunzips) a JSON document, with errors that say which step failed. */
export function decodeJson(bytes: Uint8Array, key: string, gzipped: boolean): unknown {
  let text: string;
  if (gzipped) {
    if (bytes.length < 2 || bytes[0] !== 0x1f || bytes[1] !== 0x8b) {
      throw new StoreError(`${key}: not gzip data (the file is corrupt or is not a snapshot)`, key);
    }
    let raw: Buffer;
    try {
      raw = gunzipSync(bytes, { maxOutputLength: MAX_SNAPSHOT_BYTES });
    } catch (err) {
      const why = (err as NodeJS.ErrnoException).code === 'ERR_BUFFER_TOO_LARGE' ? 'too large' : 'truncated or corrupt';
      throw new StoreError(`${key}: gzip data is ${why}: ${(err as Error).message}`, key, { cause: err });
    }
    text = raw.toString('utf8');
  } else {
    text = Buffer.from(bytes).toString('utf8');
  }
  try {
    return JSON.parse(text);
  } catch (err) {
    throw new StoreError(`${key}: not valid JSON: ${(err as Error).message}`, key, { cause: err });
  }
}

function describeIssues(error: z.ZodError): string {
  return error.issues
    .slice(0, 3)
    .map((i) => `${i.path.length > 0 ? i.path.join('.') : '(top level)'}: ${i.message}`)
    .join('; ');
}

const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO date-time');
const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'a sha256 in hex');

/** Scan IDs become part of keys and file names: keep them to a safe alphabet. */
export const SCAN_ID_PATTERN = /^[A-Za-z0-9][A-Za-z0-9-]{0,63}$/;

const resourceSchema = z.looseObject({
  kind: z.string().min(1),
  namespace: z.string().optional(),
  name: z.string(),
});

const resultSchema = z.looseObject({
  checkId: z.string().min(1),
  status: z.enum(STATUSES),
  severity: z.enum(SEVERITIES),
  target: z.string().min(1),
  resource: resourceSchema,
  message: z.string(),
  evidence: z.record(z.string(), z.unknown()).optional(),
  fingerprint: z.string().min(1),
  firstSeen: isoTime.optional(),
  waiver: z.looseObject({ reason: z.string(), expires: isoTime, createdBy: z.string() }).optional(),
});

/** The shape of a stored snapshot (schema version 1). Unknown extra keys are kept: the hash covers the bytes. */
export const snapshotSchema = z.looseObject({
  schemaVersion: z.literal(1),
  scanId: z.string().regex(SCAN_ID_PATTERN, 'letters, digits and "-" (at most 64)'),
  scope: z.string().refine(
    (s) => {
      try {
        assertScope(s);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'a valid scope' },
  ),
  startedAt: isoTime,
  finishedAt: isoTime,
  trigger: z.enum(['schedule', 'slack', 'cli', 'test']),
  tool: z.looseObject({ name: z.string(), version: z.string() }),
  targets: z.array(
    z.looseObject({
      name: z.string().min(1),
      kind: z.enum(TARGET_KINDS),
      status: z.enum(['assessed', 'partial', 'unreachable']),
      reason: z.string().optional(),
      identity: z
        .looseObject({
          instanceId: z.string().optional(),
          managedInstanceId: z.string().optional(),
          nodeName: z.string().optional(),
        })
        .optional(),
    }),
  ),
  checks: z.array(z.string()),
  results: z.array(resultSchema),
  carried: z.array(resultSchema),
  previousSha256: hex64.nullable(),
});

const headerSchema = snapshotSchema.pick({
  schemaVersion: true,
  scanId: true,
  scope: true,
  startedAt: true,
  finishedAt: true,
  trigger: true,
  previousSha256: true,
});
