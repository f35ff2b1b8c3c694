import { Resvg } from '@resvg/resvg-js';
import { exampleCharts, exampleDigest, spikeDigest } from '../../test/report/digest-examples';
import { decodePng } from '../../test/report/png';
import { bundledFontFiles, renderDigestChart } from './digest-chart';
import { axisTicks, chartScale, digestChartSvg, formatTotal } from './digest-chart-svg';

interface TextEl {
  raw: string;
  cls: string;
  content: string;
  x: number;
  y: number;
}

const attr = (tag: string, name: string) => tag.match(new RegExp(`\\s${name}="([^"]*)"`))?.[1] ?? '';

function texts(svg: string): TextEl[] {
  return [...svg.matchAll(/<text\b([^>]*)>([^<]*)<\/text>/g)].map((m) => ({
    raw: m[0],
    cls: attr(m[1], 'class'),
    content: m[2],
    x: Number(attr(m[1], 'x')),
    y: Number(attr(m[1], 'y')),
  }));
}

function canvas(svg: string) {
  const open = svg.match(/^<svg\b[^>]*>/)![0];
  return { open, width: Number(attr(open, 'width')), height: Number(attr(open, 'height')) };
}

/** Where resvg draws a text element with the font that ships with the package (DejaVu Sans). */
function measure(open: string, el: string) {
  const r = new Resvg(`${open}${el}</svg>`, {
    font: { loadSystemFonts: false, fontFiles: bundledFontFiles(), defaultFontFamily: 'DejaVu Sans' },
  });
  const b = r.getBBox();
  if (!b) throw new Error(`nothing drawn for ${el}`);
  return { x0: b.x, y0: b.y, x1: b.x + b.width, y1: b.y + b.height };
}

/** The bars, one per day: total, broken, and the drawn height (sum of its segments). */
function bars(svg: string) {
  return [...svg.matchAll(/<g class="day"([^>]*)>(.*?)<\/g>/g)].map((m) => ({
    date: attr(m[1], 'data-date'),
    total: attr(m[1], 'data-total'),
    broken: attr(m[1], 'data-broken') === 'true',
    height: [...m[2].matchAll(/<rect class="segment"[^>]*\sheight="([\d.]+)"/g)].reduce((a, h) => a + Number(h[1]), 0),
    totalLabel: texts(m[2]).find((t) => t.cls === 'total')?.content,
  }));
}

/** 31 days of about 10,000 findings: totals of five characters ("10.0k"). */
const BIG_DAYS = Object.fromEntries(
  Array.from({ length: 32 }, (_, i) => [i, { critical: 9000 + i * 37, high: 900, medium: 90, low: 9, info: 0 }]),
);

describe('Function: digestChartSvg', () => {
  it.each([
    ['1 day', exampleDigest(1)],
    ['7 days', exampleDigest(7)],
    ['14 days', exampleDigest(14, { skip: [5] })],
    ['31 days', exampleDigest(31, { skip: [5] })],
    ['31 days of five-character totals', exampleDigest(31, { override: BIG_DAYS })],
    ['a spike', spikeDigest()],
  ])('%s: every text inside the canvas, none overlapping another (measured by resvg)', (_, digest) => {
    const svg = digestChartSvg(digest);
    const { open, width, height } = canvas(svg);
    const boxes = texts(svg).map((t) => ({ t, b: measure(open, t.raw) }));
    for (const { t, b } of boxes) {
      expect({ text: t.content, inside: b.x0 >= 0 && b.y0 >= 0 && b.x1 <= width && b.y1 <= height }).toEqual({
        text: t.content,
        inside: true,
      });
    }
    const overlaps: string[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const [a, b] = [boxes[i].b, boxes[j].b];
        if (a.x0 < b.x1 && b.x0 < a.x1 && a.y0 < b.y1 && b.y0 < a.y1) {
          overlaps.push(`"${boxes[i].t.content}" / "${boxes[j].t.content}"`);
        }
      }
    }
    expect(overlaps).toEqual([]);
  });

  it.each([
    [1, 'Today (2026-11-30)'],
    [7, 'Last 7 days (2026-11-24 – 2026-11-30)'],
    [14, 'Last 14 days (2026-11-17 – 2026-11-30)'],
    [31, 'Last 31 days (2026-10-31 – 2026-11-30)'],
  ])('%i days: the title names the range the bars show, and every day has its label', (days, title) => {
    const d = exampleDigest(days);
    const svg = digestChartSvg(d);
    const all = texts(svg);
    expect(all.find((t) => t.cls === 'title')?.content).toBe(title);
    expect(svg).not.toMatch(/weekly/i);
    expect(all.filter((t) => t.cls === 'day-label').map((t) => t.content)).toEqual(
      d.dates.map((x) => String(Number(x.slice(8)))),
    );
    expect(bars(svg).map((b) => b.date)).toEqual(d.dates);
  });

  it('puts each day’s total on its bar, and “no scan” where there was none', () => {
    const d = exampleDigest(14, { skip: [5] });
    const svg = digestChartSvg(d);
    const got = bars(svg);
    expect(got.map((b) => b.totalLabel ?? null)).toEqual(
      d.severityByDay.map((x) =>
        x.scanned
          ? Object.values(x.counts)
              .reduce((a, v) => a + v, 0)
              .toLocaleString('en-US')
          : null,
      ),
    );
    expect(texts(svg).filter((t) => t.cls === 'no-scan')).toHaveLength(1);
  });

  it('breaks a spike’s bar instead of flattening the other days to slivers', () => {
    const svg = digestChartSvg(spikeDigest());
    const got = bars(svg);
    const spike = got.filter((b) => b.broken);
    expect(spike.map((b) => [b.date, b.totalLabel])).toEqual([['2026-11-27', '2,400']]);
    const others = got.filter((b) => !b.broken).map((b) => b.height);
    expect(Math.min(...others) / spike[0].height).toBeGreaterThan(0.6);
    expect(svg).toContain('<path class="break"');
    expect(texts(svg).map((t) => t.content)).toContain('off scale:');
  });

  it('widens the canvas when the days need more room than the requested width, never narrows it', () => {
    expect(canvas(digestChartSvg(exampleDigest(7))).width).toBe(800);
    const big = exampleDigest(31, { override: BIG_DAYS });
    expect(canvas(digestChartSvg(big)).width).toBeGreaterThan(800);
  });
});

describe('Function: chartScale', () => {
  it('is linear to the largest day when no day stands out', () => {
    expect(chartScale([60, 62, 0, 58, 240])).toEqual({ top: 250, broken: new Set() });
  });

  it('breaks days above four times the typical day, and scales the axis to the others', () => {
    expect(chartScale([60, 62, 2400, 58, 61])).toEqual({ top: 80, broken: new Set([2]) });
    expect(chartScale([5, 2000])).toEqual({ top: 5, broken: new Set([1]) });
  });

  it('has nothing to break with fewer than two days of findings', () => {
    expect(chartScale([0, 0, 2400])).toEqual({ top: 2500, broken: new Set() });
    expect(chartScale([])).toEqual({ top: 1, broken: new Set() });
  });
});

describe('Function: axisTicks / formatTotal', () => {
  it('steps by whole round numbers', () => {
    expect(axisTicks(0)).toEqual([0, 1]);
    expect(axisTicks(7)).toEqual([0, 2, 4, 6, 8]);
    expect(axisTicks(62)).toEqual([0, 20, 40, 60, 80]);
    expect(axisTicks(2400)).toEqual([0, 500, 1000, 1500, 2000, 2500]);
  });

  it('keeps totals within five characters', () => {
    expect([0, 9999, 12_345, 123_456, 1_234_567].map(formatTotal)).toEqual(['0', '9,999', '12.3k', '123k', '1.2M']);
  });
});

describe('Function: renderDigestChart', () => {
  it.each(exampleCharts().map((c) => [c.name, c.digest] as const))(
    '%s: a PNG that decodes at the SVG’s size',
    (_, d) => {
      const { width, height } = canvas(digestChartSvg(d));
      const png = decodePng(renderDigestChart(d));
      expect([png.width, png.height]).toEqual([width, height]);
    },
  );
});
