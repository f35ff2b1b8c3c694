/** Helpers shared by the renderers: ordering, counting, lookup of check metadata, resource labels. */
import {
  type CheckMeta,
  type Diff,
  type ResourceRef,
  type Result,
  SEVERITIES,
  type Severity,
  STATUSES,
  type Status,
  severityRank,
} from '../core/model';

/** Plain code-unit comparison: the same on every machine and locale (localeCompare is not). */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Resource identity as text: `Kind namespace/name` or `Kind name`. */
export function resourceLabel(r: ResourceRef): string {
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

/** `namespace/name` or `name`. */
export function resourcePath(r: ResourceRef): string {
  return r.namespace ? `${r.namespace}/${r.name}` : r.name;
}

/** The report order: worst severity first, then check ID, target, resource (kind, namespace, name), fingerprint. */
export function compareResults(a: Result, b: Result): number {
  return (
    severityRank(b.severity) - severityRank(a.severity) ||
    cmp(a.checkId, b.checkId) ||
    cmp(a.target, b.target) ||
    cmp(a.resource.kind, b.resource.kind) ||
    cmp(a.resource.namespace ?? '', b.resource.namespace ?? '') ||
    cmp(a.resource.name, b.resource.name) ||
    cmp(a.status, b.status) ||
    cmp(a.fingerprint, b.fingerprint)
  );
}

/**
 * The report order as one string per result (fields joined by U+0000, which sorts below every other character):
 * sorting by it equals compareResults for fields without U+0000 and costs one string comparison per step.
 */
function orderKey(r: Result): string {
  return [
    String(SEVERITIES.indexOf(r.severity)),
    r.checkId,
    r.target,
    r.resource.kind,
    r.resource.namespace ?? '',
    r.resource.name,
    r.status,
    r.fingerprint,
  ].join('\u0000');
}

/** Items sorted in the report order of the result each holds (keys computed once: 100,000 results sort fast). */
export function sortBy<T>(items: readonly T[], get: (item: T) => Result): T[] {
  return items
    .map((item) => ({ item, key: orderKey(get(item)) }))
    .sort((a, b) => cmp(a.key, b.key))
    .map((x) => x.item);
}

export function sortResults(results: readonly Result[]): Result[] {
  return sortBy(results, (r) => r);
}

export type StatusCounts = Record<Status, number>;
export type SeverityCounts = Record<Severity, number>;

export interface Summary {
  total: number;
  byStatus: StatusCounts;
  /** Failing results by severity (waived ones included). */
  failedBySeverity: SeverityCounts;
  /** Failing results covered by an active waiver. */
  waived: number;
  /** Counts of the diff's lists; null when no diff was made. */
  diff: {
    baseline: boolean;
    regressions: number;
    resolved: number;
    unassessed: number;
    unchanged: number;
    waived: number;
  } | null;
}

export function summarize(results: readonly Result[], diff: Diff | null): Summary {
  const byStatus = Object.fromEntries(STATUSES.map((s) => [s, 0])) as StatusCounts;
  const failedBySeverity = Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as SeverityCounts;
  let waived = 0;
  for (const r of results) {
    byStatus[r.status] += 1;
    if (r.status === 'fail') {
      failedBySeverity[r.severity] += 1;
      if (r.waiver) waived += 1;
    }
  }
  return {
    total: results.length,
    byStatus,
    failedBySeverity,
    waived,
    diff: diff
      ? {
          baseline: diff.baseline,
          regressions: diff.regressions.length,
          resolved: diff.resolved.length,
          unassessed: diff.unassessed.length,
          unchanged: diff.unchanged.length,
          waived: diff.waived.length,
        }
      : null,
  };
}

/** `12 failed (2 critical, 3 high), 40 passed, 3 unknown, 1 not applicable; 2 regressions`. */
export function summaryLine(s: Summary): string {
  const sev = SEVERITIES.filter((v) => s.failedBySeverity[v] > 0).map((v) => `${s.failedBySeverity[v]} ${v}`);
  const parts = [
    `${s.byStatus.fail} failed${sev.length > 0 ? ` (${sev.join(', ')})` : ''}`,
    `${s.byStatus.pass} passed`,
    `${s.byStatus.unknown} unknown`,
    `${s.byStatus['not-applicable']} not applicable`,
  ];
  let line = parts.join(', ');
  if (s.waived > 0) line += `, ${s.waived} waived`;
  if (s.diff?.baseline) {
    line += '; baseline (first scan of this scope)';
  } else if (s.diff) {
    line += `; ${plural(s.diff.regressions, 'regression')}, ${s.diff.resolved} resolved`;
    if (s.diff.unassessed > 0) line += `, ${s.diff.unassessed} unassessed`;
  }
  return line;
}

export function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** Finds a check's metadata by ID or alias. */
export function checkIndex(checks: readonly CheckMeta[]): (id: string) => CheckMeta | undefined {
  const byId = new Map<string, CheckMeta>();
  for (const c of checks) byId.set(c.id, c);
  for (const c of checks) for (const a of c.aliases ?? []) if (!byId.has(a)) byId.set(a, c);
  return (id) => byId.get(id);
}

/** `CIS Kubernetes Benchmark v1.12 5.1.1`. */
export function benchmarkLabel(b: { framework: string; version: string; control: string }): string {
  return `${b.framework} ${b.version.startsWith('v') ? b.version : `v${b.version}`} ${b.control}`;
}

/**
 * A copy with object keys sorted at every depth (arrays keep their order): evidence renders the same bytes whatever
 * order a check built it in.
 */
export function canonical(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(canonical);
  if (value !== null && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort(cmp)) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = canonical(v);
    }
    return out;
  }
  return value;
}

/** The fingerprints of the diff, by outcome, for renderers that annotate results. */
export function diffIndex(diff: Diff | null): {
  regression: Map<string, Diff['regressions'][number]>;
  unchanged: Set<string>;
  waived: Set<string>;
  unassessed: Set<string>;
} {
  return {
    regression: new Map((diff?.regressions ?? []).map((r) => [r.result.fingerprint, r] as const)),
    unchanged: new Set((diff?.unchanged ?? []).map((r) => r.fingerprint)),
    waived: new Set((diff?.waived ?? []).map((r) => r.fingerprint)),
    unassessed: new Set((diff?.unassessed ?? []).map((u) => u.previous.fingerprint)),
  };
}

/** Hex characters of the fingerprint the text and Markdown reports show: `waive` takes it as a unique prefix. */
export const SHORT_FINGERPRINT_LENGTH = 10;

/** The first SHORT_FINGERPRINT_LENGTH characters of a fingerprint. */
export function shortFingerprint(fingerprint: string): string {
  return fingerprint.slice(0, SHORT_FINGERPRINT_LENGTH);
}
