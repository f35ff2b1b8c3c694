/**
 * The weekly digest: pure data in (the week's snapshot summaries of every scope, the waivers), a digest model out,
 * rendered as Slack blocks and as a chart (SVG here; the PNG step is src/report/digest-chart.ts).
 *
 * Over the last 7 days: posture per target per day (open failing findings at the day's last scan), new versus
 * resolved (open set at the end against the open set before the week), the top failing checks, the oldest open
 * findings, waivers ending within 14 days, and targets that could not be assessed.
 */
import { SEVERITIES, type Severity, severityRank, type Waiver } from '../core/model';
import type { OpenFinding, SnapshotSummary } from '../core/summary';
import { expiringWaivers } from '../core/waivers';
import { type Block, clip, escapeMrkdwn, LIMITS, resourceLabel } from './slack-blocks';

export interface DigestInput {
  now: Date;
  /** Summaries of each scope, oldest first, covering at least the week (and, ideally, the last one before it). */
  history: { scope: string; summaries: SnapshotSummary[] }[];
  waivers: readonly Waiver[];
  days?: number;
  waiverHorizonDays?: number;
}

export interface DayPosture {
  date: string;
  /** Open failing findings at the day's last scan; null when the target was not scanned or not assessed that day. */
  fail: number | null;
}

export interface Digest {
  from: string;
  to: string;
  dates: string[];
  /** Open failing findings per severity per day, all targets (the chart). */
  severityByDay: { date: string; counts: Record<Severity, number>; scanned: boolean }[];
  posture: { target: string; days: DayPosture[] }[];
  newFindings: number;
  resolvedFindings: number;
  openNow: number;
  topChecks: { checkId: string; failing: number }[];
  oldestOpen: (OpenFinding & { scope: string })[];
  expiringWaivers: Waiver[];
  unassessed: { target: string; scope: string; lastAssessed: string | null }[];
  scans: number;
}

const DAY = 86_400_000;
const day = (iso: string) => iso.slice(0, 10);

/** Builds the digest model. Pure. */
export function buildDigest(input: DigestInput): Digest {
  const days = input.days ?? 7;
  const toMs = input.now.getTime();
  const fromMs = toMs - days * DAY;
  const dates = Array.from({ length: days }, (_, i) => day(new Date(fromMs + (i + 1) * DAY - 1).toISOString()));
  const severityByDay = dates.map((date) => ({
    date,
    counts: Object.fromEntries(SEVERITIES.map((s) => [s, 0])) as Record<Severity, number>,
    scanned: false,
  }));
  const posture = new Map<string, Map<string, number | null>>();
  const openEnd = new Map<string, OpenFinding & { scope: string }>();
  const openStart = new Set<string>();
  const lastAssessed = new Map<string, { scope: string; at: string | null; assessedNow: boolean }>();
  let scans = 0;

  for (const { scope, summaries } of input.history) {
    const sorted = [...summaries].sort((a, b) => a.startedAt.localeCompare(b.startedAt));
    const inWeek = sorted.filter((s) => {
      const t = Date.parse(s.startedAt);
      return t >= fromMs && t < toMs;
    });
    scans += inWeek.length;
    const before = sorted.filter((s) => Date.parse(s.startedAt) < fromMs).at(-1) ?? inWeek[0];
    for (const o of before?.open ?? []) if (!o.waivedUntil) openStart.add(o.fingerprint);
    const last = inWeek.at(-1);
    for (const o of last?.open ?? []) if (!o.waivedUntil) openEnd.set(o.fingerprint, { ...o, scope });

    // The day's last scan of this scope stands for the day.
    const lastOfDay = new Map<string, SnapshotSummary>();
    for (const s of inWeek) lastOfDay.set(day(s.startedAt), s);
    for (const [i, date] of dates.entries()) {
      const s = lastOfDay.get(date);
      if (!s) continue;
      severityByDay[i].scanned = true;
      for (const sev of SEVERITIES) severityByDay[i].counts[sev] += s.bySeverity[sev]?.fail ?? 0;
      for (const [target, c] of Object.entries(s.byTarget)) {
        const row = posture.get(target) ?? new Map<string, number | null>();
        const assessed = c.pass + c.fail + c['not-applicable'] > 0;
        row.set(date, assessed ? (row.get(date) ?? 0) + c.fail : (row.get(date) ?? null));
        posture.set(target, row);
      }
    }
    // Assessment per target across the week: assessed when any result was pass, fail or not-applicable.
    for (const s of inWeek) {
      for (const [target, c] of Object.entries(s.byTarget)) {
        const assessed = c.pass + c.fail + c['not-applicable'] > 0;
        const prev = lastAssessed.get(target);
        lastAssessed.set(target, {
          scope,
          at: assessed ? s.startedAt : (prev?.at ?? null),
          assessedNow: assessed,
        });
      }
    }
  }

  let newFindings = 0;
  for (const fp of openEnd.keys()) if (!openStart.has(fp)) newFindings++;
  let resolvedFindings = 0;
  for (const fp of openStart) if (!openEnd.has(fp)) resolvedFindings++;

  const byCheck = new Map<string, number>();
  for (const o of openEnd.values()) byCheck.set(o.checkId, (byCheck.get(o.checkId) ?? 0) + 1);
  const topChecks = [...byCheck.entries()]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .slice(0, 10)
    .map(([checkId, failing]) => ({ checkId, failing }));

  const oldestOpen = [...openEnd.values()]
    .filter((o) => o.firstSeen)
    .sort(
      (a, b) =>
        a.firstSeen!.localeCompare(b.firstSeen!) ||
        severityRank(b.severity) - severityRank(a.severity) ||
        a.fingerprint.localeCompare(b.fingerprint),
    )
    .slice(0, 10);

  return {
    from: new Date(fromMs).toISOString(),
    to: input.now.toISOString(),
    dates,
    severityByDay,
    posture: [...posture.entries()]
      .sort(([a], [b]) => a.localeCompare(b))
      .map(([target, row]) => ({ target, days: dates.map((date) => ({ date, fail: row.get(date) ?? null })) })),
    newFindings,
    resolvedFindings,
    openNow: openEnd.size,
    topChecks,
    oldestOpen,
    expiringWaivers: expiringWaivers(input.waivers, input.now, input.waiverHorizonDays ?? 14),
    unassessed: [...lastAssessed.entries()]
      .filter(([, v]) => !v.assessedNow)
      .map(([target, v]) => ({ target, scope: v.scope, lastAssessed: v.at }))
      .sort((a, b) => a.target.localeCompare(b.target)),
    scans,
  };
}

const WEEKDAY = ['Su', 'Mo', 'Tu', 'We', 'Th', 'Fr', 'Sa'];
const weekday = (date: string) => WEEKDAY[new Date(`${date}T12:00:00Z`).getUTCDay()];

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
  const period = `${d.from.slice(0, 10)} – ${d.to.slice(0, 10)}`;
  const blocks: Block[] = [
    {
      type: 'header',
      text: { type: 'plain_text', text: clip(`Weekly compliance digest (${period})`, LIMITS.headerText) },
    },
    section(
      `*${d.openNow.toLocaleString('en-US')}* open findings · *${d.newFindings.toLocaleString('en-US')}* new · ` +
        `*${d.resolvedFindings.toLocaleString('en-US')}* resolved · ${d.scans} scans`,
    ),
  ];
  if (d.posture.length > 0) {
    blocks.push(section(`*Open failing findings per target per day* (– not assessed)\n${postureTable(d)}`));
  } else {
    blocks.push(section('_No scan this week._'));
  }
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
        `*Waivers ending within 14 days*\n${d.expiringWaivers
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
              `• *${escapeMrkdwn(u.target)}* (${escapeMrkdwn(u.scope)}): last assessed ${u.lastAssessed ? u.lastAssessed.slice(0, 10) : 'never this week'}`,
          )
          .join('\n')}${d.unassessed.length > 20 ? `\n…and ${d.unassessed.length - 20} more.` : ''}`,
      ),
    );
  }
  return {
    text: `Weekly compliance digest (${period}): ${d.openNow} open, ${d.newFindings} new, ${d.resolvedFindings} resolved.`,
    blocks,
  };
}

const COLORS: Record<Severity, string> = {
  critical: '#b91c1c',
  high: '#ea580c',
  medium: '#ca8a04',
  low: '#2563eb',
  info: '#9ca3af',
};

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The chart: open failing findings per day, stacked by severity. A self-contained SVG (pure). */
export function digestChartSvg(d: Digest, size = { width: 800, height: 400 }): string {
  const { width, height } = size;
  const m = { top: 40, right: 120, bottom: 40, left: 56 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const totals = d.severityByDay.map((x) => SEVERITIES.reduce((a, s) => a + x.counts[s], 0));
  const max = niceMax(Math.max(1, ...totals));
  const n = d.severityByDay.length;
  const slot = w / Math.max(1, n);
  const bar = slot * 0.6;
  const y = (v: number) => m.top + h - (v / max) * h;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Liberation Sans, Arial, sans-serif">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text x="${m.left}" y="24" font-size="16" fill="#111827">Open failing findings per day, by severity</text>`,
  ];
  for (let i = 0; i <= 4; i++) {
    const v = (max / 4) * i;
    parts.push(
      `<line x1="${m.left}" x2="${m.left + w}" y1="${y(v).toFixed(1)}" y2="${y(v).toFixed(1)}" stroke="#e5e7eb"/>`,
    );
    parts.push(
      `<text x="${m.left - 8}" y="${(y(v) + 4).toFixed(1)}" font-size="11" text-anchor="end" fill="#374151">${Math.round(v)}</text>`,
    );
  }
  d.severityByDay.forEach((x, i) => {
    const cx = m.left + slot * i + (slot - bar) / 2;
    let acc = 0;
    for (const s of [...SEVERITIES].reverse()) {
      const v = x.counts[s];
      if (v <= 0) continue;
      parts.push(
        `<rect x="${cx.toFixed(1)}" y="${y(acc + v).toFixed(1)}" width="${bar.toFixed(1)}" height="${(y(acc) - y(acc + v)).toFixed(1)}" fill="${COLORS[s]}"/>`,
      );
      acc += v;
    }
    if (!x.scanned)
      parts.push(
        `<text x="${(cx + bar / 2).toFixed(1)}" y="${(m.top + h - 6).toFixed(1)}" font-size="11" text-anchor="middle" fill="#6b7280">no scan</text>`,
      );
    parts.push(
      `<text x="${(cx + bar / 2).toFixed(1)}" y="${m.top + h + 18}" font-size="11" text-anchor="middle" fill="#374151">${xml(`${weekday(x.date)} ${x.date.slice(5)}`)}</text>`,
    );
  });
  parts.push(`<line x1="${m.left}" x2="${m.left + w}" y1="${m.top + h}" y2="${m.top + h}" stroke="#9ca3af"/>`);
  SEVERITIES.forEach((s, i) => {
    const ly = m.top + 10 + i * 20;
    parts.push(`<rect x="${width - m.right + 16}" y="${ly}" width="12" height="12" fill="${COLORS[s]}"/>`);
    parts.push(`<text x="${width - m.right + 34}" y="${ly + 10}" font-size="12" fill="#111827">${s}</text>`);
  });
  parts.push('</svg>');
  return parts.join('');
}

function niceMax(v: number): number {
  const p = 10 ** Math.floor(Math.log10(v));
  for (const k of [1, 2, 2.5, 5, 10]) if (k * p >= v) return k * p;
  return 10 * p;
}
