/**
 * Each control's status in a scan's report (`scan --framework ID`): the JSON list, the counts line, the text
 * section, and what every format says of one control (docs/frameworks.md).
 */
import {
  CONTROL_STATUSES,
  type ControlStatus,
  type ControlStatusName,
  type FrameworkStatus,
  type StatusCounts,
} from '../core/frameworks/status';
import { shortFingerprint } from './common';
import { clean, padEnd, wrap } from './terminal';

export interface JsonFrameworkStatus {
  id: string;
  framework: string;
  version: string;
  counts: StatusCounts;
  sections: { id: string; title: string; counts: StatusCounts }[];
  controls: {
    id: string;
    title: string;
    section: string;
    assessment: string;
    level: 1 | 2 | null;
    status: ControlStatusName;
    checks: string[];
    failing: string[];
    waived: string[];
    unknown: string[];
    reasons: string[];
    guidance?: string;
  }[];
}

/** The `frameworks` list of the JSON report: keys in a fixed order, controls in the framework's order. */
export function frameworksJson(statuses: readonly FrameworkStatus[]): JsonFrameworkStatus[] {
  return statuses.map((f) => ({
    id: f.id,
    framework: f.framework,
    version: f.version,
    counts: orderedCounts(f.counts),
    sections: f.sections.map((s) => ({ id: s.id, title: s.title, counts: orderedCounts(s.counts) })),
    controls: f.controls.map((c) => ({
      id: c.id,
      title: c.title,
      section: c.section,
      assessment: c.assessment,
      level: c.level,
      status: c.status,
      checks: c.checks,
      failing: [...c.failing].sort(),
      waived: [...c.waived].sort(),
      unknown: [...c.unknown].sort(),
      reasons: c.reasons,
      ...(c.guidance !== undefined ? { guidance: c.guidance } : {}),
    })),
  }));
}

function orderedCounts(c: StatusCounts): StatusCounts {
  const out = { total: c.total } as StatusCounts;
  for (const s of CONTROL_STATUSES) out[s] = c[s];
  return out;
}

/** One line of counts: `12 pass, 3 fail, 40 unknown, 2 not applicable, 60 manual, 14 not covered (of 131)`. */
export function statusCountsLine(c: StatusCounts): string {
  const words: Record<ControlStatusName, string> = {
    pass: 'pass',
    fail: 'fail',
    unknown: 'unknown',
    'not-applicable': 'not applicable',
    manual: 'manual',
    'not-covered': 'not covered',
  };
  return `${CONTROL_STATUSES.map((s) => `${c[s]} ${words[s]}`).join(', ')} (of ${c.total})`;
}

export const STATUS_LABEL: Record<ControlStatusName, string> = {
  pass: 'PASS',
  fail: 'FAIL',
  unknown: 'UNKNOWN',
  'not-applicable': 'N/A',
  manual: 'MANUAL',
  'not-covered': 'NOT COVERED',
};

/** What a control's line says beyond its status: the failing findings, the reasons, the guidance. */
export function controlDetail(c: ControlStatus): string | undefined {
  if (c.status === 'fail') {
    const fps = c.failing.map(shortFingerprint);
    const shown = fps.slice(0, 5).join(', ') + (fps.length > 5 ? ` and ${fps.length - 5} more` : '');
    const waived = c.waived.length > 0 ? ` (${c.waived.length} waived)` : '';
    return `${c.failing.length} failing finding${c.failing.length === 1 ? '' : 's'}${waived}: ${shown}`;
  }
  if (c.status === 'unknown') return c.reasons.join('; ');
  if (c.status === 'manual') return c.guidance;
  if (c.status === 'not-covered') return 'no check of ours judges this control yet';
  return undefined;
}

/** The text report's FRAMEWORKS section. */
export function frameworkStatusText(statuses: readonly FrameworkStatus[], width: number): string[] {
  const out: string[] = [];
  for (const f of statuses) {
    out.push('', `FRAMEWORK ${f.framework} ${f.version} (${f.id})`);
    out.push(...wrap(statusCountsLine(f.counts), width - 2).map((l) => `  ${l}`));
    for (const c of f.controls) {
      const head = `  ${padEnd(STATUS_LABEL[c.status], 11)} ${padEnd(c.id, 8)} `;
      out.push(
        ...wrap(clean(c.title), width - head.length).map((l, i) => (i === 0 ? head : ' '.repeat(head.length)) + l),
      );
      // Not covered needs no second line in a terminal: the label says it.
      const detail = c.status === 'not-covered' ? undefined : controlDetail(c);
      if (detail) out.push(...wrap(clean(detail), width - head.length).map((l) => ' '.repeat(head.length) + l));
    }
  }
  return out;
}
