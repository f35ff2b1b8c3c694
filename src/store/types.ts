import type { Snapshot, Waiver } from '../core/model';
import type { SnapshotSummary } from '../core/summary';

export type { OpenFinding, SnapshotSummary, StatusCounts } from '../core/summary';

export interface SnapshotRef {
  key: string;
  scope: string;
  /** The scan's start time, as the key encodes it. */
  startedAt: string;
  scanId: string;
}

export interface StoredSnapshot {
  ref: SnapshotRef;
  snapshot: Snapshot;
  /** sha256 (hex) of the stored bytes: the next snapshot names it as previousSha256. */
  sha256: string;
}

/** A stored object that could not be read (corrupt, foreign, newer schema): reported and skipped, never overwritten. */
export interface StoreProblem {
  key: string;
  problem: string;
}

/**
 * Where snapshots live (a local directory or S3). Write-once: save() never overwrites; keys sort by time within a
 * scope.
 */
export interface SnapshotStore {
  /** For messages: `.compliance-bot/` or `s3://bucket/prefix`. */
  readonly location: string;
  /** The newest readable snapshot of a scope; unreadable newer ones are reported through onProblem and skipped. */
  latest(scope: string): Promise<StoredSnapshot | null>;
  save(snapshot: Snapshot): Promise<{ ref: SnapshotRef; sha256: string }>;
  /** Snapshots of a scope, oldest first, optionally within [from, to). */
  list(scope: string, range?: { from?: Date; to?: Date }): Promise<SnapshotRef[]>;
  get(ref: SnapshotRef): Promise<StoredSnapshot>;
  /** Scopes that have snapshots. */
  scopes(): Promise<string[]>;
}

/** A snapshot store that also keeps summaries (both stores here do). */
export interface HistoryStore extends SnapshotStore {
  /**
   * Summaries of a scope's snapshots within [from, to), oldest first. A missing or unreadable summary is rebuilt
   * from its snapshot; an unreadable snapshot is reported through onProblem and skipped.
   */
  history(scope: string, range?: { from?: Date; to?: Date }): Promise<SnapshotSummary[]>;
  /**
   * The same summaries as history(), streamed oldest first with a bounded read-ahead: for long periods, where
   * holding every summary at once would grow with the history.
   */
  summaries(scope: string, range?: { from?: Date; to?: Date }): AsyncIterable<SnapshotSummary>;
  /** The raw stored bytes of a snapshot and its summary as written (null when missing or unreadable): for `verify`. */
  readRaw(ref: SnapshotRef): Promise<{ bytes: Buffer; summary: SnapshotSummary | null }>;
}

/**
 * The waiver document: one per store (`_waivers.json`), updated with a compare-and-swap (S3: `IfMatch` on its
 * ETag; local: a lock file and an atomic rename), retried on conflict.
 */
export interface WaiverStore {
  readonly location: string;
  /** Every waiver, expired ones included (they explain "waiver-expired" regressions). */
  list(): Promise<Waiver[]>;
  /** Validates and adds a waiver (an `id` is assigned when missing); returns it as stored. */
  add(waiver: Waiver): Promise<Waiver>;
  /** Removes the waivers whose id or fingerprint is `idOrFingerprint`; returns the removed ones. */
  remove(idOrFingerprint: string): Promise<Waiver[]>;
  /** Active waivers that end within `days` of `now`, soonest first. */
  expiring(now: Date, days: number): Promise<Waiver[]>;
}

export class StoreError extends Error {
  constructor(
    message: string,
    readonly key?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'StoreError';
  }
}

/** Scopes name a snapshot series: lower-case segments, safe as a path and as an S3 key prefix. */
export const SCOPE_PATTERN = /^[a-z0-9][a-z0-9._-]{0,62}(\/[a-z0-9][a-z0-9._-]{0,62}){0,3}$/;

export function assertScope(scope: string): void {
  if (!SCOPE_PATTERN.test(scope) || scope.split('/').some((s) => s === '..' || s === '.')) {
    throw new StoreError(
      `invalid scope "${scope}": use lower-case letters, digits, '.', '_', '-', and '/' between parts`,
    );
  }
}
