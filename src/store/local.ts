/**
 * Snapshots in a local directory (`.compliance-bot/` by default), with the key layout of layout.ts. Files are
 * written once: to a temporary file first, then linked into place, which fails if the name exists. A reader
 * therefore never sees a half-written snapshot, and nothing is ever overwritten.
 */
import { randomBytes } from 'node:crypto';
import { constants } from 'node:fs';
import { copyFile, link, mkdir, open, readdir, readFile, unlink } from 'node:fs/promises';
import { basename, dirname, join, resolve, sep } from 'node:path';
import { mapLimit } from '../async/pool';
import { errorMessage } from '../core/errors';
import type { Snapshot } from '../core/model';
import type { SummaryPosture } from '../core/posture';
import { decodeSnapshot, encodeSnapshot, sha256Hex } from './codec';
import { contentMatchesKey, DAY_PATTERN, parseSnapshotKey, snapshotKey, summaryKeyOf } from './layout';
import { readAhead } from './read-ahead';
import { decodeSummary, encodeSummary, summarize } from './summary';
import { type HistoryStore, type SnapshotRef, type SnapshotSummary, type StoredSnapshot, StoreError } from './types';
import { ProblemReporter, type ProblemSink, stderrProblemSink, stripKey, summaryOrRebuilt } from './util';
import { findScopes, type Range, walkScope } from './walk';

export interface LocalStoreOptions {
  /** Called for every stored object that is skipped (corrupt, foreign, newer schema). Default: a line on stderr. */
  onProblem?: ProblemSink;
  /** Parallel reads in history() (and the read-ahead of summaries()). */
  concurrency?: number;
  /** Adds the control counts per framework to the summaries written or rebuilt (src/core/posture.ts). */
  posture?: SummaryPosture;
}

const DIR_MODE = 0o750;
const FILE_MODE = 0o640;

export class LocalSnapshotStore implements HistoryStore {
  readonly location: string;
  readonly root: string;
  private readonly problems: ProblemReporter;
  private readonly concurrency: number;
  private readonly posture: SummaryPosture | undefined;

  constructor(dir: string, options: LocalStoreOptions = {}) {
    this.location = dir;
    this.root = resolve(dir);
    this.problems = new ProblemReporter(options.onProblem ?? stderrProblemSink);
    this.concurrency = options.concurrency ?? 8;
    this.posture = options.posture;
  }

  async latest(scope: string): Promise<StoredSnapshot | null> {
    for await (const ref of this.walk(scope, 'desc')) {
      try {
        return await this.get(ref);
      } catch (err) {
        if (!(err instanceof StoreError)) throw err;
        this.problems.report(ref.key, stripKey(err.message, ref.key));
      }
    }
    return null;
  }

  async save(snapshot: Snapshot): Promise<{ ref: SnapshotRef; sha256: string }> {
    const { bytes, sha256 } = encodeSnapshot(snapshot);
    const key = snapshotKey(snapshot);
    const ref = parseSnapshotKey(key);
    if (!ref) throw new StoreError(`internal error: key ${key} does not parse`, key);
    const path = this.pathOf(key);
    await this.mkdirs(dirname(path));
    await writeOnce(path, bytes, key, this.location);
    // The summary is a convenience: the snapshot is stored even when it cannot be written (history rebuilds it).
    const summaryKey = summaryKeyOf(key);
    try {
      await writeOnce(
        this.pathOf(summaryKey),
        encodeSummary(summarize(snapshot, key, sha256, this.posture)),
        summaryKey,
        this.location,
      );
    } catch (err) {
      this.problems.report(summaryKey, `summary not written: ${errorMessage(err)}`);
    }
    return { ref, sha256 };
  }

  async list(scope: string, range?: Range): Promise<SnapshotRef[]> {
    const refs: SnapshotRef[] = [];
    for await (const ref of this.walk(scope, 'asc', range)) refs.push(ref);
    return refs;
  }

  async get(ref: SnapshotRef): Promise<StoredSnapshot> {
    const checked = this.checkRef(ref);
    const bytes = await this.readKey(checked.key);
    const snapshot = decodeSnapshot(bytes, checked.key);
    const mismatch = contentMatchesKey(checked, snapshot);
    if (mismatch) throw new StoreError(`${checked.key}: ${mismatch} (moved or edited)`, checked.key);
    return { ref: checked, snapshot, sha256: sha256Hex(bytes) };
  }

  async readRaw(ref: SnapshotRef): Promise<{ bytes: Buffer; summary: SnapshotSummary | null }> {
    const checked = this.checkRef(ref);
    const bytes = await this.readKey(checked.key);
    return { bytes, summary: await this.readSummary(checked) };
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
      skippable: () => true,
      problems: this.problems,
      posture: this.posture,
    });
  }

  async scopes(): Promise<string[]> {
    // A stray file beside the scopes (notes, a backup) is not a scope: only folders are visited.
    return findScopes((rel) => this.readDir(rel, true));
  }

  private walk(scope: string, order: 'asc' | 'desc', range?: Range): AsyncGenerator<SnapshotRef> {
    return walkScope(
      async (rel) => {
        try {
          return await this.readDir(rel);
        } catch (err) {
          // A file where a day folder should be is a foreign object: reported and skipped like a corrupt snapshot.
          const code = ((err as StoreError).cause as NodeJS.ErrnoException | undefined)?.code;
          if (code === 'ENOTDIR' && DAY_PATTERN.test(rel.slice(rel.lastIndexOf('/') + 1))) {
            this.problems.report(rel, 'a file where a day folder should be: ignored');
            return null;
          }
          throw err;
        }
      },
      scope,
      order,
      (key, problem) => this.problems.report(key, problem),
      range,
    );
  }

  private async readSummary(ref: SnapshotRef): Promise<SnapshotSummary | null> {
    const key = summaryKeyOf(ref.key);
    let bytes: Buffer;
    try {
      bytes = await readFile(this.pathOf(key));
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') return null;
      this.problems.report(key, `cannot read the summary: ${errorMessage(err)}`);
      return null;
    }
    try {
      return decodeSummary(bytes, key);
    } catch (err) {
      this.problems.report(key, stripKey(errorMessage(err), key));
      return null;
    }
  }

  private checkRef(ref: SnapshotRef): SnapshotRef {
    const parsed = parseSnapshotKey(ref.key);
    if (!parsed) throw new StoreError(`not a snapshot key of this store: ${ref.key}`, ref.key);
    return parsed;
  }

  private pathOf(key: string): string {
    const path = resolve(this.root, ...key.split('/'));
    if (!path.startsWith(this.root + sep)) throw new StoreError(`key escapes the store: ${key}`, key);
    return path;
  }

  private async readKey(key: string): Promise<Buffer> {
    try {
      return await readFile(this.pathOf(key));
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT') throw new StoreError(`${key}: no such snapshot in ${this.location}`, key, { cause: err });
      throw new StoreError(`${key}: cannot read: ${code ?? errorMessage(err)}`, key, { cause: err });
    }
  }

  /** Entries of a folder; null when it does not exist. Anything else (not a folder, no permission) is an error. */
  private async readDir(rel: string, fileIsEmpty = false): Promise<string[] | null> {
    const path = rel === '' ? this.root : this.pathOf(rel);
    try {
      return await readdir(path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'ENOENT' || (fileIsEmpty && code === 'ENOTDIR' && rel !== '')) return null;
      throw new StoreError(
        `cannot read the snapshot store folder ${path}: ${describeFsError(code, err)}`,
        rel || undefined,
        { cause: err },
      );
    }
  }

  private async mkdirs(path: string): Promise<void> {
    try {
      await mkdir(path, { recursive: true, mode: DIR_MODE });
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      throw new StoreError(
        `cannot create the snapshot store folder ${path}: ${describeFsError(code, err)}`,
        undefined,
        {
          cause: err,
        },
      );
    }
  }
}

function describeFsError(code: string | undefined, err: unknown): string {
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied (check its owner and mode, or choose another folder with --store DIR)';
    case 'ENOTDIR':
      return 'a path component is a file, not a folder (choose another folder with --store DIR)';
    case 'EEXIST':
      return 'a file of that name exists where a folder is needed';
    case 'EROFS':
      return 'the file system is read-only (use --no-store or another folder)';
    default:
      return code ? `${code}: ${errorMessage(err)}` : errorMessage(err);
  }
}

/**
 * Writes `bytes` at `path` only if nothing is there: a temporary file first (flushed), then a hard link to the final
 * name, which fails atomically if the name exists. The temporary file is always removed.
 */
export async function writeOnce(path: string, bytes: Uint8Array, key: string, location: string): Promise<void> {
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  let fh: Awaited<ReturnType<typeof open>>;
  try {
    fh = await open(tmp, 'wx', FILE_MODE);
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    throw new StoreError(`cannot write to ${location}: ${describeFsError(code, err)}`, key, { cause: err });
  }
  try {
    try {
      await fh.writeFile(bytes);
      await fh.sync();
    } finally {
      await fh.close();
    }
    try {
      await link(tmp, path);
    } catch (err) {
      const code = (err as NodeJS.ErrnoException).code;
      if (code === 'EEXIST') throw existsError(key, location, err);
      if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'ENOSYS') throw err;
      // File systems without hard links: an exclusive copy still never overwrites.
      try {
        await copyFile(tmp, path, constants.COPYFILE_EXCL);
      } catch (copyErr) {
        if ((copyErr as NodeJS.ErrnoException).code === 'EEXIST') throw existsError(key, location, copyErr);
        throw copyErr;
      }
    }
  } catch (err) {
    if (err instanceof StoreError) throw err;
    const code = (err as NodeJS.ErrnoException).code;
    throw new StoreError(`cannot write ${key} to ${location}: ${describeFsError(code, err)}`, key, { cause: err });
  } finally {
    await unlink(tmp).catch(() => {});
  }
}

function existsError(key: string, location: string, cause: unknown): StoreError {
  return new StoreError(`${key} already exists in ${location}: snapshots are never overwritten`, key, { cause });
}
