/**
 * The terminal report: what changed since the last scan on top, then the targets, then the failing results by
 * severity, then what could not be assessed, and a one-line summary at the end. Pure: the CLI decides on colour.
 */
import { type Result, SEVERITIES, type Severity, STATUSES, severityRank } from '../core/model';
import { canonical, checkIndex, plural, resourceLabel, sortBy, sortResults, summarize, summaryLine } from './common';
import { clean, hanging, padEnd, padStart, painter, visibleLength, wrap } from './terminal';
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

export function renderText(input: ReportInput, opts: TextOptions): string {
  const width = Math.max(60, opts.width ?? 100);
  const verbose = opts.verbose ?? false;
  const paint = painter(opts.color);
  const find = checkIndex(input.checks);
  const { snapshot, diff } = input;
  const out: string[] = [];
  const heading = (text: string) => out.push('', paint('1', text));
  const sev = (s: Severity) => paint(SEVERITY_COLOR[s], padEnd(s.toUpperCase(), LABEL_WIDTH));
  const headOf = (r: Result) => clean(`${r.checkId} · ${r.target} · ${resourceLabel(r.resource)}`);

  // Header.
  out.push(
    ...wrap(
      clean(
        `${snapshot.tool.name} ${snapshot.tool.version} · scope ${snapshot.scope} · scan ${snapshot.scanId} (${snapshot.trigger})`,
      ),
      width,
    ).map((l) => paint('1', l)),
    ...wrap(
      clean(
        `started ${snapshot.startedAt}, finished ${snapshot.finishedAt}${duration(snapshot.startedAt, snapshot.finishedAt)}`,
      ),
      width,
    ),
  );
  if (input.stored) out.push(...wrap(clean(`snapshot ${input.stored.key} stored in ${input.stored.location}`), width));

  // The diff, on top: it is what changed tonight.
  if (diff === null) {
    heading('CHANGES');
    out.push('  No comparison: no previous snapshot was read.');
  } else if (diff.baseline) {
    heading('CHANGES');
    const failing = snapshot.results.filter((r) => r.status === 'fail').length;
    out.push(
      ...hanging(
        2,
        '',
        0,
        clean(
          `baseline: first scan of scope ${snapshot.scope}; ${plural(failing, 'failing result')} recorded, ` +
            'not reported as regressions.',
        ),
        width,
      ),
    );
  } else {
    heading(clean(`CHANGES SINCE ${diff.previousScanId ?? 'the previous scan'}`));
    if (diff.regressions.length + diff.resolved.length + diff.unassessed.length === 0) {
      out.push('  No regressions, nothing resolved.');
    }
    if (diff.regressions.length > 0) {
      out.push(`  ${paint('1;31', `Regressions (${diff.regressions.length})`)}`);
      const regs = sortBy(diff.regressions, (g) => g.result);
      for (const reg of regs) {
        const r = reg.result;
        const why =
          reg.reason === 'new'
            ? 'new'
            : reg.reason === 'severity-raised'
              ? `severity raised from ${reg.previous?.severity ?? 'lower'}`
              : 'waiver expired';
        out.push(...hanging(4, sev(r.severity), LABEL_WIDTH, `${headOf(r)} [${why}]`, width));
        out.push(...hanging(4 + LABEL_WIDTH, '', 0, clean(r.message), width));
      }
    }
    if (diff.resolved.length > 0) {
      out.push(`  ${paint('32', `Resolved (${diff.resolved.length})`)}`);
      const res = sortBy(diff.resolved, (x) => x.previous);
      for (const x of res) {
        const why = x.reason === 'passed' ? 'now passes' : 'resource gone';
        out.push(...hanging(4, sev(x.previous.severity), LABEL_WIDTH, `${headOf(x.previous)} [${why}]`, width));
      }
    }
    if (diff.unassessed.length > 0) {
      out.push(`  ${paint('35', `Unassessed (${diff.unassessed.length})`)}: failing before, could not be assessed now`);
      const un = sortBy(diff.unassessed, (u) => u.previous);
      for (const u of un) {
        out.push(...hanging(4, sev(u.previous.severity), LABEL_WIDTH, headOf(u.previous), width));
        out.push(...hanging(4 + LABEL_WIDTH, '', 0, clean(u.reason), width));
      }
    }
  }

  // Targets, with the ones not fully assessed flagged.
  heading(`TARGETS (${snapshot.targets.length})`);
  const targets = [...snapshot.targets].sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const nameWidth = Math.min(30, Math.max(4, ...targets.map((t) => visibleLength(clean(t.name)))));
  for (const t of targets) {
    const [statusText, code] =
      t.status === 'assessed'
        ? ['assessed', '32']
        : t.status === 'partial'
          ? ['PARTIAL', '1;33']
          : ['UNREACHABLE', '1;31'];
    const name = clean(t.name);
    const head = `${padEnd(name, nameWidth)}  ${padEnd(t.kind, 8)} ${paint(code, statusText)}`;
    if (!t.reason) {
      out.push(`  ${head}`);
    } else if (visibleLength(name) > nameWidth) {
      out.push(`  ${head}`);
      out.push(...hanging(4, '', 0, clean(t.reason), width));
    } else {
      const label = `${head}${' '.repeat(13 - statusText.length)}`;
      out.push(...hanging(2, label, nameWidth + 2 + 9 + 13, clean(t.reason), width));
    }
  }

  // Counts per severity and status.
  const summary = summarize(snapshot.results, diff);
  heading('RESULTS BY SEVERITY');
  const cols = STATUSES.map((s) => (s === 'not-applicable' ? 'n/a' : s));
  out.push(`  ${padEnd('', LABEL_WIDTH)}${cols.map((c) => padStart(c, 9)).join('')}`);
  const grid = new Map<string, number>();
  for (const r of snapshot.results)
    grid.set(`${r.severity}/${r.status}`, (grid.get(`${r.severity}/${r.status}`) ?? 0) + 1);
  for (const s of SEVERITIES) {
    const cells = STATUSES.map((st) => {
      const n = grid.get(`${s}/${st}`) ?? 0;
      const cell = padStart(String(n), 9);
      return n > 0 && st === 'fail' ? paint(SEVERITY_COLOR[s], cell) : n === 0 ? paint('2', cell) : cell;
    });
    out.push(`  ${sev(s)}${cells.join('')}`);
  }

  // Failing results, worst first, each with its remediation when it matters most (or always with verbose).
  const failing = sortResults(snapshot.results.filter((r) => r.status === 'fail'));
  heading(`FAILING (${failing.length})`);
  if (failing.length === 0) out.push('  Nothing failed.');
  for (const s of SEVERITIES) {
    const group = failing.filter((r) => r.severity === s);
    if (group.length === 0) continue;
    out.push(`  ${paint(SEVERITY_COLOR[s], `${s.toUpperCase()} (${group.length})`)}`);
    for (const r of group) {
      const extra = r.waiver ? ` [waived until ${r.waiver.expires.slice(0, 10)} by ${r.waiver.createdBy}]` : '';
      out.push(...hanging(4, '', 0, clean(headOf(r) + extra), width));
      out.push(...hanging(6, '', 0, clean(r.message), width));
      if (r.waiver) out.push(...hanging(6, paint('2', 'Waiver: '), 8, clean(r.waiver.reason), width));
      if (verbose && r.evidence && Object.keys(r.evidence).length > 0) {
        out.push(...hanging(6, paint('2', 'Evidence: '), 10, clean(evidenceText(r.evidence)), width));
      }
      const meta = find(r.checkId);
      if (meta && (verbose || severityRank(s) >= severityRank('high'))) {
        // One line by default (the start of the remediation), the whole of it with verbose.
        const fix = verbose ? clean(meta.remediation) : oneLine(clean(meta.remediation), width - 11);
        out.push(...hanging(6, paint('2', 'Fix: '), 5, fix, width));
      }
    }
  }

  // What could not be assessed: never silent, never a pass.
  const unknown = sortResults(snapshot.results.filter((r) => r.status === 'unknown'));
  if (unknown.length > 0) {
    heading(`COULD NOT ASSESS (${unknown.length})`);
    if (verbose || unknown.length <= UNKNOWN_LIST_LIMIT) {
      for (const r of unknown) {
        out.push(...hanging(4, '', 0, headOf(r), width));
        out.push(...hanging(6, '', 0, clean(r.message), width));
      }
    } else {
      // Grouped by target and reason: an unreachable host makes every one of its checks unknown for one reason.
      const groups = new Map<string, { target: string; message: string; checks: string[] }>();
      for (const r of unknown) {
        const key = `${r.target}\u0000${r.message}`;
        const g = groups.get(key) ?? { target: r.target, message: r.message, checks: [] };
        g.checks.push(r.checkId);
        groups.set(key, g);
      }
      for (const g of groups.values()) {
        out.push(...hanging(4, '', 0, clean(`${g.target}: ${plural(g.checks.length, 'result')}`), width));
        out.push(...hanging(6, '', 0, clean(g.message), width));
        if (g.checks.length > 1) out.push(...hanging(6, paint('2', 'Checks: '), 8, clean(g.checks.join(', ')), width));
      }
      out.push(paint('2', '  (--verbose lists every one)'));
    }
  }

  out.push('', ...wrap(summaryLine(summary), width).map((l) => paint('1', l)));
  return `${out.join('\n')}\n`;
}

/** The first sentence, cut at a word boundary with `…` to fit `room` columns. */
export function oneLine(text: string, room: number): string {
  const first = text.split(/(?<=\.)\s/)[0];
  if (visibleLength(first) <= room) return first;
  const cps = [...first].slice(0, room - 1).join('');
  const cut = cps.lastIndexOf(' ');
  return `${(cut > room / 2 ? cps.slice(0, cut) : cps).replace(/[\s,;:]+$/, '')}…`;
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
