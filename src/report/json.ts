/**
 * The JSON report (`--format json`), a public interface (docs/output-formats.md, "json"): other tools and tests
 * read it. Keys come in a fixed order and every list is sorted (severity, check ID, target, resource), so two
 * identical scans give byte-identical output apart from the scan ID and times.
 */
import type {
  Evidence,
  MachineIdentity,
  RegressionReason,
  ResolvedReason,
  ResourceRef,
  Result,
  Severity,
  SourcePosition,
  Status,
  TargetKind,
  TargetStatus,
  Trigger,
  WaiverRef,
} from '../core/model';
import { canonical, cmp, type SeverityCounts, type StatusCounts, sortBy, sortResults, summarize } from './common';
import { frameworksJson, type JsonFrameworkStatus } from './framework-status';
import type { ReportInput } from './types';

export const JSON_REPORT_SCHEMA_VERSION = 1;

export interface JsonResult {
  checkId: string;
  status: Status;
  severity: Severity;
  target: string;
  resource: ResourceRef;
  message: string;
  evidence?: Evidence;
  fingerprint: string;
  /** Where the resource was read (manifests): a path from the working folder and the line its object starts on. */
  source?: SourcePosition;
  firstSeen?: string;
  waiver?: WaiverRef;
}

export interface JsonReport {
  schemaVersion: 1;
  tool: { name: string; version: string };
  scan: { id: string; scope: string; startedAt: string; finishedAt: string; trigger: Trigger };
  targets: {
    name: string;
    kind: TargetKind;
    status: TargetStatus;
    reason?: string;
    /** A host's other names: EC2 instance, SSM managed instance, Kubernetes Node. */
    identity?: MachineIdentity;
  }[];
  results: JsonResult[];
  diff: {
    baseline: boolean;
    previousScanId: string | null;
    regressions: { fingerprint: string; reason: RegressionReason; result: JsonResult; previous?: JsonResult }[];
    resolved: { fingerprint: string; reason: ResolvedReason; previous: JsonResult; current?: JsonResult }[];
    unassessed: { fingerprint: string; reason: string; previous: JsonResult }[];
    unchanged: { fingerprint: string; result: JsonResult }[];
    waived: { fingerprint: string; result: JsonResult }[];
  } | null;
  summary: {
    total: number;
    byStatus: StatusCounts;
    failedBySeverity: SeverityCounts;
    waived: number;
    regressions: number | null;
    resolved: number | null;
    unassessed: number | null;
  };
  /** Each control's status, for the frameworks `scan --framework ID` asked for; absent when none was. */
  frameworks?: JsonFrameworkStatus[];
}

/** The JSON report as an object (the CLI and tests may use it before serialising). */
export function buildJsonReport(input: ReportInput): JsonReport {
  const { snapshot, diff } = input;
  const summary = summarize(snapshot.results, diff);
  return {
    schemaVersion: JSON_REPORT_SCHEMA_VERSION,
    tool: { name: snapshot.tool.name, version: snapshot.tool.version },
    scan: {
      id: snapshot.scanId,
      scope: snapshot.scope,
      startedAt: snapshot.startedAt,
      finishedAt: snapshot.finishedAt,
      trigger: snapshot.trigger,
    },
    targets: [...snapshot.targets]
      .sort((a, b) => cmp(a.name, b.name) || cmp(a.kind, b.kind))
      .map((t) => ({
        name: t.name,
        kind: t.kind,
        status: t.status,
        ...(t.reason !== undefined ? { reason: t.reason } : {}),
        ...(t.identity !== undefined ? { identity: { ...t.identity } } : {}),
      })),
    results: sortResults(snapshot.results).map(jsonResult),
    diff: diff
      ? {
          baseline: diff.baseline,
          previousScanId: diff.previousScanId,
          regressions: sortBy(diff.regressions, (r) => r.result).map((r) => ({
            fingerprint: r.result.fingerprint,
            reason: r.reason,
            result: jsonResult(r.result),
            ...(r.previous ? { previous: jsonResult(r.previous) } : {}),
          })),
          resolved: sortBy(diff.resolved, (r) => r.previous).map((r) => ({
            fingerprint: r.previous.fingerprint,
            reason: r.reason,
            previous: jsonResult(r.previous),
            ...(r.current ? { current: jsonResult(r.current) } : {}),
          })),
          unassessed: sortBy(diff.unassessed, (u) => u.previous).map((u) => ({
            fingerprint: u.previous.fingerprint,
            reason: u.reason,
            previous: jsonResult(u.previous),
          })),
          unchanged: sortResults(diff.unchanged).map((r) => ({ fingerprint: r.fingerprint, result: jsonResult(r) })),
          waived: sortResults(diff.waived).map((r) => ({ fingerprint: r.fingerprint, result: jsonResult(r) })),
        }
      : null,
    summary: {
      total: summary.total,
      byStatus: summary.byStatus,
      failedBySeverity: summary.failedBySeverity,
      waived: summary.waived,
      regressions: summary.diff?.regressions ?? null,
      resolved: summary.diff?.resolved ?? null,
      unassessed: summary.diff?.unassessed ?? null,
    },
    ...(input.frameworks ? { frameworks: frameworksJson(input.frameworks) } : {}),
  };
}

/** `--format json`: the report, two-space indented, ending with a newline. */
export function renderJson(input: ReportInput): string {
  return `${JSON.stringify(buildJsonReport(input), null, 2)}\n`;
}

/** A result with its keys in contract order and its evidence keys sorted. */
function jsonResult(r: Result): JsonResult {
  return {
    checkId: r.checkId,
    status: r.status,
    severity: r.severity,
    target: r.target,
    resource: {
      kind: r.resource.kind,
      ...(r.resource.namespace !== undefined ? { namespace: r.resource.namespace } : {}),
      name: r.resource.name,
    },
    message: r.message,
    ...(r.evidence !== undefined ? { evidence: canonical(r.evidence) as Evidence } : {}),
    fingerprint: r.fingerprint,
    ...(r.source
      ? { source: { file: r.source.file, ...(r.source.line !== undefined ? { line: r.source.line } : {}) } }
      : {}),
    ...(r.firstSeen !== undefined ? { firstSeen: r.firstSeen } : {}),
    ...(r.waiver
      ? { waiver: { reason: r.waiver.reason, expires: r.waiver.expires, createdBy: r.waiver.createdBy } }
      : {}),
  };
}
