/**
 * GitHub-flavoured Markdown for PR comments and CI job summaries: a summary table, the regressions, failing
 * results by severity, what could not be assessed, and how to fix what failed. Every string from a host or a
 * cluster is escaped: it can break no table, inject no link or HTML, and mention nobody. Our own prose (titles,
 * remediation) is escaped but not neutralised, its quoted settings in code spans, so a fix copies exactly.
 */
import type { FrameworkStatus } from '../core/frameworks/status';

import { machineLabel } from '../core/machine';
import { type Result, SEVERITIES, type Severity } from '../core/model';
import { checkIndex, cmp, plural, resourceLabel, shortFingerprint, sortBy, sortResults, summarize } from './common';
import { controlDetail, STATUS_LABEL, statusCountsLine } from './framework-status';
import type { MarkdownOptions, ReportInput } from './types';

// biome-ignore lint/suspicious/noControlCharactersInRegex: control characters are what is being removed
const CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Inline text: Markdown and HTML syntax escaped, line breaks become spaces, `@` cannot mention anyone. */
export function mdText(text: string): string {
  return mdEscape(text).replace(/@/g, '@\u2060');
}

/** Markdown and HTML syntax escaped, line breaks become spaces; `@` left as it is. */
function mdEscape(text: string): string {
  return text
    .replace(CONTROL, '\uFFFD')
    .replace(LONE_SURROGATE, '\uFFFD')
    .replace(/[\\`*_[\]<>|~&]/g, (c) => `\\${c}`)
    .replace(/\s*(\r\n|\r|\n)\s*/g, ' ')
    .replace(/\t/g, ' ');
}

/**
 * Our own prose (a check's title or remediation, never text from a cluster or a host): escaped so it renders as
 * written, with no mention neutraliser (an invisible character in `…@openssh.com` breaks the setting it is copied
 * into), and every quoted phrase (a setting, a command: "Ciphers …", "sshd -t") as a code span, copied exactly.
 */
export function mdTrusted(text: string, inTable = false): string {
  return text
    .split(/"([^"\n]+)"/)
    .map((part, i) => (i % 2 === 1 ? code(part, inTable) : mdEscape(part)))
    .join('');
}

/** A table cell: like mdText, but line breaks are kept as <br>. */
export function mdCell(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map(mdText)
    .join('<br>');
}

/** A code span that no backtick or line break can end early; in a table cell a pipe is escaped (GFM). */
function code(text: string, inTable = false): string {
  const t = text
    .replace(/[`\r\n]/g, ' ')
    .replace(CONTROL, '\uFFFD')
    .replace(LONE_SURROGATE, '\uFFFD');
  return `\`${inTable ? t.replace(/\|/g, '\\|') : t}\``;
}

const SEVERITY_BADGE: Record<Severity, string> = {
  critical: '🟥 critical',
  high: '🟧 high',
  medium: '🟨 medium',
  low: '🟦 low',
  info: '⬜ info',
};

export function renderMarkdown(input: ReportInput, opts: MarkdownOptions = {}): string {
  const maxRows = Math.max(1, opts.maxRows ?? 100);
  const { snapshot, diff } = input;
  const find = checkIndex(input.checks);
  const s = summarize(snapshot.results, diff);
  const out: string[] = [];

  const table = <T>(header: string[], rows: readonly T[], cells: (row: T) => string[]) => {
    out.push(`| ${header.join(' | ')} |`, `|${header.map(() => ' --- ').join('|')}|`);
    for (const row of rows.slice(0, maxRows)) out.push(`| ${cells(row).join(' | ')} |`);
    if (rows.length > maxRows) out.push('', `… and ${rows.length - maxRows} more (the JSON report has them all).`);
    out.push('');
  };
  const where = (r: Result) => [code(r.checkId, true), mdCell(r.target), mdCell(resourceLabel(r.resource))];
  // The short fingerprint a finding can be waived by (`compliance-bot waive PREFIX`).
  const fp = (r: Result) => code(shortFingerprint(r.fingerprint), true);

  out.push(`## ${mdText(snapshot.tool.name)} report: scope ${code(snapshot.scope)}`, '');
  out.push(
    `Scan ${code(snapshot.scanId)} (${mdText(snapshot.trigger)}), ${mdText(snapshot.startedAt)} to ` +
      `${mdText(snapshot.finishedAt)}, ${mdText(snapshot.tool.name)} ${mdText(snapshot.tool.version)}.`,
  );
  if (input.stored) out.push(`Snapshot ${code(input.stored.key)} stored in ${code(input.stored.location)}.`);
  out.push('');

  // Summary table: one row, so it reads at a glance in a PR comment.
  const head = ['Failed', ...SEVERITIES.map((v) => v[0].toUpperCase() + v.slice(1)), 'Passed', 'Unknown', 'N/A'];
  const row = [
    `**${s.byStatus.fail}**`,
    ...SEVERITIES.map((v) => String(s.failedBySeverity[v])),
    String(s.byStatus.pass),
    String(s.byStatus.unknown),
    String(s.byStatus['not-applicable']),
  ];
  if (s.waived > 0) {
    head.push('Waived');
    row.push(String(s.waived));
  }
  if (s.diff && !s.diff.baseline) {
    head.push('Regressions', 'Resolved', 'Unassessed');
    row.push(`**${s.diff.regressions}**`, String(s.diff.resolved), String(s.diff.unassessed));
  }
  out.push(`| ${head.join(' | ')} |`, `|${head.map(() => ' ---: ').join('|')}|`, `| ${row.join(' | ')} |`, '');

  if (diff === null) {
    out.push('No comparison: no previous snapshot was read.', '');
  } else if (diff.baseline) {
    out.push(
      `> **Baseline:** first scan of scope ${code(snapshot.scope)}; ${plural(s.byStatus.fail, 'failing result')} ` +
        'recorded, not reported as regressions.',
      '',
    );
  } else {
    out.push(`Compared with scan ${code(diff.previousScanId ?? 'unknown')}.`, '');
    out.push(`### Regressions (${diff.regressions.length})`, '');
    if (diff.regressions.length === 0) out.push('None.', '');
    else {
      const regs = sortBy(diff.regressions, (g) => g.result);
      table(['Severity', 'Check', 'Target', 'Resource', 'Message', 'Why', 'Fingerprint'], regs, (g) => [
        SEVERITY_BADGE[g.result.severity],
        ...where(g.result),
        mdCell(g.result.message),
        g.reason === 'new'
          ? 'new'
          : g.reason === 'severity-raised'
            ? `severity raised from ${g.previous?.severity ?? 'lower'}`
            : 'waiver expired',
        fp(g.result),
      ]);
    }
    if (diff.resolved.length > 0) {
      out.push(`### Resolved (${diff.resolved.length})`, '');
      const res = sortBy(diff.resolved, (x) => x.previous);
      table(['Severity', 'Check', 'Target', 'Resource', 'How'], res, (x) => [
        SEVERITY_BADGE[x.previous.severity],
        ...where(x.previous),
        x.reason === 'passed' ? 'now passes' : 'resource gone',
      ]);
    }
    if (diff.unassessed.length > 0) {
      out.push(
        `### Unassessed (${diff.unassessed.length})`,
        '',
        'Failing before; could not be assessed this time.',
        '',
      );
      const un = sortBy(diff.unassessed, (u) => u.previous);
      table(['Severity', 'Check', 'Target', 'Resource', 'Reason', 'Fingerprint'], un, (u) => [
        SEVERITY_BADGE[u.previous.severity],
        ...where(u.previous),
        mdCell(u.reason),
        fp(u.previous),
      ]);
    }
  }

  const notAssessed = [...snapshot.targets].filter((t) => t.status !== 'assessed').sort((a, b) => cmp(a.name, b.name));
  if (notAssessed.length > 0) {
    out.push(`### Targets not fully assessed (${notAssessed.length} of ${snapshot.targets.length})`, '');
    table(['Target', 'Kind', 'Status', 'Reason'], notAssessed, (t) => [
      mdCell(machineLabel(t.name, t.identity)),
      t.kind,
      t.status === 'unreachable' ? '**unreachable**' : 'partial',
      mdCell(t.reason ?? ''),
    ]);
  }

  const failing = sortResults(snapshot.results.filter((r) => r.status === 'fail'));
  out.push(`### Failing results (${failing.length})`, '');
  if (failing.length === 0) out.push('Nothing failed.', '');
  for (const v of SEVERITIES) {
    const group = failing.filter((r) => r.severity === v);
    if (group.length === 0) continue;
    out.push(`#### ${SEVERITY_BADGE[v]} (${group.length})`, '');
    table(['Check', 'Target', 'Resource', 'Message', 'Fingerprint'], group, (r) => [
      ...where(r),
      mdCell(r.message) +
        (r.waiver
          ? `<br>_waived until ${mdText(r.waiver.expires.slice(0, 10))} by ${mdText(r.waiver.createdBy)}: ${mdText(r.waiver.reason)}_`
          : ''),
      fp(r),
    ]);
  }

  const unknown = sortResults(snapshot.results.filter((r) => r.status === 'unknown'));
  if (unknown.length > 0) {
    out.push(`### Could not assess (${unknown.length})`, '');
    table(['Check', 'Target', 'Resource', 'Reason'], unknown, (r) => [...where(r), mdCell(r.message)]);
  }

  if (input.frameworks && input.frameworks.length > 0) {
    out.push('### Frameworks', '');
    out.push(...frameworkStatusMarkdown(input.frameworks));
  }

  // How to fix: each failing check once, worst first.
  const fixes = new Map<string, { id: string; title: string; remediation: string }>();
  for (const r of failing) {
    const meta = find(r.checkId);
    if (meta && !fixes.has(meta.id)) fixes.set(meta.id, meta);
  }
  if (fixes.size > 0) {
    out.push('<details><summary>How to fix</summary>', '');
    for (const f of fixes.values()) out.push(`- ${code(f.id)} ${mdTrusted(f.title)}: ${mdTrusted(f.remediation)}`);
    out.push('', '</details>', '');
  }
  return capped(`${out.join('\n').trimEnd()}\n`, opts.maxChars ?? GITHUB_COMMENT_CHARS, input);
}

/** What a GitHub comment holds (characters; counted here in UTF-16 code units, never fewer). */
export const GITHUB_COMMENT_CHARS = 65_536;

/**
 * The report cut to `max` characters between lines (a table simply ends, an open <details> is closed), with a note
 * that it was cut and where every result is. A report that fits is returned as it is.
 */
function capped(md: string, max: number, input: ReportInput): string {
  if (md.length <= max) return md;
  const where = input.stored
    ? `the snapshot ${code(input.stored.key)} stored in ${code(input.stored.location)} and in the JSON report`
    : 'the JSON report';
  const note =
    `> **Cut short:** this report is ${md.length.toLocaleString('en-US')} characters, more than a GitHub comment ` +
    `holds (${max.toLocaleString('en-US')}). Every result is in ${where} (\`compliance-bot scan --format json\`).\n`;
  const closing = '\n</details>\n';
  const budget = max - note.length - closing.length - 1;
  const kept: string[] = [];
  let length = 0;
  let open = 0;
  for (const line of md.split('\n')) {
    if (length + line.length + 1 > budget) break;
    kept.push(line);
    length += line.length + 1;
    if (line === '<details><summary>How to fix</summary>') open++;
    if (line === '</details>') open--;
  }
  if (open > 0) kept.push('', '</details>');
  return `${kept.join('\n').trimEnd()}\n\n${note}`;
}

/** The Markdown report's section for each framework. */
function frameworkStatusMarkdown(statuses: readonly FrameworkStatus[]): string[] {
  const out: string[] = [];
  for (const f of statuses) {
    out.push(`#### ${mdText(`${f.framework} ${f.version}`)}`, '', mdText(statusCountsLine(f.counts)), '');
    out.push('| Control | Title | Status | Details |', '| --- | --- | --- | --- |');
    for (const c of f.controls) {
      out.push(
        `| ${mdCell(c.id)} | ${mdCell(c.title)} | ${STATUS_LABEL[c.status]} | ${mdCell(controlDetail(c) ?? '')} |`,
      );
    }
    out.push('');
  }
  return out;
}
