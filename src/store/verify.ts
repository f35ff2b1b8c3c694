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
  // Every snapshot is read once, `concurrency` reads at a time.
  const read = await mapLimit(refs, options.concurrency ?? 8, (ref) => readEntry(store, ref));
  const entries = read.map((r) => r.entry);
  const issues = read.flatMap((r) => r.issues);
  const links = new ChainLinks(entries, issues);
  for (const [index, e] of entries.entries()) links.follow(e, index);
  issues.push(...links.issues, ...forkIssues(links.children));
  const heads = entries.filter((e) => e.sha256 && !links.children.has(e.ref.key)).map((e) => e.ref.key);
  const order: Record<ChainIssueKind, number> = { tampered: 0, break: 1, unreadable: 2, fork: 3, 'no-summary': 4 };
  issues.sort((a, b) => order[a.kind] - order[b.kind] || a.key.localeCompare(b.key));
  return {
    scope,
    location: store.location,
    snapshots: refs.length,
    verifiedLinks: links.verified,
    heads,
    issues,
    ok: !issues.some((i) => i.kind === 'tampered' || i.kind === 'break' || i.kind === 'unreadable'),
  };
}

/** One snapshot as read, with what reading it found wrong. */
interface ReadEntry {
  entry: Entry;
  issues: ChainIssue[];
}

/** Reads one snapshot and its summary: its own sha256, the one recorded, and the parent it names. */
async function readEntry(store: HistoryStore, ref: SnapshotRef): Promise<ReadEntry> {
  const entry: Entry = { ref, sha256: null, recordedSha256: null, previousSha256: undefined, startedAt: ref.startedAt };
  let bytes: Buffer;
  let summary: SnapshotSummary | null;
  try {
    ({ bytes, summary } = await store.readRaw(ref));
  } catch (err) {
    if (!(err instanceof StoreError)) throw err;
    return { entry, issues: [{ kind: 'unreadable', key: ref.key, message: `cannot be read: ${errorMessage(err)}` }] };
  }
  entry.sha256 = sha256Hex(bytes);
  entry.recordedSha256 = summary?.sha256 ?? null;
  const seen = inspectSnapshot(ref, bytes, summary, entry.sha256);
  entry.previousSha256 = seen.previousSha256;
  entry.startedAt = seen.startedAt;
  return { entry, issues: [...summaryIssues(ref, entry.sha256, summary), ...seen.issues] };
}

/** The stored bytes against the sha256 their summary recorded when they were written. */
function summaryIssues(ref: SnapshotRef, sha256: string, summary: SnapshotSummary | null): ChainIssue[] {
  if (summary && summary.sha256 !== sha256) {
    return [
      {
        kind: 'tampered',
        key: ref.key,
        message: `its bytes changed after it was written (sha256 now ${short(sha256)}, recorded ${short(summary.sha256)})`,
      },
    ];
  }
  if (summary) return [];
  return [
    {
      kind: 'no-summary',
      key: ref.key,
      message: 'has no summary: its own bytes can be checked only through the snapshot after it',
    },
  ];
}

/** The decoded snapshot: its parent and start, whether it belongs under its key, and whether its summary agrees. */
function inspectSnapshot(
  ref: SnapshotRef,
  bytes: Buffer,
  summary: SnapshotSummary | null,
  sha256: string,
): { previousSha256: string | null | undefined; startedAt: string; issues: ChainIssue[] } {
  const seen = {
    previousSha256: undefined as string | null | undefined,
    startedAt: ref.startedAt,
    issues: [] as ChainIssue[],
  };
  try {
    const snapshot = decodeSnapshot(bytes, ref.key);
    const mismatch = contentMatchesKey(ref, snapshot);
    if (mismatch) seen.issues.push({ kind: 'tampered', key: ref.key, message: mismatch });
    seen.previousSha256 = snapshot.previousSha256;
    seen.startedAt = snapshot.startedAt;
    // The digest reads summaries, not snapshots: a summary edited to hide a finding is tampering too.
    if (summary && summary.sha256 === sha256) {
      const differs = summaryDiffers(summary, summarize(snapshot, ref.key, sha256));
      if (differs) {
        seen.issues.push({
          kind: 'tampered',
          key: summaryKeyOf(ref.key),
          message: `the summary does not match its snapshot (${differs})`,
        });
      }
    }
  } catch (err) {
    seen.issues.push({ kind: 'unreadable', key: ref.key, message: errorMessage(err).replace(`${ref.key}: `, '') });
    // The summary still tells what it named as its parent, so the chain can be followed past it.
    if (summary) seen.previousSha256 = summary.previousSha256;
  }
  return seen;
}

/**
 * Follows each snapshot to the parent it names, oldest first: by the parent's actual sha256 (a verified link), by
 * the sha256 recorded when the parent was written (the parent was tampered with since), or not at all (a break).
 */
class ChainLinks {
  readonly issues: ChainIssue[] = [];
  /** Parent key -> the snapshots naming it. */
  readonly children = new Map<string, Entry[]>();
  verified = 0;
  private readonly byActual = new Map<string, Entry>();
  private readonly byRecorded = new Map<string, Entry>();
  /** Snapshots already reported tampered: a parent named by an old sha256 is reported once. */
  private readonly tamperedKeys: Set<string>;

  constructor(entries: readonly Entry[], readIssues: readonly ChainIssue[]) {
    for (const e of entries) {
      if (e.sha256) this.byActual.set(e.sha256, e);
      if (e.recordedSha256) this.byRecorded.set(e.recordedSha256, e);
    }
    this.tamperedKeys = new Set(readIssues.filter((i) => i.kind === 'tampered').map((i) => i.key));
  }

  follow(e: Entry, index: number): void {
    if (e.previousSha256 === undefined) return;
    if (e.previousSha256 === null) {
      if (index > 0) {
        this.issue('break', e, `starts a new chain (no previous snapshot) although ${index} older snapshot(s) exist`);
      }
      return;
    }
    const parent = this.byActual.get(e.previousSha256);
    const written = this.byRecorded.get(e.previousSha256);
    if (parent) this.linkVerified(e, parent);
    else if (written) this.linkTampered(e, written, e.previousSha256);
    else
      this.issue(
        'break',
        e,
        `names a previous snapshot (sha256 ${short(e.previousSha256)}) that is not in the store: deleted, modified, or outside the range checked`,
      );
  }

  private linkVerified(e: Entry, parent: Entry): void {
    this.addChild(parent, e);
    if (Date.parse(parent.startedAt) > Date.parse(e.startedAt)) {
      this.issue('break', e, `names a newer snapshot as its parent (${parent.ref.key})`);
    } else {
      this.verified++;
    }
  }

  private linkTampered(e: Entry, written: Entry, previousSha256: string): void {
    this.addChild(written, e);
    if (this.tamperedKeys.has(written.ref.key)) return;
    this.issue('tampered', written, `${e.ref.key} names it by a sha256 it no longer has (${short(previousSha256)})`);
    this.tamperedKeys.add(written.ref.key);
  }

  private addChild(parent: Entry, child: Entry): void {
    const siblings = this.children.get(parent.ref.key) ?? [];
    siblings.push(child);
    this.children.set(parent.ref.key, siblings);
  }

  private issue(kind: ChainIssueKind, about: Entry, message: string): void {
    this.issues.push({ kind, key: about.ref.key, message });
  }
}

/** Two snapshots naming one parent: scans of the scope that ran at the same time. */
function forkIssues(children: ReadonlyMap<string, Entry[]>): ChainIssue[] {
  const out: ChainIssue[] = [];
  for (const [parentKey, kids] of children) {
    if (kids.length < 2) continue;
    out.push({
      kind: 'fork',
      key: parentKey,
      message: `${kids.length} snapshots name it as their parent (scans of the scope ran at the same time)`,
      related: kids.map((k) => k.ref.key),
    });
  }
  return out;
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
