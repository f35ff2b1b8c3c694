/**
 * The suite's ledger: every scenario records what it measured (snapshots lost, false resolutions, duplicate and
 * dropped posts, unhandled errors) in a JSON line under the run's ledger folder; the reporter (reporter.js) adds
 * them up, prints the totals and writes the scenario x outcome table into docs/reliability.md. A counter a scenario
 * did not measure is left out (the table shows a dash) rather than claimed as zero: every number is counted.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface ScenarioRecord {
  /** The area: SSM, Kubernetes, S3, Slack, Concurrency, Time, Property, Bad input. */
  area: string;
  scenario: string;
  /** What happened, in a few words (the table's outcome column). */
  outcome: string;
  /** Scans that ran but whose snapshot is not in the store. */
  snapshotsLost?: number;
  /** Resolutions the scenario's oracle does not support (oracle.ts), or the property model's count. */
  falseResolved?: number;
  duplicatePosts?: number;
  droppedPosts?: number;
  unhandled: number;
}

export function ledgerDir(): string {
  return process.env.FAULTS_LEDGER_DIR ?? join(tmpdir(), 'compliance-bot-faults-ledger');
}

/** Records one scenario (call it after the scenario's assertions passed: a failed test records nothing). */
export function record(r: Omit<ScenarioRecord, 'unhandled'> & { unhandled?: number }): void {
  for (const k of ['snapshotsLost', 'falseResolved', 'duplicatePosts', 'droppedPosts'] as const) {
    const v = r[k];
    if (v !== undefined && !(Number.isInteger(v) && v >= 0)) throw new Error(`ledger: ${k} must be a count, got ${v}`);
  }
  const dir = ledgerDir();
  mkdirSync(dir, { recursive: true });
  const line: ScenarioRecord = { unhandled: unhandledSoFar(), ...r };
  appendFileSync(join(dir, `ledger-${process.pid}.jsonl`), `${JSON.stringify(line)}\n`);
}

/** Unhandled rejections seen in this worker (trap.ts counts them). */
export function unhandledSoFar(): number {
  return (globalThis as { __faultsUnhandled?: unknown[] }).__faultsUnhandled?.length ?? 0;
}
