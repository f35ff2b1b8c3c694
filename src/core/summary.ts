/**
 * The summary of a scan kept beside each stored snapshot: a model type, so the digest (src/report) reads history
 * without depending on a store. The stores write and read it (src/store/summary.ts builds it from a snapshot).
 */
import type { StatusCounts as ControlCounts } from './frameworks/status';
import type { ResourceRef, Severity, Status, TargetStatus, Trigger } from './model';

/** Counts of results by status. */
export type StatusCounts = Record<Status, number>;

/** A failing finding that is still open after a scan (failing now, or carried because it could not be assessed). */
export interface OpenFinding {
  fingerprint: string;
  checkId: string;
  severity: Severity;
  target: string;
  resource: ResourceRef;
  /** When it was first seen failing. */
  firstSeen?: string;
  /** Covered by a waiver at scan time: its expiry. */
  waivedUntil?: string;
  /** Failing in an earlier scan and not assessable in this one (carried forward, not confirmed again). */
  carried?: boolean;
}

/**
 * One framework's posture in one scan: its controls counted by status, as `scan --framework` derives them
 * (src/core/frameworks/status.ts), over the sections the scope's targets can judge (src/core/posture.ts).
 */
export interface FrameworkPosture {
  /** The framework data's ID: `cis-kubernetes-1.12`. */
  id: string;
  /** The sections counted, in the framework's order, when not the whole framework. */
  sections?: string[];
  /**
   * A short hash of the framework data the counts were derived with (its controls and their checks): counts taken
   * with different data (a release that added checks) are not compared.
   */
  data: string;
  counts: ControlCounts;
  /** IDs of the failing controls, in the framework's order. */
  failing: string[];
}

/**
 * The small object stored beside each snapshot (`<snapshot name>.summary.json`), so the digest reads a week of
 * history without loading whole snapshots. Counts cover the scan's results (carried findings are not results of
 * the scan: they appear in `open` only, marked `carried`).
 */
export interface SnapshotSummary {
  summaryVersion: 1;
  /** The snapshot's key, relative to the store root. */
  key: string;
  /** sha256 (hex) of the snapshot's stored bytes when it was written: `verify` compares it with the bytes. */
  sha256: string;
  previousSha256: string | null;
  scanId: string;
  scope: string;
  startedAt: string;
  finishedAt: string;
  trigger: Trigger;
  /** How many targets were assessed, partly assessed, unreachable. */
  targets: Record<TargetStatus, number>;
  totals: StatusCounts;
  bySeverity: Record<Severity, StatusCounts>;
  byCheck: Record<string, StatusCounts>;
  byTarget: Record<string, StatusCounts>;
  /** Open failing findings, most severe first. */
  open: OpenFinding[];
  /**
   * Control counts per framework (docs/digest.md, "Posture per framework"). Absent: not recorded when the summary
   * was written (never read as zero); empty: no framework applies to the scope.
   */
  frameworks?: FrameworkPosture[];
}
