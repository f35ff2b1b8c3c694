/**
 * The oracle every scenario counts against: what the scenario knows of the world, independent of the diff's rules.
 * It learns the truth from a fault-free reference scan of the same world (never stored, never diffed) and from what
 * the scenario hid (whole targets, or the facts of some lists or sections on a target). A finding resolved by the
 * faulted scan is false unless its resource was truly seen and is truly passing, or is truly gone.
 */
import type { AnyCheck, Diff, FactKey, Result, Snapshot, Status } from '../../../src/core/model';

export interface Hidden {
  target: string;
  /** The facts the fault kept from the scanner on that target; absent: everything on it. */
  facts?: readonly FactKey[];
}

export class Oracle {
  private readonly truth = new Map<string, Status>();
  private readonly hidden: Hidden[] = [];
  private known = false;

  constructor(private readonly checks: readonly AnyCheck[]) {}

  /** The results of a fault-free scan of the world as it is when the faulted scan runs. */
  knowWorld(results: readonly Result[]): this {
    for (const r of results) this.truth.set(r.fingerprint, r.status);
    this.known = true;
    return this;
  }

  /** What the injected fault kept from the scanner. */
  hide(...what: Hidden[]): this {
    this.hidden.push(...what);
    return this;
  }

  private seen(r: Result): boolean {
    const requires = (this.checks.find((c) => c.id === r.checkId)?.requires ?? []) as readonly string[];
    return !this.hidden.some(
      (h) => h.target === r.target && (h.facts === undefined || h.facts.some((f) => requires.includes(f))),
    );
  }

  /** Each resolution the world does not support, with why. */
  falseResolutions(diff: Diff): string[] {
    if (!this.known) throw new Error('the oracle was not told the world: call knowWorld() with a reference scan');
    const bad: string[] = [];
    for (const x of diff.resolved) {
      const p = x.previous;
      const truly = this.truth.get(p.fingerprint);
      const what = `${p.checkId} ${p.target} ${p.resource.kind}/${p.resource.name}`;
      if (truly === 'fail' || truly === 'unknown') bad.push(`${what}: resolved but truly ${truly}`);
      else if (!this.seen(p)) bad.push(`${what}: resolved but its facts were hidden from the scan`);
    }
    return bad;
  }

  /** Findings of the baseline that are truly still failing but are neither failing nor carried in `after`. */
  lostFindings(before: Snapshot, after: Snapshot): string[] {
    const open = new Set([
      ...after.results.filter((r) => r.status === 'fail').map((r) => r.fingerprint),
      ...after.carried.map((r) => r.fingerprint),
    ]);
    return [...before.results, ...before.carried]
      .filter((r) => r.status === 'fail' && this.truth.get(r.fingerprint) === 'fail' && !open.has(r.fingerprint))
      .map((r) => r.fingerprint);
  }
}

/** Scans of `ids` that ran but are not in the store: each a lost snapshot. */
export function lostSnapshots(ran: readonly string[], stored: readonly { scanId: string }[]): number {
  const have = new Set(stored.map((s) => s.scanId));
  return ran.filter((id) => !have.has(id)).length;
}
