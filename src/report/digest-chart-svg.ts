/**
 * The digest chart as SVG (pure): open failing findings per day, stacked by severity, with each day's total on its
 * bar. Readable from 1 to 31 days: every day keeps its label (day of month, weekday, the month where it changes), and
 * the canvas widens when the days need more room than the requested width. A day far above the others is drawn as
 * a broken bar on an axis scaled to the other days, so one spike does not flatten the rest: docs/digest.md explains
 * the choice. The PNG step is digest-chart.ts.
 */
import { SEVERITIES, type Severity } from '../core/model';
import type { DayTotals, Digest } from './digest';
import { periodLabel, weekday } from './digest';

export const SEVERITY_COLORS: Record<Severity, string> = {
  critical: '#b91c1c',
  high: '#ea580c',
  medium: '#ca8a04',
  low: '#2563eb',
  info: '#9ca3af',
};

/** A day whose total exceeds this many times the typical (lower median) day is drawn broken. */
export const SPIKE_FACTOR = 4;

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const FONT = 'DejaVu Sans, Liberation Sans, Arial, sans-serif';
const SIZE = { title: 16, subtitle: 12, label: 11, small: 10, legend: 12 };
const MARGIN = { top: 76, right: 128, bottom: 62, left: 64 };

const xml = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
const n1 = (v: number) => v.toFixed(1);
const count = (v: number) => v.toLocaleString('en-US');

/**
 * An upper bound of a label's width in DejaVu Sans (digits are 0.64 em, punctuation 0.32 em, letters at most
 * about 0.8 em): used to size the day slots, so no label is wider than its slot.
 */
export function textWidth(text: string, size: number): number {
  let em = 0;
  for (const ch of text) {
    if (/[0-9]/.test(ch)) em += 0.64;
    else if (/[.,: ]/.test(ch)) em += 0.34;
    else if (/[A-Z]/.test(ch)) em += 0.8;
    else em += 0.66;
  }
  return em * size;
}

/** A bar's total: exact up to 9,999, then 12.3k / 123k / 1.2M, so a label stays within five characters. */
export function formatTotal(v: number): string {
  if (v < 10_000) return count(v);
  if (v < 100_000) return `${(v / 1000).toFixed(1)}k`;
  if (v < 1_000_000) return `${Math.round(v / 1000)}k`;
  return `${(v / 1_000_000).toFixed(1)}M`;
}

/** Axis ticks: a round step (1, 2 or 5 × 10ⁿ, whole numbers), at most five steps up to at least `max`. */
export function axisTicks(max: number): number[] {
  const raw = Math.max(1, max) / 5;
  const p = 10 ** Math.floor(Math.log10(raw));
  const step = Math.max(1, [1, 2, 5, 10].map((k) => k * p).find((s) => s >= raw) ?? 10 * p);
  const top = Math.max(step, Math.ceil(Math.max(1, max) / step) * step);
  return Array.from({ length: Math.round(top / step) + 1 }, (_, i) => i * step);
}

export interface ChartScale {
  /** The axis' top value. */
  top: number;
  /** Days drawn as broken bars (their totals are above the axis). */
  broken: Set<number>;
}

/**
 * The axis: linear, up to the largest total, unless some days exceed SPIKE_FACTOR times the typical day (the lower
 * median of the days with findings); then the axis ends at the largest of the other days and those days are broken.
 * At least half the days are never broken (the median is one of them), so the axis always shows the usual day.
 */
export function chartScale(totals: readonly number[]): ChartScale {
  const nonzero = totals.filter((t) => t > 0).sort((a, b) => a - b);
  const max = Math.max(0, ...totals);
  if (nonzero.length < 2) return { top: axisTicks(max).at(-1)!, broken: new Set() };
  const typical = nonzero[Math.floor((nonzero.length - 1) / 2)];
  const limit = SPIKE_FACTOR * typical;
  const broken = new Set(totals.flatMap((t, i) => (t > limit ? [i] : [])));
  if (broken.size === 0) return { top: axisTicks(max).at(-1)!, broken };
  const within = Math.max(...totals.filter((t) => t <= limit));
  return { top: axisTicks(within).at(-1)!, broken };
}

const total = (x: DayTotals) => SEVERITIES.reduce((a, s) => a + x.counts[s], 0);

function monthLabel(date: string): string {
  return `${MONTHS[Number(date.slice(5, 7)) - 1]} ${date.slice(0, 4)}`;
}

/** The chart as a self-contained SVG; `size` is the least size: the width grows to give every day its labels. */
export function digestChartSvg(d: Digest, size = { width: 800, height: 400 }): string {
  const days = d.severityByDay;
  const n = Math.max(1, days.length);
  const totals = days.map(total);
  const totalLabels = days.map((x, i) => (x.scanned ? formatTotal(totals[i]) : ''));
  const slotNeed =
    8 +
    Math.max(
      textWidth('00', SIZE.label),
      textWidth('Mo', SIZE.small),
      ...totalLabels.map((t) => textWidth(t, SIZE.small)),
    );
  const m = MARGIN;
  const plotW = Math.max(size.width - m.left - m.right, Math.ceil(n * slotNeed));
  const width = plotW + m.left + m.right;
  const height = Math.max(size.height, m.top + m.bottom + 160);
  const plotH = height - m.top - m.bottom;
  const bottom = m.top + plotH;
  const slot = plotW / n;
  const barW = Math.min(64, slot * 0.7);
  const scale = chartScale(totals.map((t, i) => (days[i].scanned ? t : 0)));
  const ticks = axisTicks(scale.top);
  const y = (v: number) => bottom - (v / scale.top) * plotH;

  const appeared = days.reduce((a, x) => a + x.appeared, 0);
  const resolved = days.reduce((a, x) => a + x.resolved, 0);
  const name = periodLabel(d);
  const title = `${name.charAt(0).toUpperCase()}${name.slice(1)}`;
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">`,
    `<rect width="${width}" height="${height}" fill="#ffffff"/>`,
    `<text class="title" x="${m.left}" y="26" font-size="${SIZE.title}" font-weight="bold" fill="#111827">${xml(title)}</text>`,
    `<text class="subtitle" x="${m.left}" y="46" font-size="${SIZE.subtitle}" fill="#374151">${xml(
      `Open failing findings per day, by severity · ${count(appeared)} appeared · ${count(resolved)} resolved`,
    )}</text>`,
  ];

  for (const v of ticks) {
    parts.push(`<line x1="${m.left}" x2="${m.left + plotW}" y1="${n1(y(v))}" y2="${n1(y(v))}" stroke="#e5e7eb"/>`);
    parts.push(
      `<text class="tick" x="${m.left - 8}" y="${n1(y(v) + 4)}" font-size="${SIZE.small}" text-anchor="end" fill="#374151">${count(v)}</text>`,
    );
  }

  // A month's name under its first day (and under the first day of the chart when its month has room to show it).
  const monthStarts = days.flatMap((x, i) => (i === 0 || x.date.endsWith('-01') ? [i] : []));
  days.forEach((x, i) => {
    const left = m.left + slot * i;
    const cx = left + slot / 2;
    const bx = cx - barW / 2;
    const t = totals[i];
    const broken = scale.broken.has(i);
    parts.push(`<g class="day" data-date="${x.date}" data-total="${x.scanned ? t : ''}" data-broken="${broken}">`);
    // A broken bar fills the plot with its severities in proportion: the total above it gives the size.
    const unit = broken ? plotH / t : plotH / scale.top;
    let acc = 0;
    for (const s of [...SEVERITIES].reverse()) {
      const v = x.counts[s];
      if (v <= 0) continue;
      const y0 = bottom - acc * unit;
      const y1 = bottom - (acc + v) * unit;
      parts.push(
        `<rect class="segment" data-severity="${s}" x="${n1(bx)}" y="${n1(y1)}" width="${n1(barW)}" height="${n1(y0 - y1)}" fill="${SEVERITY_COLORS[s]}"/>`,
      );
      acc += v;
    }
    if (broken) parts.push(breakMark(bx, m.top + 18, barW));
    if (x.scanned) {
      const top = broken ? m.top : y(t);
      parts.push(
        `<text class="total" x="${n1(cx)}" y="${n1(top - 5)}" font-size="${SIZE.small}" font-weight="bold" text-anchor="middle" fill="#111827">${formatTotal(t)}</text>`,
      );
    } else {
      parts.push(
        `<text class="no-scan" x="${n1(cx)}" y="${n1(bottom - 8)}" font-size="${SIZE.small}" fill="#6b7280" transform="rotate(-90 ${n1(cx)} ${n1(bottom - 8)})" dy="0.35em">no scan</text>`,
      );
    }
    parts.push(
      `<text class="day-label" x="${n1(cx)}" y="${bottom + 16}" font-size="${SIZE.label}" text-anchor="middle" fill="#111827">${Number(x.date.slice(8))}</text>`,
    );
    parts.push(
      `<text class="weekday" x="${n1(cx)}" y="${bottom + 30}" font-size="${SIZE.small}" text-anchor="middle" fill="#6b7280">${weekday(x.date)}</text>`,
    );
    const next = monthStarts.find((j) => j > i) ?? n;
    const label = monthLabel(x.date);
    const labelW = textWidth(label, SIZE.small);
    if (monthStarts.includes(i) && (next - i) * slot >= labelW + 6) {
      parts.push(
        `<text class="month" x="${n1(left + Math.max(2, (slot - labelW) / 2))}" y="${bottom + 46}" font-size="${SIZE.small}" fill="#374151">${label}</text>`,
      );
    }
    parts.push('</g>');
  });
  parts.push(`<line x1="${m.left}" x2="${m.left + plotW}" y1="${bottom}" y2="${bottom}" stroke="#9ca3af"/>`);

  const lx = width - m.right + 16;
  SEVERITIES.forEach((s, i) => {
    const ly = m.top + i * 20;
    parts.push(`<rect x="${lx}" y="${ly}" width="12" height="12" fill="${SEVERITY_COLORS[s]}"/>`);
    parts.push(
      `<text class="legend" x="${lx + 18}" y="${ly + 10}" font-size="${SIZE.legend}" fill="#111827">${s}</text>`,
    );
  });
  if (scale.broken.size > 0) {
    const ly = m.top + SEVERITIES.length * 20 + 12;
    parts.push(`<rect x="${lx}" y="${ly}" width="12" height="24" fill="#9ca3af"/>`);
    parts.push(breakMark(lx, ly + 8, 12));
    parts.push(
      `<text class="legend" x="${lx + 18}" y="${ly + 10}" font-size="${SIZE.small}" fill="#111827">off scale:</text>`,
    );
    parts.push(
      `<text class="legend" x="${lx + 18}" y="${ly + 23}" font-size="${SIZE.small}" fill="#111827">see total</text>`,
    );
  }
  parts.push('</svg>');
  return parts.join('');
}

/** Two white slanted strokes across a bar: the bar is cut, its height is not to scale. */
function breakMark(x: number, y: number, w: number): string {
  const stroke = (dy: number) => `M${n1(x - 2)} ${n1(y + dy + 3)} L${n1(x + w + 2)} ${n1(y + dy - 3)}`;
  return `<path class="break" d="${stroke(0)} ${stroke(6)}" stroke="#ffffff" stroke-width="2.5" fill="none"/>`;
}
