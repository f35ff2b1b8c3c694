/**
 * Waivers: one JSON document per store, updated by compare-and-swap and retried on conflict, so two people waiving
 * at once both get their waiver in. The backends (a local file, an S3 object) only read and conditionally write
 * the document; validation and the retry loop live here.
 */
import { createHash, randomBytes } from 'node:crypto';
import { mkdir, open, readFile, rename, stat, unlink } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { type Backoff, backoffMs } from '../async/backoff';
import { type Sleep, sleep } from '../async/sleep';
import { errorMessage } from '../core/errors';
import { isFingerprint } from '../core/fingerprint';
import { PATTERN_WAIVER_FINGERPRINT, type Waiver } from '../core/model';
import { DEFAULT_MAX_WAIVER_DAYS, expiringWaivers } from '../core/waivers';
import { decodeJson } from './codec';
import { WAIVERS_KEY } from './layout';
import { StoreError, type WaiverStore } from './types';

export { DEFAULT_MAX_WAIVER_DAYS };

const DAY_MS = 86_400_000;

export interface WaiverDocumentVersion {
  waivers: Waiver[];
  /** An opaque version (S3 ETag, a content hash); null when there is no document yet. */
  version: string | null;
}

/** Reads and conditionally writes the waiver document. */
export interface WaiverBackend {
  readonly location: string;
  read(): Promise<WaiverDocumentVersion>;
  /** Writes the document only if it is still at `version`; false on a conflict (someone else wrote first). */
  write(waivers: Waiver[], version: string | null): Promise<boolean>;
}

export interface WaiverStoreOptions {
  /** The longest a waiver may last, in days (default 90). */
  maxDays?: number;
  clock?: () => Date;
  /** Attempts of one update under contention (default 10). */
  maxAttempts?: number;
  /** Waits between attempts; injected by tests. */
  sleep?: Sleep;
}

const noControl = (s: string) => ![...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
const text = (max: number) =>
  z.string().trim().min(1).max(max).refine(noControl, 'no control characters (newlines, tabs, escapes)');
const isoTime = z.string().refine((s) => !Number.isNaN(Date.parse(s)), 'an ISO date-time');

const waiverMatchSchema = z
  .object({
    checkId: z.string().regex(/^[a-z0-9][a-z0-9.-]*$/, 'a check ID such as k8s.rbac.cluster-admin'),
    target: text(255).refine((t) => !/[*?]/.test(t), 'one target name (no wildcards)'),
    resource: text(255),
    kind: z
      .string()
      .regex(/^[A-Za-z][A-Za-z0-9]*$/, 'a kind such as ClusterRoleBinding')
      .optional(),
  })
  .strict();

export const waiverSchema = z
  .object({
    id: z
      .string()
      .regex(/^w-[0-9a-f]{10}$/)
      .optional(),
    fingerprint: z.string().refine((f) => f === PATTERN_WAIVER_FINGERPRINT || isFingerprint(f), {
      message: 'a finding fingerprint (20 hexadecimal characters), or "*" with match',
    }),
    match: waiverMatchSchema.optional(),
    reason: text(500),
    owner: text(200).optional(),
    ticket: text(200).optional(),
    expires: isoTime,
    createdBy: text(200),
    createdAt: isoTime,
    checkId: z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]*$/)
      .optional(),
    target: text(255).optional(),
  })
  .strict()
  .refine((w) => (w.fingerprint === PATTERN_WAIVER_FINGERPRINT) === (w.match !== undefined), {
    message: 'give either a fingerprint, or fingerprint "*" with a match (check ID, target, resource pattern)',
    path: ['fingerprint'],
  });

const documentSchema = z.looseObject({
  documentVersion: z.literal(1),
  waivers: z.array(z.looseObject({ fingerprint: z.string(), expires: z.string() })),
});

export function encodeWaiverDocument(waivers: Waiver[]): Buffer {
  return Buffer.from(`${JSON.stringify({ documentVersion: 1, waivers }, null, 2)}\n`, 'utf8');
}

/** Parses the waiver document; a corrupt one is an error, never silently replaced. */
export function decodeWaiverDocument(bytes: Uint8Array, key: string): Waiver[] {
  const value = decodeJson(bytes, key, false);
  const version = (value as { documentVersion?: unknown } | null)?.documentVersion;
  if (typeof version === 'number' && version > 1) {
    throw new StoreError(`${key}: written by a newer compliance-bot (waiver document version ${version})`, key);
  }
  const parsed = documentSchema.safeParse(value);
  if (!parsed.success) {
    const i = parsed.error.issues[0];
    throw new StoreError(
      `${key}: not a valid waiver document (${i.path.join('.') || '(top level)'}: ${i.message}); fix or move it, nothing was changed`,
      key,
    );
  }
  return parsed.data.waivers as unknown as Waiver[];
}

/** Waits between attempts at the document when another writer changed it in between: 50 ms doubled, at most 2 s. */
const LOCK_BACKOFF: Backoff = { baseMs: 50, maxMs: 2_000, jitter: true };

export class DocumentWaiverStore implements WaiverStore {
  readonly location: string;
  readonly maxDays: number;
  private readonly clock: () => Date;
  private readonly maxAttempts: number;
  private readonly sleep: Sleep;

  constructor(
    private readonly backend: WaiverBackend,
    options: WaiverStoreOptions = {},
  ) {
    this.location = backend.location;
    this.maxDays = options.maxDays ?? DEFAULT_MAX_WAIVER_DAYS;
    if (!(this.maxDays > 0)) throw new StoreError(`the maximum waiver duration must be positive (got ${this.maxDays})`);
    this.clock = options.clock ?? (() => new Date());
    this.maxAttempts = options.maxAttempts ?? 10;
    this.sleep = options.sleep ?? sleep;
  }

  async list(): Promise<Waiver[]> {
    return (await this.backend.read()).waivers;
  }

  async add(input: Waiver): Promise<Waiver> {
    const waiver = this.validate(input);
    await this.update((ws) => [...ws, waiver]);
    return waiver;
  }

  async remove(idOrFingerprint: string): Promise<Waiver[]> {
    let removed: Waiver[] = [];
    await this.update((ws) => {
      removed = ws.filter(
        (w) =>
          w.id === idOrFingerprint ||
          (idOrFingerprint !== PATTERN_WAIVER_FINGERPRINT && w.fingerprint === idOrFingerprint),
      );
      return removed.length === 0 ? null : ws.filter((w) => !removed.includes(w));
    });
    return removed;
  }

  async expiring(now: Date, days: number): Promise<Waiver[]> {
    return expiringWaivers(await this.list(), now, days);
  }

  /** Checks a new waiver against the schema and the policy (expiry in the future, at most maxDays away). */
  validate(input: Waiver): Waiver {
    const parsed = waiverSchema.safeParse(input);
    if (!parsed.success) {
      const i = parsed.error.issues[0];
      throw new StoreError(`invalid waiver: ${i.path.join('.') || '(top level)'}: ${i.message}`);
    }
    const w = parsed.data as Waiver;
    const now = this.clock().getTime();
    const expires = Date.parse(w.expires);
    if (expires <= now) throw new StoreError(`invalid waiver: it expires in the past (${w.expires})`);
    if (expires - now > this.maxDays * DAY_MS + 60_000) {
      throw new StoreError(
        `invalid waiver: it may last at most ${this.maxDays} days (until ${new Date(now + this.maxDays * DAY_MS).toISOString()}); it asks for ${w.expires}`,
      );
    }
    return { ...w, id: w.id ?? `w-${randomBytes(5).toString('hex')}`, expires: new Date(expires).toISOString() };
  }

  /** Read, change, write-if-unchanged; retried with backoff when someone else wrote in between. */
  private async update(change: (ws: Waiver[]) => Waiver[] | null): Promise<void> {
    for (let attempt = 1; attempt <= this.maxAttempts; attempt++) {
      const current = await this.backend.read();
      const next = change(current.waivers);
      if (next === null) return;
      if (await this.backend.write(next, current.version)) return;
      await this.sleep(backoffMs(attempt - 1, LOCK_BACKOFF));
    }
    throw new StoreError(
      `the waiver document in ${this.location} kept changing during ${this.maxAttempts} attempts; try again`,
      WAIVERS_KEY,
    );
  }
}

const LOCK_STALE_MS = 30_000;

/**
 * The waiver document in a local directory. A writer holds a lock file (created exclusively) while it checks that
 * the document is unchanged and renames a new version into place; a lock older than 30 s is considered abandoned.
 */
export class LocalWaiverBackend implements WaiverBackend {
  readonly location: string;
  private readonly path: string;
  private readonly lockPath: string;

  constructor(dir: string) {
    this.location = dir;
    this.path = join(dir, WAIVERS_KEY);
    this.lockPath = `${this.path}.lock`;
  }

  async read(): Promise<WaiverDocumentVersion> {
    let bytes: Buffer;
    try {
      bytes = await readFile(this.path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') return { waivers: [], version: null };
      throw new StoreError(`cannot read the waivers in ${this.path}: ${code ?? errorMessage(err)}`, WAIVERS_KEY, {
        cause: err,
      });
    }
    return { waivers: decodeWaiverDocument(bytes, this.path), version: hash(bytes) };
  }

  async write(waivers: Waiver[], version: string | null): Promise<boolean> {
    if (!(await this.lock())) return false;
    try {
      const now = await this.read();
      if (now.version !== version) return false;
      const tmp = join(dirname(this.path), `.${WAIVERS_KEY}.${randomBytes(6).toString('hex')}.tmp`);
      const fh = await open(tmp, 'wx', 0o640);
      try {
        await fh.writeFile(encodeWaiverDocument(waivers));
        await fh.sync();
      } finally {
        await fh.close();
      }
      await rename(tmp, this.path);
      return true;
    } catch (err) {
      if (err instanceof StoreError) throw err;
      throw new StoreError(`cannot write the waivers in ${this.path}: ${errorMessage(err)}`, WAIVERS_KEY, {
        cause: err,
      });
    } finally {
      await unlink(this.lockPath).catch(() => {});
    }
  }

  private async lock(): Promise<boolean> {
    for (let i = 0; i < 2; i++) {
      try {
        await mkdir(dirname(this.path), { recursive: true, mode: 0o750 });
        const fh = await open(this.lockPath, 'wx', 0o640);
        await fh.writeFile(`${process.pid}\n`);
        await fh.close();
        return true;
      } catch (err) {
        const code = (err as NodeJS.ErrnoException).code;
        if (code !== 'EEXIST') {
          throw new StoreError(`cannot lock the waivers in ${this.path}: ${code ?? errorMessage(err)}`, WAIVERS_KEY, {
            cause: err,
          });
        }
        const age = await stat(this.lockPath).then(
          (s) => Date.now() - s.mtimeMs,
          () => 0,
        );
        if (age < LOCK_STALE_MS) return false;
        await unlink(this.lockPath).catch(() => {});
      }
    }
    return false;
  }
}

function hash(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}
