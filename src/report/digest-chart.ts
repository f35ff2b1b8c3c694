/**
 * The digest chart as a PNG: the SVG of digest-chart-svg.ts rendered by resvg (Rust, shipped as a prebuilt binary inside
 * its npm package for each platform: nothing is downloaded at install time). Text needs a font: system fonts are
 * used where there are some (DejaVu on Debian), then fonts in a Lambda layer's `/opt/fonts`; `fontFiles` adds others
 * (the Lambda runtime has no fonts of its own).
 */
import { existsSync } from 'node:fs';
import { Resvg } from '@resvg/resvg-js';
import type { Digest } from './digest';
import { digestChartSvg } from './digest-chart-svg';

export interface ChartOptions {
  width?: number;
  height?: number;
  /** Extra TrueType/OpenType files for the labels. */
  fontFiles?: string[];
}

/** Where a Lambda layer's fonts land. */
export const LAYER_FONTS = '/opt/fonts';

/**
 * DejaVu Sans from the dejavu-fonts-ttf package: shipped beside the weekly digest's bundle (serverless.yml
 * package.patterns), so the chart has labels in Lambda, which has no fonts of its own.
 */
export function bundledFontFiles(): string[] {
  try {
    return [require.resolve('dejavu-fonts-ttf/ttf/DejaVuSans.ttf')];
  } catch {
    return [];
  }
}

export function renderSvgToPng(
  svg: string,
  opts: { fontFiles?: string[]; systemFonts?: boolean; bundledFonts?: boolean } = {},
): Buffer {
  const resvg = new Resvg(svg, {
    background: '#ffffff',
    font: {
      loadSystemFonts: opts.systemFonts !== false,
      defaultFontFamily: 'DejaVu Sans',
      ...(existsSync(LAYER_FONTS) ? { fontDirs: [LAYER_FONTS] } : {}),
      fontFiles: [...(opts.bundledFonts === false ? [] : bundledFontFiles()), ...(opts.fontFiles ?? [])],
    },
  });
  return resvg.render().asPng();
}

export function renderDigestChart(d: Digest, opts: ChartOptions = {}): Buffer {
  const svg = digestChartSvg(d, { width: opts.width ?? 800, height: opts.height ?? 400 });
  return renderSvgToPng(svg, { fontFiles: opts.fontFiles });
}

/** Width and height from a PNG's IHDR chunk (for tests and sanity checks). */
export function pngSize(png: Buffer): { width: number; height: number } {
  const signature = '89504e470d0a1a0a';
  if (
    png.length < 24 ||
    png.subarray(0, 8).toString('hex') !== signature ||
    png.subarray(12, 16).toString('latin1') !== 'IHDR'
  ) {
    throw new Error('not a PNG');
  }
  return { width: png.readUInt32BE(16), height: png.readUInt32BE(20) };
}
