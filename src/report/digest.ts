/**
 * The compliance digest: pure data in (the period's snapshot summaries of every scope, the waivers), a digest model
 * out, rendered as Slack blocks and as a chart (SVG here; the PNG step is src/report/digest-chart.ts).
 *
 * Over the last N calendar days (7 by default) in the digest's time zone: posture per target per day (open failing
 * findings at the day's last scan), findings that appeared and were resolved (events: every consecutive pair of a
 * scope's snapshots gives its diff, so a finding that came and went within the period counts once each way), the
 * top failing checks, the oldest open findings, waivers ending soon, targets that could not be assessed, and the
 * posture per framework of each scope (./digest-posture.ts).
 * See docs/digest.md.
 */
import { FRAMEWORK_DATA } from '../core/frameworks/data';
import { SEVERITIES, type Severity, severityRank, type Waiver } from '../core/model';
import type { OpenFinding, SnapshotSummary } from '../core/summary';
import { expiringWaivers } from '../core/waivers';
import { type DigestPeriod, dayIn, digestPeriod, periodName } from './digest-period';
import {
  type DigestPosture,
  frameworkPostureMrkdwn,
  notRecordedMrkdwn,
  PostureTracker,
  postureFallback,
} from './digest-posture';
import { type Block, clip, escapeMrkdwn, LIMITS, resourceLabel } from './slack-blocks';

export interface DigestInput {
  now: Date;
  /** Summaries of each scope, oldest first, covering the period (and, ideally, the last one before it). */
  history: { scope: string; summaries: Iterable<SnapshotSummary> }[];
  waivers: readonly Waiver[];
  days?: number;
  waiverHorizonDays?: number;
  /** IANA time zone whose midnights cut the days (default UTC). */
  timeZone?: string;
}

export interface DayPosture {
  date: string;
  /** Open failing findings at the day's last scan; null when the target was not scanned or not assessed that day. */
  fail: number | null;
}

export interface DayTotals {
  date: string;
  /** Open failing findings per severity at the day's last scan of each scope, all targets (the chart). */
  counts: Record<Severity, number>;
  scanned: boolean;
  /** Findings that appeared in a scan of this day (against the scope's previous scan). */
  appeared: number;
  /** Findings that a scan of this day saw resolved (failing in the scope's previous scan, no longer open). */
  resolved: number;
}

export interface Digest {
  /** Start of the first day (ISO, UTC). */
  from: string;
  /** Now (ISO, UTC). */
  to: string;
  /** The period's days in its time zone, oldest first: the header, the chart and the posture table name these. */
  dates: string[];
  timeZone: string;
  severityByDay: DayTotals[];
  posture: { target: string; days: DayPosture[] }[];
  /** Appearances over the period (a finding that appeared twice counts twice). */
  newFindings: number;
  /** Resolutions over the period. */
  resolvedFindings: number;
  openNow: number;
  topChecks: { checkId: string; failing: number }[];
  oldestOpen: (OpenFinding & { scope: string })[];
  expiringWaivers: Waiver[];
  waiverHorizonDays: number;
  unassessed: { target: string; scope: string; lastAssessed: string | null }[];
  scans: number;
  /** Control counts per framework and scope, with the change over the period. */
  controls: DigestPosture;
}

const zeroCounts = () => Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>;

/**
 * Folds a store's summaries into a digest one at a time, so memory holds one scope's previous open set and the
 * current day's summary, not the period's history. Feed each scope's summaries oldest first: begin(scope), add()…
 */
export class DigestBuilder {
  readonly period: DigestPeriod;
  private readonly dayIndex = new Map<string, number>();
  private readonly severityByDay: DayTotals[];
  private readonly posture = new Map<string, Map<string, number | null>>();
  private readonly openEnd = new Map<string, OpenFinding & { scope: string }>();
  private readonly lastAssessed = new Map<string, { scope: string; at: string | null; assessedNow: boolean }>();
  private scans = 0;
  private appeared = 0;
  private resolved = 0;
  // The scope being read.
  private scope = '';
  private previousOpen: Set<string> | null = null;
  private lastOfDay: { date: string; summary: SnapshotSummary } | null = null;
  private last: SnapshotSummary | null = null;
  private lastStartedMs = Number.NEGATIVE_INFINITY;
  /** The scan the posture's change is counted from: the baseline (last scan of the day before), else the first. */
  private postureStart: SnapshotSummary | null = null;
  private readonly postureTracker = new PostureTracker();

  constructor(now: Date, days = 7, timeZone = 'UTC') {
    this.period = digestPeriod(now, days, timeZone);
    for (const [i, d] of this.period.dates.entries()) this.dayIndex.set(d, i);
    this.severityByDay = this.period.dates.map((date) => ({
      date,
      counts: zeroCounts(),
      scanned: false,
      appeared: 0,
      resolved: 0,
    }));
  }

  begin(scope: string): void {
    this.endScope();
    this.scope = scope;
  }

  /** The next summary of the current scope (oldest first); one outside [baseline start, now) is ignored. */
  add(s: SnapshotSummary): void {
    const t = Date.parse(s.startedAt);
    if (!(t >= this.period.baselineFromMs && t < this.period.toMs)) return;
    // Each pair of consecutive scans is a diff: out of order, the diffs would invent appearances and resolutions.
    if (t < this.lastStartedMs) throw new Error(`digest: summaries of ${this.scope} are out of order`);
    this.lastStartedMs = t;
    // Waived findings still fail: they stay in the set, so a waiver is neither a resolution nor, when it ends, new.
    const open = new Set(s.open.map((o) => o.fingerprint));
    if (t < this.period.fromMs) {
      this.previousOpen = open;
      this.postureStart = s;
      return;
    }
    const date = dayIn(t, this.period.timeZone);
    const i = this.dayIndex.get(date);
    if (i === undefined) return;
    this.scans++;
    this.postureStart ??= s;
    // Without a scan before the period the first one is the baseline: what it shows open did not appear in it.
    if (this.previousOpen) {
      let appeared = 0;
      let resolved = 0;
      for (const fp of open) if (!this.previousOpen.has(fp)) appeared++;
      for (const fp of this.previousOpen) if (!open.has(fp)) resolved++;
      this.severityByDay[i].appeared += appeared;
      this.severityByDay[i].resolved += resolved;
      this.appeared += appeared;
      this.resolved += resolved;
    }
    this.previousOpen = open;
    if (this.lastOfDay && this.lastOfDay.date !== date) this.flushDay();
    this.lastOfDay = { date, summary: s };
    this.last = s;
    // Assessment per target across the period: assessed when any result was pass, fail or not-applicable.
    for (const [target, c] of Object.entries(s.byTarget)) {
      const assessed = c.pass + c.fail + c['not-applicable'] > 0;
      const prev = this.lastAssessed.get(target);
      this.lastAssessed.set(target, {
        scope: this.scope,
        at: assessed ? s.startedAt : (prev?.at ?? null),
        assessedNow: assessed,
      });
    }
  }

  /** The day's last scan of the scope stands for the day. */
  private flushDay(): void {
    if (!this.lastOfDay) return;
    const { date, summary: s } = this.lastOfDay;
    this.lastOfDay = null;
    const row = this.severityByDay[this.dayIndex.get(date)!];
    row.scanned = true;
    for (const sev of SEVERITIES) row.counts[sev] += s.bySeverity[sev]?.fail ?? 0;
    for (const [target, c] of Object.entries(s.byTarget)) {
      const r = this.posture.get(target) ?? new Map<string, number | null>();
      const assessed = c.pass + c.fail + c['not-applicable'] > 0;
      r.set(date, assessed ? (r.get(date) ?? 0) + c.fail : (r.get(date) ?? null));
      this.posture.set(target, r);
    }
  }

  private endScope(): void {
    this.flushDay();
    if (this.last) this.postureTracker.add(this.scope, this.postureStart, this.last);
    this.postureStart = null;
    for (const o of this.last?.open ?? [])
      if (!o.waivedUntil) this.openEnd.set(o.fingerprint, { ...o, scope: this.scope });
    this.previousOpen = null;
    this.last = null;
    this.lastStartedMs = Number.NEGATIVE_INFINITY;
  }

  finish(waivers: readonly Waiver[], waiverHorizonDays = 14): Digest {
    this.endScope();
    const { dates } = this.period;
    const byCheck = new Map<string, number>();
    for (const o of this.openEnd.values()) byCheck.set(o.checkId, (byCheck.get(o.checkId) ?? 0) + 1);
    const topChecks = [...byCheck.entries()]
      .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
      .slice(0, 10)
      .map(([checkId, failing]) => ({ checkId, failing }));

    const oldestOpen = [...this.openEnd.values()]
      .filter((o) => o.firstSeen)
      .sort(
        (a, b) =>
          a.firstSeen!.localeCompare(b.firstSeen!) ||
          severityRank(b.severity) - severityRank(a.severity) ||
          a.fingerprint.localeCompare(b.fingerprint),
      )
      .slice(0, 10);
    const now = new Date(this.period.toMs);
    return {
      from: new Date(this.period.fromMs).toISOString(),
      to: now.toISOString(),
      dates,
      timeZone: this.period.timeZone,
      severityByDay: this.severityByDay,
      posture: [...this.posture.entries()]
        .sort(([a], [b]) => a.localeCompare(b))
        .map(([target, row]) => ({ target, days: dates.map((date) => ({ date, fail: row.get(date) ?? null })) })),
      newFindings: this.appeared,
      resolvedFindings: this.resolved,
      openNow: this.openEnd.size,
      topChecks,
      oldestOpen,
      expiringWaivers: expiringWaivers(waivers, now, waiverHorizonDays),
      waiverHorizonDays,
      unassessed: [...this.lastAssessed.entries()]
        .filter(([, v]) => !v.assessedNow)
        .map(([target, v]) => ({ target, scope: v.scope, lastAssessed: v.at }))
        .sort((a, b) => a.target.localeCompare(b.target)),
      scans: this.scans,
      controls: this.postureTracker.finish(FRAMEWORK_DATA.map((f) => f.id)),
    };
  }
}

/** Builds the digest model from summaries in memory. Pure. */
export function buildDigest(input: DigestInput): Digest {
  const b = new DigestBuilder(input.now, input.days ?? 7, input.timeZone ?? 'UTC');
  for (const { scope, summaries } of input.history) {
    b.begin(scope);
    for (const s of [...summaries].sort((x, y) => Date.parse(x.startedAt) - Date.parse(y.startedAt))) b.add(s);
  }
  return b.finish(input.waivers, input.waiverHorizonDays ?? 14);
}

/** "last 7 days (2026-11-24 – 2026-11-30)", with the time zone when it is not UTC. */
export function periodLabel(d: Digest): string {
  const first = d.dates[0];
  const last = d.dates.at(-1)!;
  const range = first === last ? first : `${first} – ${last}`;
  return `${periodName(d.dates.length)} (${range}${d.timeZone === 'UTC' ? '' : `, ${d.timeZone}`})`;
}

const WEEKDAY = ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'];
/** Two-letter weekday of a calendar day. */
export const weekday = (date: string) => WEEKDAY[new Date(`${date}T12:00:00Z`).getUTCDay()];

function section(text: string): Block {
  return { type: 'section', text: { type: 'mrkdwn', text: clip(text, LIMITS.sectionText) } };
}

/** The posture table: one line per target, one column per day, in a code block (so it lines up). */
export function postureTable(d: Digest, maxTargets = 25): string {
  const rows = d.posture.slice(0, maxTargets);
  const width = Math.min(28, Math.max(6, ...rows.map((r) => r.target.length)));
  const head = `${'target'.padEnd(width)} ${d.dates.map((x) => `${weekday(x)}${x.slice(8)}`.padStart(5)).join('')}`;
  const lines = rows.map(
    (r) =>
      `${clip(r.target, width).padEnd(width)} ${r.days.map((x) => (x.fail === null ? '–' : String(x.fail)).padStart(5)).join('')}`,
  );
  const more = d.posture.length > maxTargets ? `\n…and ${d.posture.length - maxTargets} more targets` : '';
  // Inside a code block only the closing fence matters: strip backticks from names.
  return `\`\`\`\n${[head, ...lines].join('\n').replace(/`/g, "'")}${more}\n\`\`\``;
}

/** The digest as one Slack message (within Block Kit's limits). */
export function renderDigestMessage(d: Digest): { text: string; blocks: Block[] } {
  const title = `Compliance digest, ${periodLabel(d)}`;
  const blocks: Block[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: clip(title, LIMITS.headerText) },
    },
    section(
      `*${d.openNow.toLocaleString('en-US')}* open findings · *${d.newFindings.toLocaleString('en-US')}* new · ` +
        `*${d.resolvedFindings.toLocaleString('en-US')}* resolved · ${d.scans} scans`,
    ),
  ];
  if (d.posture.length > 0) {
    blocks.push(section(`*Open failing findings per target per day* (– not assessed)\n${postureTable(d)}`));
  } else {
    blocks.push(section('_No scan in this period._'));
  }
  for (const f of d.controls.frameworks.slice(0, 8)) blocks.push(section(frameworkPostureMrkdwn(f, d.timeZone)));
  if (d.controls.notRecorded.length > 0) blocks.push(section(notRecordedMrkdwn(d.controls.notRecorded)));
  if (d.topChecks.length > 0) {
    blocks.push(
      section(
        `*Top failing checks*\n${d.topChecks.map((c) => `• \`${escapeMrkdwn(c.checkId)}\`: ${c.failing.toLocaleString('en-US')}`).join('\n')}`,
      ),
    );
  }
  if (d.oldestOpen.length > 0) {
    blocks.push(
      section(
        `*Oldest open findings*\n${d.oldestOpen
          .map(
            (o) =>
              `• since ${o.firstSeen!.slice(0, 10)} · ${o.severity} · \`${escapeMrkdwn(o.checkId)}\` on *${escapeMrkdwn(o.target)}* · ${escapeMrkdwn(clip(resourceLabel(o.resource), 120))} (\`${o.fingerprint}\`)`,
          )
          .join('\n')}`,
      ),
    );
  }
  if (d.expiringWaivers.length > 0) {
    blocks.push(
      section(
        `*Waivers ending within ${d.waiverHorizonDays} days*\n${d.expiringWaivers
          .slice(0, 15)
          .map(
            (w) =>
              `• ${w.expires.slice(0, 10)} · \`${w.fingerprint}\`${w.checkId ? ` \`${escapeMrkdwn(w.checkId)}\`` : ''}${w.target ? ` on *${escapeMrkdwn(w.target)}*` : ''}: “${escapeMrkdwn(clip(w.reason, 150))}” (${escapeMrkdwn(w.createdBy)})`,
          )
          .join('\n')}${d.expiringWaivers.length > 15 ? `\n…and ${d.expiringWaivers.length - 15} more.` : ''}`,
      ),
    );
  }
  if (d.unassessed.length > 0) {
    blocks.push(
      section(
        `:warning: *Targets that could not be assessed at their last scan*\n${d.unassessed
          .slice(0, 20)
          .map(
            (u) =>
              `• *${escapeMrkdwn(u.target)}* (${escapeMrkdwn(u.scope)}): last assessed ${u.lastAssessed ? u.lastAssessed.slice(0, 10) : 'never in this period'}`,
          )
          .join('\n')}${d.unassessed.length > 20 ? `\n…and ${d.unassessed.length - 20} more.` : ''}`,
      ),
    );
  }
  return {
    text: clip(
      `${title}: ${d.openNow} open, ${d.newFindings} new, ${d.resolvedFindings} resolved.${escapeMrkdwn(postureFallback(d.controls))}`,
      LIMITS.fallbackText,
    ),
    blocks,
  };
}
