/**
 * The key layout shared by the local and the S3 store (keys are relative to the store's root or prefix):
 *
 *   <scope>/_snapshots/<YYYY-MM-DD>/<startedAt compact>_<scanId>[_<suffix>].json.gz   the snapshot
 *   <scope>/_snapshots/<YYYY-MM-DD>/<same name>.summary.json                          its summary
 *   _scopes/<scope with "/" as "~">                                                   an empty marker (S3)
 *   _waivers.json                                                                     the waiver document
 *   _rbac/<scope with "/" as "~">/<startedAt compact>_<scanId>.json.gz                 RBAC facts of a cluster scan
 *
 * Keys sort by time within a scope. The newest snapshot is found with two listings (the day folders, then the
 * newest day's files), never by listing the whole history. One level of day folders (rather than YYYY/MM/DD) keeps
 * that to two requests and works with S3-compatible servers whose delimited listing only sees one level (s3rver).
 * Scope segments never start with `_`, so `_snapshots` cannot be mistaken for a nested scope.
 */
import type { Snapshot } from '../core/model';
import { SCAN_ID_PATTERN } from './codec';
import { assertScope, type SnapshotRef, StoreError } from './types';

export const SNAPSHOTS_DIR = '_snapshots';
export const SNAPSHOT_SUFFIX = '.json.gz';
export const SUMMARY_SUFFIX = '.summary.json';
export const WAIVERS_KEY = '_waivers.json';
export const SCOPES_DIR = '_scopes';
/** RBAC facts (roles, bindings, subjects) of cluster scans, for `who-can` (src/store/rbac-facts.ts). */
export const RBAC_FACTS_DIR = '_rbac';
export const DAY_PATTERN = /^(\d{4})-(\d{2})-(\d{2})$/;

/** The marker key that lists a scope in S3 (scopes contain no `~`). */
export function scopeMarkerKey(scope: string): string {
  assertScope(scope);
  return `${SCOPES_DIR}/${scope.replaceAll('/', '~')}`;
}

const FILE_RE = /^(\d{8}T\d{9}Z)_([A-Za-z0-9][A-Za-z0-9-]{0,63})(?:_([a-z0-9]{1,16}))?\.json\.gz$/;
const SUMMARY_RE = /^(\d{8}T\d{9}Z)_([A-Za-z0-9][A-Za-z0-9-]{0,63})(?:_([a-z0-9]{1,16}))?\.summary\.json$/;
const COMPACT_RE = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z$/;

/** `2026-11-30T02:17:56.123Z` -> `20261130T021756123Z` (sorts as the time does). */
export function compactTime(iso: string): string {
  const t = Date.parse(iso);
  if (Number.isNaN(t)) throw new StoreError(`invalid startedAt "${iso}": an ISO date-time is expected`);
  const d = new Date(t);
  if (d.getUTCFullYear() < 1000 || d.getUTCFullYear() > 9999)
    throw new StoreError(`startedAt "${iso}" is out of range`);
  return d.toISOString().replace(/[-:.]/g, '');
}

function isoFromCompact(compact: string): string {
  const m = COMPACT_RE.exec(compact);
  if (!m) throw new StoreError(`invalid time "${compact}" in a snapshot key`);
  return `${m[1]}-${m[2]}-${m[3]}T${m[4]}:${m[5]}:${m[6]}.${m[7]}Z`;
}

/** The folder of a scope's snapshots, relative to the store root, with a trailing `/`. */
export function scopePrefix(scope: string): string {
  assertScope(scope);
  return `${scope}/${SNAPSHOTS_DIR}/`;
}

/** The key of a snapshot; `suffix` makes a new key when the first one is taken (S3 retries after a 412). */
export function snapshotKey(snapshot: Pick<Snapshot, 'scope' | 'startedAt' | 'scanId'>, suffix?: string): string {
  if (!SCAN_ID_PATTERN.test(snapshot.scanId)) {
    throw new StoreError(`invalid scanId "${snapshot.scanId}": letters, digits and "-" only (at most 64)`);
  }
  if (suffix !== undefined && !/^[a-z0-9]{1,16}$/.test(suffix)) throw new StoreError(`invalid key suffix "${suffix}"`);
  const compact = compactTime(snapshot.startedAt);
  const day = `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`;
  return `${scopePrefix(snapshot.scope)}${day}/${compact}_${snapshot.scanId}${suffix ? `_${suffix}` : ''}${SNAPSHOT_SUFFIX}`;
}

export function summaryKeyOf(snapshotKeyValue: string): string {
  if (!snapshotKeyValue.endsWith(SNAPSHOT_SUFFIX)) throw new StoreError(`not a snapshot key: ${snapshotKeyValue}`);
  return snapshotKeyValue.slice(0, -SNAPSHOT_SUFFIX.length) + SUMMARY_SUFFIX;
}

/**
 * Parses a snapshot key back into a ref; null when the key is not a snapshot key of this layout (a summary, a
 * foreign file). Throws nothing: every key coming from a listing passes through here.
 */
export function parseSnapshotKey(key: string): SnapshotRef | null {
  const parts = key.split('/');
  const at = parts.lastIndexOf(SNAPSHOTS_DIR);
  if (at < 1 || parts.length !== at + 3) return null;
  const scope = parts.slice(0, at).join('/');
  try {
    assertScope(scope);
  } catch {
    return null;
  }
  const [day, file] = parts.slice(at + 1);
  const m = FILE_RE.exec(file);
  if (!m) return null;
  const compact = m[1];
  if (day !== `${compact.slice(0, 4)}-${compact.slice(4, 6)}-${compact.slice(6, 8)}`) return null;
  let startedAt: string;
  try {
    startedAt = isoFromCompact(compact);
  } catch {
    return null;
  }
  if (Number.isNaN(Date.parse(startedAt))) return null;
  return { key, scope, startedAt, scanId: m[2] };
}

export function isSummaryName(name: string): boolean {
  return SUMMARY_RE.test(name);
}

/** Ignored silently in a listing: our own temporary files and hidden files (`.DS_Store`, editors' swap files). */
export function isIgnorableName(name: string): boolean {
  return name.startsWith('.') || isSummaryName(name);
}

/** Does the snapshot's content agree with its key? A moved or edited object does not. */
export function contentMatchesKey(ref: SnapshotRef, snapshot: Snapshot): string | null {
  if (snapshot.scope !== ref.scope) return `its scope "${snapshot.scope}" does not match its key (${ref.scope})`;
  if (snapshot.scanId !== ref.scanId) return `its scanId "${snapshot.scanId}" does not match its key (${ref.scanId})`;
  if (compactTime(snapshot.startedAt) !== compactTime(ref.startedAt)) {
    return `its startedAt ${snapshot.startedAt} does not match its key (${ref.startedAt})`;
  }
  return null;
}

/** Day folders (`YYYY-MM-DD`) that may hold snapshots started within [from, to). */
export function dayInRange(day: string, range?: { from?: Date; to?: Date }): boolean {
  const m = DAY_PATTERN.exec(day);
  if (!m) return false;
  if (!range) return true;
  const dayStart = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]));
  const dayEnd = dayStart + 86_400_000;
  if (range.from && dayEnd <= range.from.getTime()) return false;
  if (range.to && dayStart >= range.to.getTime()) return false;
  return true;
}

export function refInRange(ref: SnapshotRef, range?: { from?: Date; to?: Date }): boolean {
  const t = Date.parse(ref.startedAt);
  if (range?.from && t < range.from.getTime()) return false;
  if (range?.to && t >= range.to.getTime()) return false;
  return true;
}

export function compareRefs(a: SnapshotRef, b: SnapshotRef): number {
  const ka = a.key.slice(a.key.lastIndexOf('/') + 1);
  const kb = b.key.slice(b.key.lastIndexOf('/') + 1);
  return ka < kb ? -1 : ka > kb ? 1 : 0;
}
