/**
 * The suite's ledger: every scenario records what it measured (snapshots lost, false resolutions, duplicate and
 * dropped posts, unhandled errors) in a JSON line under the run's ledger folder; the reporter (reporter.js) adds
 * them up, prints the totals and writes the scenario x outcome table into docs/reliability.md.
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
  snapshotsLost: number;
  falseResolved: number;
  duplicatePosts: number;
  droppedPosts: number;
  unhandled: number;
}

export function ledgerDir(): string {
  return process.env.FAULTS_LEDGER_DIR ?? join(tmpdir(), 'compliance-bot-faults-ledger');
}

/** Records one scenario (call it after the scenario's assertions passed: a failed test records nothing). */
export function record(r: Omit<ScenarioRecord, 'unhandled'> & { unhandled?: number }): void {
  const dir = ledgerDir();
  mkdirSync(dir, { recursive: true });
  const line: ScenarioRecord = { unhandled: unhandledSoFar(), ...r };
  appendFileSync(join(dir, `ledger-${process.pid}.jsonl`), `${JSON.stringify(line)}\n`);
}

/** Unhandled rejections seen in this worker (trap.ts counts them). */
export function unhandledSoFar(): number {
  return (globalThis as { __faultsUnhandled?: unknown[] }).__faultsUnhandled?.length ?? 0;
}

/** Zero counters, for scenarios that measure only some of them. */
export const CLEAN = { snapshotsLost: 0, falseResolved: 0, duplicatePosts: 0, droppedPosts: 0 } as const;
