import type { Snapshot } from '../core/model';
import type { SummaryPosture } from '../core/posture';
import { summarize } from './summary';
import { type SnapshotRef, type SnapshotSummary, StoreError, type StoreProblem } from './types';

export type ProblemSink = (problem: StoreProblem) => void;

/** Default sink: a line on stderr, so a skipped object is never silent. */
export const stderrProblemSink: ProblemSink = (p) => {
  process.stderr.write(`compliance-bot: store: skipped ${p.key}: ${p.problem}\n`);
};

/** Reports each key's problem once per store instance: a corrupt file is not announced on every read. */
export class ProblemReporter {
  private readonly seen = new Set<string>();

  constructor(private readonly sink: ProblemSink) {}

  report(key: string, problem: string): void {
    const id = `${key}\u0000${problem}`;
    if (this.seen.has(id)) return;
    this.seen.add(id);
    this.sink({ key, problem });
  }
}

/** Error messages from the codec start with the key; problems are reported with the key beside them. */
export function stripKey(message: string, key: string): string {
  return message.startsWith(`${key}: `) ? message.slice(key.length + 2) : message;
}

/** What both stores give the history reader. */
export interface SummarySource {
  readSummary(ref: SnapshotRef): Promise<SnapshotSummary | null>;
  get(ref: SnapshotRef): Promise<{ snapshot: Snapshot; sha256: string }>;
  /** True for an error about this object's content (corrupt, foreign, too new), which is reported and skipped. */
  skippable(err: StoreError): boolean;
  problems: ProblemReporter;
  /** The posture a rebuilt summary keeps, as a written one would. */
  posture?: SummaryPosture;
}

/**
 * A snapshot's summary for the history: the stored one, else one rebuilt from the snapshot. A snapshot whose content
 * cannot be read is reported and gives null, so one bad object never hides the rest of a series; any other error
 * (the store cannot be reached) is thrown, never taken for an empty history.
 */
export async function summaryOrRebuilt(ref: SnapshotRef, source: SummarySource): Promise<SnapshotSummary | null> {
  const stored = await source.readSummary(ref);
  if (stored) return stored;
  try {
    const { snapshot, sha256 } = await source.get(ref);
    return summarize(snapshot, ref.key, sha256, source.posture);
  } catch (err) {
    if (!(err instanceof StoreError) || !source.skippable(err)) throw err;
    source.problems.report(ref.key, stripKey(err.message, ref.key));
    return null;
  }
}
