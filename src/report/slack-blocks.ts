/**
 * Slack Block Kit rendering of a scan's diff: pure data in, messages out (no client, no I/O).
 *
 * Within Block Kit's limits (50 blocks a message, 3,000 characters a section, 150 a header, 75 a button label), and
 * accounting for every regression: the first ones are listed in the channel message, the next ones in thread
 * replies, and the rest (beyond what a thread can reasonably carry) are counted per check and target. A baseline
 * (the first scan of a scope) is summarised in one message.
 */

import { machineLabel } from '../core/machine';
import {
  type Diff,
  type Regression,
  type Result,
  SEVERITIES,
  type Severity,
  type Snapshot,
  severityRank,
} from '../core/model';

export const LIMITS = {
  blocksPerMessage: 50,
  sectionText: 3000,
  headerText: 150,
  buttonText: 75,
  buttonValue: 2000,
  contextElements: 10,
  fallbackText: 3000,
} as const;

// Minimal Block Kit types: the renderer stays pure and free of SDK types.
export interface TextObject {
  type: 'mrkdwn' | 'plain_text';
  text: string;
  emoji?: boolean;
}
export interface ButtonElement {
  type: 'button';
  text: TextObject;
  action_id: string;
  value: string;
  style?: 'primary' | 'danger';
}
export type Block =
  | { type: 'header'; text: TextObject }
  | { type: 'section'; text: TextObject; block_id?: string }
  | { type: 'context'; elements: TextObject[] }
  | { type: 'divider' }
  | { type: 'actions'; block_id?: string; elements: ButtonElement[] };

export interface SlackMessage {
  /** Notification and accessibility fallback. */
  text: string;
  blocks: Block[];
  /** True for replies in the thread of the first message of the report. */
  threaded: boolean;
}

export interface Accounting {
  /** Fingerprints listed in the channel message. */
  listed: string[];
  /** Fingerprints listed in thread replies. */
  threaded: string[];
  /** Regressions counted (per check and target) rather than listed. */
  counted: number;
  /** Regressions below the configured minimum severity, counted in one line. */
  belowMinSeverity: number;
}

export interface RenderedReport {
  messages: SlackMessage[];
  accounting: Accounting;
}

export interface SlackRenderOptions {
  minSeverity?: Severity;
  /** Post a one-line "all clear" when there is nothing else to say. */
  allClear?: boolean;
  /** Remediation text of a check, from the registry. */
  remediationOf?: (checkId: string) => string | undefined;
  /** Regressions listed in the channel message. */
  inChannel?: number;
  /** Regressions listed in the thread, beyond those of the channel message; the rest is counted. */
  inThread?: number;
}

export const ACTION_EXPLAIN = 'compliance_explain';
export const ACTION_WAIVE = 'compliance_waive';

/** What the buttons carry: enough to explain the check and to open the waiver modal. */
export interface FindingRef {
  c: string;
  f: string;
  t: string;
  s: string;
}

const EMOJI: Record<Severity, string> = {
  critical: ':red_circle:',
  high: ':large_orange_circle:',
  medium: ':large_yellow_circle:',
  low: ':large_blue_circle:',
  info: ':white_circle:',
};

/** Escapes the three characters Slack's mrkdwn interprets (so `<!channel>` in a resource name stays text). */
export function escapeMrkdwn(s: string): string {
  return s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** Our own prose (a remediation): escaped, its quoted settings and commands in code spans, copied exactly. */
export function slackTrusted(s: string): string {
  return s
    .split(/"([^"\n`]+)"/)
    .map((part, i) => (i % 2 === 1 ? `\`${escapeMrkdwn(part)}\`` : escapeMrkdwn(part)))
    .join('');
}

/** Shortens to `max` characters (code points), ending with an ellipsis when cut. */
export function clip(s: string, max: number): string {
  const chars = Array.from(s);
  return chars.length <= max ? s : `${chars.slice(0, max - 1).join('')}…`;
}

const plural = (n: number, one: string, many = `${one}s`) => `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
const cap = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

export function resourceLabel(r: Result['resource']): string {
  return `${r.kind} ${r.namespace ? `${r.namespace}/` : ''}${r.name}`;
}

const header = (text: string): Block => ({
  type: 'header',
  text: { type: 'plain_text', text: clip(text, LIMITS.headerText), emoji: true },
});
const section = (text: string): Block => ({
  type: 'section',
  text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText) },
});
const context = (...texts: string[]): Block => ({
  type: 'context',
  elements: texts
    .slice(0, LIMITS.contextElements)
    .map((t) => ({ type: 'mrkdwn' as const, text: clip(t, LIMITS.sectionText) })),
});

function severityCounts(items: { severity: Severity }[]): string {
  const counts = new Map<Severity, number>();
  for (const i of items) counts.set(i.severity, (counts.get(i.severity) ?? 0) + 1);
  return SEVERITIES.filter((s) => counts.has(s))
    .map((s) => `${EMOJI[s]} ${counts.get(s)!.toLocaleString('en-US')} ${s}`)
    .join('   ');
}

function scanContext(snapshot: Snapshot): Block {
  const assessed = snapshot.targets.filter((t) => t.status === 'assessed').length;
  return context(
    `Scope \`${escapeMrkdwn(snapshot.scope)}\` · scan \`${snapshot.scanId}\` · ${snapshot.trigger} · ${assessed}/${snapshot.targets.length} targets fully assessed`,
  );
}

/** The blocks of one regression: what, where, why, how to fix, and the two buttons. */
function regressionBlocks(
  reg: Regression,
  snapshot: Snapshot,
  remediationOf?: (id: string) => string | undefined,
): Block[] {
  const r = reg.result;
  const why =
    reg.reason === 'severity-raised'
      ? ` (severity raised from ${reg.previous?.severity ?? '?'})`
      : reg.reason === 'waiver-expired'
        ? ' (waiver expired)'
        : '';
  const fix = remediationOf?.(r.checkId);
  const text = [
    `${EMOJI[r.severity]} *${escapeMrkdwn(r.target)}* · ${escapeMrkdwn(resourceLabel(r.resource))}${why}`,
    escapeMrkdwn(clip(r.message, 1200)),
    fix ? `_Fix:_ ${slackTrusted(clip(fix, 1000))}` : '',
    `\`${escapeMrkdwn(r.checkId)}\` · fingerprint \`${r.fingerprint}\``,
  ]
    .filter((l) => l !== '')
    .join('\n');
  const ref: FindingRef = { c: r.checkId, f: r.fingerprint, t: r.target, s: snapshot.scope };
  const value = clip(JSON.stringify(ref), LIMITS.buttonValue);
  return [
    section(text),
    {
      type: 'actions',
      block_id: `finding_${r.fingerprint}`,
      elements: [
        { type: 'button', text: { type: 'plain_text', text: 'Explain' }, action_id: ACTION_EXPLAIN, value },
        { type: 'button', text: { type: 'plain_text', text: 'Waive…' }, action_id: ACTION_WAIVE, value },
      ],
    },
  ];
}

function bySeverity(a: Regression, b: Regression): number {
  return (
    severityRank(b.result.severity) - severityRank(a.result.severity) ||
    a.result.checkId.localeCompare(b.result.checkId) ||
    a.result.target.localeCompare(b.result.target) ||
    resourceLabel(a.result.resource).localeCompare(resourceLabel(b.result.resource))
  );
}

/**
 * Lays regressions out in messages of at most 50 blocks, a severity heading before each group. `reserved` blocks of
 * the first message are taken by its header and summary.
 */
function layout(regs: Regression[], snapshot: Snapshot, opts: SlackRenderOptions, first: Block[], maxInFirst: number) {
  const pages: Block[][] = [first];
  let current = first;
  let inFirst = 0;
  let lastSeverity: Severity | null = null;
  const placed: { fp: string; page: number }[] = [];
  for (const reg of regs) {
    const blocks = regressionBlocks(reg, snapshot, opts.remediationOf);
    const needsHeading = reg.result.severity !== lastSeverity || current.length === 0;
    const need = blocks.length + (needsHeading ? 1 : 0);
    const firstFull = pages.length === 1 && inFirst >= maxInFirst;
    // Leave room for one closing context line in every message.
    if (firstFull || current.length + need > LIMITS.blocksPerMessage - 1) {
      current = [];
      pages.push(current);
    }
    if (reg.result.severity !== lastSeverity || current.length === 0) {
      const n = regs.filter((r) => r.result.severity === reg.result.severity).length;
      current.push(section(`*${cap(reg.result.severity)}* (${n.toLocaleString('en-US')})`));
      lastSeverity = reg.result.severity;
    }
    current.push(...blocks);
    if (pages.length === 1) inFirst++;
    placed.push({ fp: reg.result.fingerprint, page: pages.length - 1 });
  }
  return { pages, placed };
}

/** Summary of regressions that are counted rather than listed: per check and target, most frequent first. */
function countedBlocks(regs: Regression[]): Block[] {
  const groups = new Map<string, { checkId: string; target: string; severity: Severity; n: number }>();
  for (const { result: r } of regs) {
    const key = `${r.checkId}\u0000${r.target}`;
    const g = groups.get(key) ?? { checkId: r.checkId, target: r.target, severity: r.severity, n: 0 };
    g.n++;
    if (severityRank(r.severity) > severityRank(g.severity)) g.severity = r.severity;
    groups.set(key, g);
  }
  const lines = [...groups.values()]
    .sort(
      (a, b) => severityRank(b.severity) - severityRank(a.severity) || b.n - a.n || a.checkId.localeCompare(b.checkId),
    )
    .map(
      (g) =>
        `${EMOJI[g.severity]} \`${escapeMrkdwn(g.checkId)}\` on *${escapeMrkdwn(g.target)}*: ${g.n.toLocaleString('en-US')}`,
    );
  const blocks: Block[] = [
    section(
      `*${plural(regs.length, 'more regression')} not listed here*, counted by check and target below. ` +
        'Every finding is in the JSON report (`compliance-bot scan --format json`) and `compliance-bot notify --dry-run`.',
    ),
  ];
  // Pack the lines into sections of at most 3,000 characters; beyond 45 sections, count the groups left.
  let chunk: string[] = [];
  let len = 0;
  const flush = () => {
    if (chunk.length > 0) blocks.push(section(chunk.join('\n')));
    chunk = [];
    len = 0;
  };
  for (let i = 0; i < lines.length; i++) {
    const line = clip(lines[i], 500);
    if (len + line.length + 1 > LIMITS.sectionText) flush();
    if (blocks.length >= LIMITS.blocksPerMessage - 2) {
      const rest = lines.length - i;
      blocks.push(context(`…and ${plural(rest, 'more check/target group')} (${plural(groups.size, 'group')} in all).`));
      return blocks;
    }
    chunk.push(line);
    len += line.length + 1;
  }
  flush();
  return blocks;
}

function unassessedLine(snapshot: Snapshot, diff: Diff): string | null {
  const down = snapshot.targets.filter((t) => t.status === 'unreachable');
  const parts: string[] = [];
  if (down.length > 0) {
    const names = down
      .slice(0, 10)
      .map(
        (t) =>
          `*${escapeMrkdwn(machineLabel(t.name, t.identity))}* (${escapeMrkdwn(clip(t.reason ?? 'unreachable', 120))})`,
      )
      .join(', ');
    parts.push(`${plural(down.length, 'target')} could not be assessed: ${names}${down.length > 10 ? ', …' : ''}.`);
  }
  if (diff.unassessed.length > 0) {
    parts.push(`${plural(diff.unassessed.length, 'open finding')} could not be re-assessed and stay open.`);
  }
  return parts.length > 0 ? `:warning: ${parts.join(' ')}` : null;
}

/** The baseline (first scan of a scope): one summary message, never one post per finding. */
function renderBaseline(snapshot: Snapshot, diff: Diff): SlackMessage {
  const failing = [...diff.regressions.map((r) => r.result), ...diff.unchanged];
  const byCheck = new Map<string, number>();
  for (const r of failing) byCheck.set(r.checkId, (byCheck.get(r.checkId) ?? 0) + 1);
  const top = [...byCheck.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 10)
    .map(([id, n]) => `• \`${escapeMrkdwn(id)}\`: ${n.toLocaleString('en-US')}`)
    .join('\n');
  const blocks: Block[] = [
    header(`Baseline for ${snapshot.scope}: ${plural(failing.length, 'failing finding')}`),
    scanContext(snapshot),
    section(
      failing.length > 0
        ? `First scan of this scope: it sets the baseline, so findings are summarised, not posted one by one. From now on only regressions are posted.\n${severityCounts(failing)}`
        : 'First scan of this scope: no failing findings. From now on only regressions are posted.',
    ),
  ];
  if (top) blocks.push(section(`*Most frequent failing checks*\n${top}`));
  if (diff.waived.length > 0) blocks.push(context(`${plural(diff.waived.length, 'finding')} covered by a waiver.`));
  const u = unassessedLine(snapshot, diff);
  if (u) blocks.push(section(u));
  return {
    text: clip(`Baseline for ${snapshot.scope}: ${plural(failing.length, 'failing finding')}.`, LIMITS.fallbackText),
    blocks,
    threaded: false,
  };
}

/**
 * The Slack messages for a scan: nothing when there is nothing to say (no regression, no unassessed target, no
 * "all clear" wanted); the first message goes to the channel, the others into its thread.
 */
export function renderScanReport(snapshot: Snapshot, diff: Diff, opts: SlackRenderOptions = {}): RenderedReport {
  const accounting: Accounting = { listed: [], threaded: [], counted: 0, belowMinSeverity: 0 };
  if (diff.baseline) return { messages: [renderBaseline(snapshot, diff)], accounting };

  const min = severityRank(opts.minSeverity ?? 'info');
  const shown = diff.regressions.filter((r) => severityRank(r.result.severity) >= min).sort(bySeverity);
  accounting.belowMinSeverity = diff.regressions.length - shown.length;
  const unassessed = unassessedLine(snapshot, diff);
  const resolved =
    diff.resolved.length > 0 ? `:white_check_mark: ${plural(diff.resolved.length, 'finding')} resolved.` : null;

  if (shown.length === 0) {
    const lines = [
      opts.allClear || accounting.belowMinSeverity > 0 || unassessed
        ? `:white_check_mark: No regressions in *${escapeMrkdwn(snapshot.scope)}*${accounting.belowMinSeverity > 0 ? ` at ${opts.minSeverity} or above (${plural(accounting.belowMinSeverity, 'regression')} below)` : ''}.`
        : null,
      resolved,
      unassessed,
    ].filter((l): l is string => l !== null);
    if (!opts.allClear && !unassessed) return { messages: [], accounting };
    return {
      messages: [
        {
          text: clip(lines.join(' ').replace(/[*:]/g, ''), LIMITS.fallbackText),
          blocks: [section(lines.join('\n')), scanContext(snapshot)],
          threaded: false,
        },
      ],
      accounting,
    };
  }

  const inChannel = opts.inChannel ?? 10;
  const inThread = opts.inThread ?? 150;
  const listed = shown.slice(0, inChannel + inThread);
  const counted = shown.slice(inChannel + inThread);

  const title = `${plural(shown.length, 'regression')} in ${snapshot.scope}`;
  const first: Block[] = [header(title), scanContext(snapshot), section(severityCounts(shown.map((r) => r.result)))];
  const notes = [
    resolved,
    unassessed,
    accounting.belowMinSeverity > 0
      ? `${plural(accounting.belowMinSeverity, 'regression')} below ${opts.minSeverity} not shown.`
      : null,
  ].filter((l): l is string => l !== null);
  if (notes.length > 0) first.push(section(notes.join('\n')));
  first.push({ type: 'divider' });

  const { pages, placed } = layout(listed, snapshot, opts, first, inChannel);
  for (const p of placed) (p.page === 0 ? accounting.listed : accounting.threaded).push(p.fp);
  if (counted.length > 0) {
    pages.push(countedBlocks(counted));
    accounting.counted = counted.length;
  }
  const more = shown.length - accounting.listed.length;
  if (more > 0) pages[0].push(context(`:thread: ${plural(more, 'more regression')} in the thread.`));

  const messages: SlackMessage[] = pages.map((blocks, i) => {
    const text =
      i === 0
        ? `${title}: ${severityCounts(shown.map((r) => r.result)).replace(/:[a-z_]+: /g, '')}.`
        : `Regressions in ${snapshot.scope}, part ${i + 1} of ${pages.length}.`;
    if (i > 0) blocks.push(context(`Part ${i + 1} of ${pages.length} · scan \`${snapshot.scanId}\``));
    return { text: clip(text, LIMITS.fallbackText), blocks, threaded: i > 0 };
  });
  return { messages, accounting };
}

/** Checks a message against Block Kit's limits; returns the problems (empty when within limits). For tests and the CLI. */
export function blockKitProblems(msg: { blocks: Block[] }): string[] {
  const problems: string[] = [];
  if (msg.blocks.length > LIMITS.blocksPerMessage)
    problems.push(`${msg.blocks.length} blocks (at most ${LIMITS.blocksPerMessage})`);
  msg.blocks.forEach((b, i) => {
    if (b.type === 'header' && Array.from(b.text.text).length > LIMITS.headerText)
      problems.push(`block ${i}: header too long`);
    if (b.type === 'section' && Array.from(b.text.text).length > LIMITS.sectionText)
      problems.push(`block ${i}: section too long`);
    if (b.type === 'context' && b.elements.length > LIMITS.contextElements)
      problems.push(`block ${i}: too many context elements`);
    if (b.type === 'context' && b.elements.some((e) => e.text.length > LIMITS.sectionText))
      problems.push(`block ${i}: context too long`);
    if (b.type === 'actions') {
      for (const e of b.elements) {
        if (e.text.text.length > LIMITS.buttonText) problems.push(`block ${i}: button label too long`);
        if (e.value.length > LIMITS.buttonValue) problems.push(`block ${i}: button value too long`);
      }
      if (b.elements.length > 25) problems.push(`block ${i}: too many elements`);
    }
    if ('block_id' in b && b.block_id && b.block_id.length > 255) problems.push(`block ${i}: block_id too long`);
  });
  const ids = msg.blocks.map((b) => ('block_id' in b ? b.block_id : undefined)).filter((x) => x !== undefined);
  if (new Set(ids).size !== ids.length) problems.push('duplicate block_id');
  return problems;
}
