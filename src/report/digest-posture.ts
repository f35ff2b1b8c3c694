/**
 * The digest's posture per framework (docs/digest.md, "Posture per framework"): for each framework and scope, the
 * control counts of the scope's last scan in the period, and the change since the scan at its start (the baseline of
 * "new" and "resolved": the last scan of the day before the period; else the first in it). The counts are read from the summaries (src/core/posture.ts wrote
 * them with the status derivation of `scan --framework`); a summary without them is "not recorded", never zero.
 */
import { findFramework } from '../core/frameworks/data';
import type { StatusCounts as ControlCounts } from '../core/frameworks/status';
import type { FrameworkPosture, SnapshotSummary } from '../core/summary';
import { dayIn } from './digest-period';
import { clip, escapeMrkdwn, LIMITS } from './slack-blocks';

export interface ScopePosture {
  scope: string;
  /** The sections counted, when not the whole framework. */
  sections?: string[];
  counts: ControlCounts;
  failing: string[];
  /** When the counts were taken: the scope's last scan in the period. */
  at: string;
  /**
   * The change since the scan at the start of the period; null when there is nothing to compare (one scan only, or
   * the start's summary has no counts for the same sections of this framework, or took them with other framework data).
   */
  change: { since: string; fail: number; unknown: number; newlyFailing: string[] } | null;
}

export interface FrameworkPostureLines {
  /** The framework data's ID. */
  id: string;
  /** "CIS Kubernetes Benchmark 1.12" (the ID when the data no longer has it). */
  name: string;
  /** Every section of the framework, in its order (empty when the data no longer has it). */
  sections: string[];
  scopes: ScopePosture[];
}

export interface DigestPosture {
  frameworks: FrameworkPostureLines[];
  /** Scopes whose last scan's summary keeps no control counts. */
  notRecorded: string[];
}

/** Counts that can be compared: the same sections, derived with the same framework data. */
const comparable = (a: FrameworkPosture, b: FrameworkPosture) =>
  a.data === b.data && JSON.stringify(a.sections ?? null) === JSON.stringify(b.sections ?? null);

/** What the posture reads of a summary. */
export type PostureSource = Pick<SnapshotSummary, 'startedAt' | 'frameworks'>;

/** Collects each scope's first and last summary, as DigestBuilder feeds them (oldest first, scope by scope). */
export class PostureTracker {
  private readonly byFramework = new Map<string, ScopePosture[]>();
  private readonly notRecorded: string[] = [];

  /** One scope's posture: `start` is the scan the change is counted from, `end` its last scan in the period. */
  add(scope: string, start: PostureSource | null, end: PostureSource): void {
    if (end.frameworks === undefined) {
      this.notRecorded.push(scope);
      return;
    }
    for (const f of end.frameworks) {
      const before = start && start !== end ? start.frameworks?.find((x) => x.id === f.id) : undefined;
      const change =
        start && before && comparable(before, f)
          ? {
              since: start.startedAt,
              fail: f.counts.fail - before.counts.fail,
              unknown: f.counts.unknown - before.counts.unknown,
              newlyFailing: f.failing.filter((id) => !before.failing.includes(id)),
            }
          : null;
      const list = this.byFramework.get(f.id) ?? [];
      list.push({
        scope,
        ...(f.sections ? { sections: f.sections } : {}),
        counts: f.counts,
        failing: f.failing,
        at: end.startedAt,
        change,
      });
      this.byFramework.set(f.id, list);
    }
  }

  finish(order: readonly string[]): DigestPosture {
    const rank = (id: string) => {
      const i = order.indexOf(id);
      return i < 0 ? order.length : i;
    };
    const ids = [...this.byFramework.keys()].sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
    return {
      frameworks: ids.map((id) => {
        const f = findFramework(id);
        return {
          id,
          name: f ? `${f.framework} ${f.version}` : id,
          sections: f ? f.sections.map((s) => s.id) : [],
          scopes: [...this.byFramework.get(id)!].sort((a, b) => a.scope.localeCompare(b.scope)),
        };
      }),
      notRecorded: [...this.notRecorded].sort(),
    };
  }
}

/** The controls our checks judge within the counted sections: what "of N automated" names. */
export function automated(c: ControlCounts): number {
  return c.pass + c.fail + c.unknown + c['not-applicable'];
}

const signed = (n: number) => (n > 0 ? `+${n}` : n < 0 ? `−${-n}` : '±0');

/** "71 pass, 9 fail, 4 unknown (of 100 automated), +2 fail since 2026-11-23 (newly failing: 5.1.1)". */
export function scopePostureText(p: ScopePosture, timeZone: string): string {
  const c = p.counts;
  const na = c['not-applicable'] > 0 ? `, ${c['not-applicable']} not applicable` : '';
  let text = `${c.pass} pass, ${c.fail} fail, ${c.unknown} unknown${na} (of ${automated(c)} automated)`;
  if (p.change) {
    const since = dayIn(Date.parse(p.change.since), timeZone);
    const unknown = p.change.unknown !== 0 ? `, ${signed(p.change.unknown)} unknown` : '';
    text += `, ${signed(p.change.fail)} fail${unknown} since ${since}`;
    const shown = p.change.newlyFailing.slice(0, 5);
    if (shown.length > 0) {
      const more = p.change.newlyFailing.length - shown.length;
      text += ` (newly failing: ${shown.join(', ')}${more > 0 ? ` and ${more} more` : ''})`;
    }
  }
  return text;
}

/**
 * Which part of a framework a scope counts, the shorter way: "sections 1.1, 4.1, 4.2, 4.3" or "all but sections
 * 1.1, 4.1, 4.2, 4.3".
 */
export function sectionsText(counted: readonly string[], all: readonly string[]): string {
  const left = all.filter((s) => !counted.includes(s));
  const text =
    all.length > 0 && left.length < counted.length
      ? `all but sections ${left.join(', ')}`
      : `sections ${counted.join(', ')}`;
  return clip(text, 80);
}

/** The mrkdwn of one framework's section of the digest: its name, then one line per scope (at most `max`). */
export function frameworkPostureMrkdwn(f: FrameworkPostureLines, timeZone: string, max = 15): string {
  const head = `*Posture: ${escapeMrkdwn(f.name)}* (controls at each scope's last scan)`;
  // Whole lines within Block Kit's section limit, with room left for the count of the scopes not shown.
  const budget = LIMITS.sectionText - 40;
  const lines: string[] = [];
  let length = head.length;
  for (const p of f.scopes.slice(0, max)) {
    const part = p.sections ? ` (${escapeMrkdwn(sectionsText(p.sections, f.sections))})` : '';
    const line = clip(
      `• \`${escapeMrkdwn(p.scope).replace(/`/g, "'")}\`${part}: ${escapeMrkdwn(scopePostureText(p, timeZone))}`,
      600,
    );
    if (length + 1 + line.length > budget) break;
    lines.push(line);
    length += 1 + line.length;
  }
  const left = f.scopes.length - lines.length;
  return `${head}\n${lines.join('\n')}${left > 0 ? `\n…and ${left} more scopes` : ''}`;
}

/** The line about scopes without counts. */
export function notRecordedMrkdwn(scopes: readonly string[], max = 20): string {
  const shown = scopes
    .slice(0, max)
    .map((s) => `\`${escapeMrkdwn(s).replace(/`/g, "'")}\``)
    .join(', ');
  const more = scopes.length > max ? ` and ${scopes.length - max} more` : '';
  return `*Posture per framework not recorded* for ${shown}${more}: the summary of the last scan keeps no control counts.`;
}

/** The fallback text's part: failing controls per framework, summed over its scopes. */
export function postureFallback(p: DigestPosture): string {
  if (p.frameworks.length === 0) return '';
  const parts = p.frameworks.map((f) => {
    const fail = f.scopes.reduce((n, s) => n + s.counts.fail, 0);
    const unknown = f.scopes.reduce((n, s) => n + s.counts.unknown, 0);
    return `${f.name} ${fail} fail, ${unknown} unknown`;
  });
  return ` Controls: ${parts.join('; ')}.`;
}
