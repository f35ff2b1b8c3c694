/**
 * A control's status in one scan, derived from the results of the checks that judge it (docs/frameworks.md):
 *
 * - fail: a judging check failed on some resource (waived failures included: a waiver accepts a risk, it does not
 *   meet the control; they are listed as waived);
 * - unknown: no failure, but a judging result is unknown, a judging check did not run, or a target it applies to
 *   was not assessed (or there is none in the scan): the reasons say which. Never pass on evidence not seen;
 * - pass: every judging check ran on every target it applies to, every result passed or was not applicable, and at
 *   least one passed;
 * - not-applicable: every judging result was not applicable;
 * - manual: no check judges the control and the benchmark assesses it by hand (the guidance says how);
 * - not-covered: no check judges the control although the benchmark calls it automated.
 */
import type { CheckMeta, Result, Snapshot } from '../model';
import type { Assessment, FrameworkData } from './types';

export const CONTROL_STATUSES = ['pass', 'fail', 'unknown', 'not-applicable', 'manual', 'not-covered'] as const;
export type ControlStatusName = (typeof CONTROL_STATUSES)[number];

export type StatusCounts = Record<ControlStatusName, number> & { total: number };

export interface ControlStatus {
  id: string;
  title: string;
  section: string;
  assessment: Assessment;
  level: 1 | 2 | null;
  status: ControlStatusName;
  checks: string[];
  /** Fingerprints of the failing results (waived ones included). */
  failing: string[];
  /** Of `failing`, the fingerprints a waiver covers. */
  waived: string[];
  /** Fingerprints of the unknown results. */
  unknown: string[];
  /** Why the control is unknown (unique, at most MAX_REASONS and a count of the rest). */
  reasons: string[];
  guidance?: string;
}

export interface FrameworkStatus {
  id: string;
  framework: string;
  version: string;
  counts: StatusCounts;
  sections: { id: string; title: string; counts: StatusCounts }[];
  controls: ControlStatus[];
}

/** What a control's status is derived from: the scan's snapshot and the catalogue (each check's target kind). */
export interface StatusInput {
  snapshot: Pick<Snapshot, 'checks' | 'results' | 'targets'>;
  checks: readonly Pick<CheckMeta, 'id' | 'targetKind'>[];
}

const MAX_REASONS = 10;

function limited(reasons: readonly string[]): string[] {
  const unique = [...new Set(reasons)];
  if (unique.length <= MAX_REASONS) return unique;
  return [...unique.slice(0, MAX_REASONS), `… and ${unique.length - MAX_REASONS} more`];
}

function emptyCounts(): StatusCounts {
  return { total: 0, pass: 0, fail: 0, unknown: 0, 'not-applicable': 0, manual: 0, 'not-covered': 0 };
}

function countOf(controls: readonly ControlStatus[]): StatusCounts {
  const counts = emptyCounts();
  for (const c of controls) {
    counts[c.status] += 1;
    counts.total += 1;
  }
  return counts;
}

/** The status of every control of `framework` in the scan `input` describes. */
export function frameworkStatus(framework: FrameworkData, input: StatusInput): FrameworkStatus {
  const ran = new Set(input.snapshot.checks);
  const byCheck = new Map<string, Result[]>();
  for (const r of input.snapshot.results) {
    const list = byCheck.get(r.checkId) ?? [];
    list.push(r);
    byCheck.set(r.checkId, list);
  }
  const kindOf = new Map(input.checks.map((c) => [c.id, c.targetKind]));

  const controls = framework.controls.map((control): ControlStatus => {
    const base = {
      id: control.id,
      title: control.title,
      section: control.section,
      assessment: control.assessment,
      level: control.level,
      checks: control.checks,
      failing: [] as string[],
      waived: [] as string[],
      unknown: [] as string[],
      reasons: [] as string[],
    };
    if (control.checks.length === 0) {
      return control.assessment === 'manual'
        ? { ...base, status: 'manual', ...(control.guidance ? { guidance: control.guidance } : {}) }
        : { ...base, status: 'not-covered' };
    }
    const reasons: string[] = [];
    const results: Result[] = [];
    for (const checkId of control.checks) {
      if (!ran.has(checkId)) {
        reasons.push(`${checkId} did not run in this scan`);
        continue;
      }
      const own = byCheck.get(checkId) ?? [];
      results.push(...own);
      const kind = kindOf.get(checkId);
      const targets = input.snapshot.targets.filter((t) => kind === undefined || t.kind === kind);
      if (targets.length === 0) reasons.push(`${checkId}: no ${kind ?? 'matching'} target in this scan`);
      for (const t of targets) {
        if (t.status === 'unreachable') {
          reasons.push(`${checkId}: ${t.name} was not assessed (${t.reason ?? 'unreachable'})`);
        }
      }
    }
    const failing = results.filter((r) => r.status === 'fail');
    const unknown = results.filter((r) => r.status === 'unknown');
    for (const r of unknown) reasons.push(`${r.checkId} on ${r.target}: ${r.message}`);
    const found = {
      ...base,
      failing: failing.map((r) => r.fingerprint),
      waived: failing.filter((r) => r.waiver).map((r) => r.fingerprint),
      unknown: unknown.map((r) => r.fingerprint),
    };
    if (failing.length > 0) return { ...found, status: 'fail', reasons: limited(reasons) };
    if (reasons.length > 0) return { ...found, status: 'unknown', reasons: limited(reasons) };
    if (results.some((r) => r.status === 'pass')) return { ...found, status: 'pass' };
    if (results.length > 0) return { ...found, status: 'not-applicable' };
    return { ...found, status: 'unknown', reasons: ['no judging check produced a result'] };
  });

  return {
    id: framework.id,
    framework: framework.framework,
    version: framework.version,
    counts: countOf(controls),
    sections: framework.sections.map((s) => ({
      id: s.id,
      title: s.title,
      counts: countOf(controls.filter((c) => c.section === s.id)),
    })),
    controls,
  };
}
