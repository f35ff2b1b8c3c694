/**
 * Walks a scope's hash chain: each snapshot names the sha256 of the stored bytes of the one before it, and its
 * summary records its own sha256 as written. `verify` reports tampered objects (bytes that no longer match what was
 * written), breaks (a parent that cannot be found, a chain that restarts), forks (two snapshots naming the same
 * parent: concurrent scans) and unreadable objects.
 */
import { mapLimit } from '../async/pool';
import { errorMessage } from '../core/errors';
import { decodeSnapshot, sha256Hex } from './codec';
import { contentMatchesKey, summaryKeyOf } from './layout';
import { summarize } from './summary';
import type { HistoryStore, SnapshotRef, SnapshotSummary } from './types';
import { StoreError } from './types';

export type ChainIssueKind = 'tampered' | 'break' | 'fork' | 'unreadable' | 'no-summary';

export interface ChainIssue {
  kind: ChainIssueKind;
  /** The snapshot the issue is about. */
  key: string;
  message: string;
  /** Other snapshots involved (the fork's siblings). */
  related?: string[];
}

export interface ChainReport {
  scope: string;
  location: string;
  snapshots: number;
  /** Links (child -> parent) whose hash matched. */
  verifiedLinks: number;
  /** Snapshots no other snapshot names as its parent (one for a linear chain). */
  heads: string[];
  issues: ChainIssue[];
  /** True when nothing was tampered, broken or unreadable (forks alone do not make a chain invalid). */
  ok: boolean;
}

interface Entry {
  ref: SnapshotRef;
  sha256: string | null;
  recordedSha256: string | null;
  previousSha256: string | null | undefined;
  startedAt: string;
}

export async function verifyChain(
  store: HistoryStore,
  scope: string,
  options: { range?: { from?: Date; to?: Date }; concurrency?: number } = {},
): Promise<ChainReport> {
  const refs = await store.list(scope, options.range);
  const issues: ChainIssue[] = [];
  const entries = await mapLimit(refs, options.concurrency ?? 8, async (ref): Promise<Entry> => {
    const entry: Entry = {
      ref,
      sha256: null,
      recordedSha256: null,
      previousSha256: undefined,
      startedAt: ref.startedAt,
    };
    let bytes: Buffer;
    let summary: SnapshotSummary | null;
    try {
      ({ bytes, summary } = await store.readRaw(ref));
    } catch (err) {
      if (!(err instanceof StoreError)) throw err;
      issues.push({ kind: 'unreadable', key: ref.key, message: `cannot be read: ${errorMessage(err)}` });
      return entry;
    }
    entry.sha256 = sha256Hex(bytes);
    entry.recordedSha256 = summary?.sha256 ?? null;
    if (summary && summary.sha256 !== entry.sha256) {
      issues.push({
        kind: 'tampered',
        key: ref.key,
        message: `its bytes changed after it was written (sha256 now ${short(entry.sha256)}, recorded ${short(summary.sha256)})`,
      });
    } else if (!summary) {
      issues.push({
        kind: 'no-summary',
        key: ref.key,
        message: 'has no summary: its own bytes can be checked only through the snapshot after it',
      });
    }
    try {
      const snapshot = decodeSnapshot(bytes, ref.key);
      const mismatch = contentMatchesKey(ref, snapshot);
      if (mismatch) issues.push({ kind: 'tampered', key: ref.key, message: mismatch });
      entry.previousSha256 = snapshot.previousSha256;
      entry.startedAt = snapshot.startedAt;
      // The digest reads summaries, not snapshots: a summary edited to hide a finding is tampering too.
      if (summary && summary.sha256 === entry.sha256) {
        const differs = summaryDiffers(summary, summarize(snapshot, ref.key, entry.sha256));
        if (differs) {
          issues.push({
            kind: 'tampered',
            key: summaryKeyOf(ref.key),
            message: `the summary does not match its snapshot (${differs})`,
          });
        }
      }
    } catch (err) {
      issues.push({ kind: 'unreadable', key: ref.key, message: errorMessage(err).replace(`${ref.key}: `, '') });
      // The summary still tells what it named as its parent, so the chain can be followed past it.
      if (summary) entry.previousSha256 = summary.previousSha256;
    }
    return entry;
  });

  const byActual = new Map<string, Entry>();
  const byRecorded = new Map<string, Entry>();
  for (const e of entries) {
    if (e.sha256) byActual.set(e.sha256, e);
    if (e.recordedSha256) byRecorded.set(e.recordedSha256, e);
  }
  const children = new Map<string, Entry[]>();
  const tamperedKeys = new Set(issues.filter((i) => i.kind === 'tampered').map((i) => i.key));
  let verifiedLinks = 0;
  entries.forEach((e, index) => {
    if (e.previousSha256 === undefined) return;
    if (e.previousSha256 === null) {
      if (index > 0) {
        issues.push({
          kind: 'break',
          key: e.ref.key,
          message: `starts a new chain (no previous snapshot) although ${index} older snapshot(s) exist`,
        });
      }
      return;
    }
    const parent = byActual.get(e.previousSha256);
    if (parent) {
      const siblings = children.get(parent.ref.key) ?? [];
      siblings.push(e);
      children.set(parent.ref.key, siblings);
      if (Date.parse(parent.startedAt) > Date.parse(e.startedAt)) {
        issues.push({
          kind: 'break',
          key: e.ref.key,
          message: `names a newer snapshot as its parent (${parent.ref.key})`,
        });
      } else {
        verifiedLinks++;
      }
      return;
    }
    const written = byRecorded.get(e.previousSha256);
    if (written) {
      const siblings = children.get(written.ref.key) ?? [];
      siblings.push(e);
      children.set(written.ref.key, siblings);
      if (!tamperedKeys.has(written.ref.key)) {
        issues.push({
          kind: 'tampered',
          key: written.ref.key,
          message: `${e.ref.key} names it by a sha256 it no longer has (${short(e.previousSha256)})`,
        });
        tamperedKeys.add(written.ref.key);
      }
      return;
    }
    issues.push({
      kind: 'break',
      key: e.ref.key,
      message: `names a previous snapshot (sha256 ${short(e.previousSha256)}) that is not in the store: deleted, modified, or outside the range checked`,
    });
  });
  for (const [parentKey, kids] of children) {
    if (kids.length < 2) continue;
    issues.push({
      kind: 'fork',
      key: parentKey,
      message: `${kids.length} snapshots name it as their parent (scans of the scope ran at the same time)`,
      related: kids.map((k) => k.ref.key),
    });
  }
  const heads = entries.filter((e) => e.sha256 && !children.has(e.ref.key)).map((e) => e.ref.key);
  const order: Record<ChainIssueKind, number> = { tampered: 0, break: 1, unreadable: 2, fork: 3, 'no-summary': 4 };
  issues.sort((a, b) => order[a.kind] - order[b.kind] || a.key.localeCompare(b.key));
  return {
    scope,
    location: store.location,
    snapshots: refs.length,
    verifiedLinks,
    heads,
    issues,
    ok: !issues.some((i) => i.kind === 'tampered' || i.kind === 'break' || i.kind === 'unreadable'),
  };
}

/** The first field of a stored summary that disagrees with one rebuilt from its snapshot, or null. */
function summaryDiffers(stored: SnapshotSummary, rebuilt: SnapshotSummary): string | null {
  const fields: (keyof SnapshotSummary)[] = [
    'key',
    'previousSha256',
    'scanId',
    'scope',
    'totals',
    'bySeverity',
    'byCheck',
    'byTarget',
    'targets',
  ];
  for (const f of fields) if (JSON.stringify(stored[f]) !== JSON.stringify(rebuilt[f])) return f;
  const open = (s: SnapshotSummary) =>
    JSON.stringify(s.open.map((o) => [o.fingerprint, o.severity, o.waivedUntil ?? null]).sort());
  return open(stored) === open(rebuilt) ? null : 'open';
}

function short(sha: string): string {
  return sha.slice(0, 12);
}
