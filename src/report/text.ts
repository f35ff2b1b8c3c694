/**
 * The terminal report: what changed since the last scan on top, then the targets, then the failing results by
 * severity, then what could not be assessed, and a one-line summary at the end. Pure: the CLI decides on colour.
 */

import { machineLabel } from '../core/machine';
import {
  type CheckMeta,
  type Diff,
  type Result,
  SEVERITIES,
  type Severity,
  type Snapshot,
  STATUSES,
  severityRank,
} from '../core/model';
import {
  canonical,
  checkIndex,
  plural,
  resourceLabel,
  shortFingerprint,
  sortBy,
  sortResults,
  summarize,
  summaryLine,
} from './common';
import { frameworkStatusText } from './framework-status';
import { clean, hanging, type Paint, padEnd, padStart, painter, visibleLength, wrap } from './terminal';
import type { ReportInput, TextOptions } from './types';

const SEVERITY_COLOR: Record<Severity, string> = {
  critical: '1;31',
  high: '31',
  medium: '33',
  low: '36',
  info: '2',
};
const LABEL_WIDTH = 10;
/** Unknown results listed one by one before they are grouped by reason (all of them with verbose). */
const UNKNOWN_LIST_LIMIT = 10;

type CheckLookup = ReturnType<typeof checkIndex>;

export function renderText(input: ReportInput, opts: TextOptions): string {
  const layout: Layout = {
    width: Math.max(60, opts.width ?? 100),
    verbose: opts.verbose ?? false,
    paint: painter(opts.color),
  };
  const { snapshot, diff } = input;
  const out = [
    ...headerLines(input, layout),
    // The diff, on top: it is what changed tonight.
    ...changeLines(snapshot, diff, layout),
    ...targetLines(snapshot.targets, layout),
    ...severityGrid(snapshot.results, layout),
    ...failingLines(snapshot.results, checkIndex(input.checks), layout),
    ...unknownLines(snapshot.results, layout),
    ...(input.frameworks ? frameworkStatusText(input.frameworks, layout.width) : []),
    '',
    ...wrap(summaryLine(summarize(snapshot.results, diff)), layout.width).map((l) => layout.paint('1', l)),
  ];
  return `${out.join('\n')}\n`;
}

/** What every section lays out with. */
interface Layout {
  width: number;
  verbose: boolean;
  paint: Paint;
}

const heading = (l: Layout, text: string): string[] => ['', l.paint('1', text)];
const sev = (l: Layout, s: Severity) => l.paint(SEVERITY_COLOR[s], padEnd(s.toUpperCase(), LABEL_WIDTH));
const headOf = (r: Result) => clean(`${r.checkId} · ${r.target} · ${resourceLabel(r.resource)}`);
/** The short fingerprint a finding can be waived by (`compliance-bot waive PREFIX`). */
const fp = (r: Result) => ` [${shortFingerprint(r.fingerprint)}]`;

function headerLines(input: ReportInput, l: Layout): string[] {
  const { snapshot } = input;
  const out = [
    ...wrap(
      clean(
        `${snapshot.tool.name} ${snapshot.tool.version} · scope ${snapshot.scope} · scan ${snapshot.scanId} (${snapshot.trigger})`,
      ),
      l.width,
    ).map((line) => l.paint('1', line)),
    ...wrap(
      clean(
        `started ${snapshot.startedAt}, finished ${snapshot.finishedAt}${duration(snapshot.startedAt, snapshot.finishedAt)}`,
      ),
      l.width,
    ),
  ];
  if (input.stored)
    out.push(...wrap(clean(`snapshot ${input.stored.key} stored in ${input.stored.location}`), l.width));
  return out;
}

function changeLines(snapshot: Snapshot, diff: Diff | null, l: Layout): string[] {
  if (diff === null) return [...heading(l, 'CHANGES'), '  No comparison: no previous snapshot was read.'];
  if (diff.baseline) {
    const failing = snapshot.results.filter((r) => r.status === 'fail').length;
    const text = clean(
      `baseline: first scan of scope ${snapshot.scope}; ${plural(failing, 'failing result')} recorded, ` +
        'not reported as regressions.',
    );
    return [...heading(l, 'CHANGES'), ...hanging(2, '', 0, text, l.width)];
  }
  const out = heading(l, clean(`CHANGES SINCE ${diff.previousScanId ?? 'the previous scan'}`));
  if (diff.regressions.length + diff.resolved.length + diff.unassessed.length === 0) {
    out.push('  No regressions, nothing resolved.');
  }
  out.push(...regressionLines(diff.regressions, l), ...resolvedLines(diff.resolved, l));
  out.push(...unassessedLines(diff.unassessed, l));
  return out;
}

function regressionLines(regressions: Diff['regressions'], l: Layout): string[] {
  if (regressions.length === 0) return [];
  const out = [`  ${l.paint('1;31', `Regressions (${regressions.length})`)}`];
  for (const reg of sortBy(regressions, (g) => g.result)) {
    const r = reg.result;
    const why =
      reg.reason === 'new'
        ? 'new'
        : reg.reason === 'severity-raised'
          ? `severity raised from ${reg.previous?.severity ?? 'lower'}`
          : 'waiver expired';
    out.push(...hanging(4, sev(l, r.severity), LABEL_WIDTH, `${headOf(r)} [${why}]${fp(r)}`, l.width));
    out.push(...hanging(4 + LABEL_WIDTH, '', 0, clean(r.message), l.width));
  }
  return out;
}

function resolvedLines(resolved: Diff['resolved'], l: Layout): string[] {
  if (resolved.length === 0) return [];
  const out = [`  ${l.paint('32', `Resolved (${resolved.length})`)}`];
  for (const x of sortBy(resolved, (y) => y.previous)) {
    const why = x.reason === 'passed' ? 'now passes' : 'resource gone';
    out.push(...hanging(4, sev(l, x.previous.severity), LABEL_WIDTH, `${headOf(x.previous)} [${why}]`, l.width));
  }
  return out;
}

function unassessedLines(unassessed: Diff['unassessed'], l: Layout): string[] {
  if (unassessed.length === 0) return [];
  const out = [`  ${l.paint('35', `Unassessed (${unassessed.length})`)}: failing before, could not be assessed now`];
  for (const u of sortBy(unassessed, (x) => x.previous)) {
    out.push(...hanging(4, sev(l, u.previous.severity), LABEL_WIDTH, headOf(u.previous) + fp(u.previous), l.width));
    out.push(...hanging(4 + LABEL_WIDTH, '', 0, clean(u.reason), l.width));
  }
  return out;
}

/** Targets, with the ones not fully assessed flagged. */
function targetLines(targets: Snapshot['targets'], l: Layout): string[] {
  const out = heading(l, `TARGETS (${targets.length})`);
  const sorted = [...targets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const nameWidth = Math.min(
    30,
    Math.max(4, ...sorted.map((t) => visibleLength(clean(machineLabel(t.name, t.identity))))),
  );
  for (const t of sorted) {
    const [statusText, code] =
      t.status === 'assessed'
        ? ['assessed', '32']
        : t.status === 'partial'
          ? ['PARTIAL', '1;33']
          : ['UNREACHABLE', '1;31'];
    const name = clean(machineLabel(t.name, t.identity));
    const head = `${padEnd(name, nameWidth)}  ${padEnd(t.kind, 8)} ${l.paint(code, statusText)}`;
    if (!t.reason) {
      out.push(`  ${head}`);
    } else if (visibleLength(name) > nameWidth) {
      out.push(`  ${head}`);
      out.push(...hanging(4, '', 0, clean(t.reason), l.width));
    } else {
      const label = `${head}${' '.repeat(13 - statusText.length)}`;
      out.push(...hanging(2, label, nameWidth + 2 + 9 + 13, clean(t.reason), l.width));
    }
  }
  return out;
}

/** Counts per severity and status. */
function severityGrid(results: readonly Result[], l: Layout): string[] {
  const out = heading(l, 'RESULTS BY SEVERITY');
  const cols = STATUSES.map((s) => (s === 'not-applicable' ? 'n/a' : s));
  out.push(`  ${padEnd('', LABEL_WIDTH)}${cols.map((c) => padStart(c, 9)).join('')}`);
  const grid = new Map<string, number>();
  for (const r of results) grid.set(`${r.severity}/${r.status}`, (grid.get(`${r.severity}/${r.status}`) ?? 0) + 1);
  for (const s of SEVERITIES) {
    const cells = STATUSES.map((st) => {
      const n = grid.get(`${s}/${st}`) ?? 0;
      const cell = padStart(String(n), 9);
      return n > 0 && st === 'fail' ? l.paint(SEVERITY_COLOR[s], cell) : n === 0 ? l.paint('2', cell) : cell;
    });
    out.push(`  ${sev(l, s)}${cells.join('')}`);
  }
  return out;
}

/** Failing results, worst first, each with its remediation when it matters most (or always with verbose). */
function failingLines(results: readonly Result[], find: CheckLookup, l: Layout): string[] {
  const failing = sortResults(results.filter((r) => r.status === 'fail'));
  const out = heading(l, `FAILING (${failing.length})`);
  if (failing.length === 0) out.push('  Nothing failed.');
  for (const s of SEVERITIES) {
    const group = failing.filter((r) => r.severity === s);
    if (group.length === 0) continue;
    out.push(`  ${l.paint(SEVERITY_COLOR[s], `${s.toUpperCase()} (${group.length})`)}`);
    for (const r of group) out.push(...failingResult(r, find(r.checkId), l));
  }
  return out;
}

function failingResult(r: Result, meta: CheckMeta | undefined, l: Layout): string[] {
  const extra = r.waiver ? ` [waived until ${r.waiver.expires.slice(0, 10)} by ${r.waiver.createdBy}]` : '';
  const out = [
    ...hanging(4, '', 0, clean(headOf(r) + extra) + fp(r), l.width),
    ...hanging(6, '', 0, clean(r.message), l.width),
  ];
  if (r.waiver) out.push(...hanging(6, l.paint('2', 'Waiver: '), 8, clean(r.waiver.reason), l.width));
  if (l.verbose && r.evidence && Object.keys(r.evidence).length > 0) {
    out.push(...hanging(6, l.paint('2', 'Evidence: '), 10, clean(evidenceText(r.evidence)), l.width));
  }
  if (meta && (l.verbose || severityRank(r.severity) >= severityRank('high'))) {
    // One line by default (the start of the remediation), the whole of it with verbose.
    const fix = l.verbose ? clean(meta.remediation) : oneLine(clean(meta.remediation), l.width - 11);
    out.push(...hanging(6, l.paint('2', 'Fix: '), 5, fix, l.width, { keepQuoted: true }));
  }
  return out;
}

/** What could not be assessed: never silent, never a pass. */
function unknownLines(results: readonly Result[], l: Layout): string[] {
  const unknown = sortResults(results.filter((r) => r.status === 'unknown'));
  if (unknown.length === 0) return [];
  const out = heading(l, `COULD NOT ASSESS (${unknown.length})`);
  if (l.verbose || unknown.length <= UNKNOWN_LIST_LIMIT) {
    for (const r of unknown) {
      out.push(...hanging(4, '', 0, headOf(r), l.width));
      out.push(...hanging(6, '', 0, clean(r.message), l.width));
    }
    return out;
  }
  out.push(...unknownGroupLines(unknown, l));
  out.push(l.paint('2', '  (--verbose lists every one)'));
  return out;
}

/** Grouped by target and reason: an unreachable host makes every one of its checks unknown for one reason. */
function unknownGroupLines(unknown: readonly Result[], l: Layout): string[] {
  const groups = new Map<string, { target: string; message: string; checks: string[] }>();
  for (const r of unknown) {
    const key = `${r.target}\u0000${r.message}`;
    const g = groups.get(key) ?? { target: r.target, message: r.message, checks: [] };
    g.checks.push(r.checkId);
    groups.set(key, g);
  }
  const out: string[] = [];
  for (const g of groups.values()) {
    out.push(...hanging(4, '', 0, clean(`${g.target}: ${plural(g.checks.length, 'result')}`), l.width));
    out.push(...hanging(6, '', 0, clean(g.message), l.width));
    if (g.checks.length > 1) out.push(...hanging(6, l.paint('2', 'Checks: '), 8, clean(g.checks.join(', ')), l.width));
  }
  return out;
}

/**
 * The first sentence, cut at a word boundary with `…` to fit `room` columns. A quoted phrase (a setting, a command)
 * is never cut: the cut goes before it, or after it when it opens the sentence.
 */
export function oneLine(text: string, room: number): string {
  const first = text.split(/(?<=\.)\s/)[0];
  if (visibleLength(first) <= room) return first;
  const cps = [...first].slice(0, room - 1).join('');
  let cut = cps.lastIndexOf(' ');
  let end = cut > room / 2 ? cut : cps.length;
  const open = (cps.slice(0, end).match(/"/g) ?? []).length % 2 === 1;
  if (open) {
    const quote = cps.lastIndexOf('"', end - 1);
    if (quote > 0) end = quote;
    else {
      // The sentence starts with the phrase: keep it whole.
      const close = first.indexOf('"', 1);
      cut = close < 0 ? first.length : close + 1;
      return `${first.slice(0, cut)}…`;
    }
  }
  return `${cps.slice(0, end).replace(/[\s,;:(]+$/, '')}…`;
}

/** `key=value` pairs, values as JSON, keys sorted at every depth: what the check saw, on as few lines as fit. */
function evidenceText(evidence: Record<string, unknown>): string {
  const sorted = canonical(evidence) as Record<string, unknown>;
  return Object.entries(sorted)
    .map(([k, v]) => `${k}=${typeof v === 'string' ? v : JSON.stringify(v)}`)
    .join(', ');
}

/** ` (7.5 s)`, or nothing when the times do not parse. */
function duration(start: string, end: string): string {
  const ms = Date.parse(end) - Date.parse(start);
  if (!Number.isFinite(ms) || ms < 0) return '';
  return ms < 60_000
    ? ` (${(ms / 1000).toFixed(1)} s)`
    : ` (${Math.floor(ms / 60_000)} min ${Math.round((ms % 60_000) / 1000)} s)`;
}
