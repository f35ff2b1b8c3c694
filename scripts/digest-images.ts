/**
 * The digest chart's example images in docs/images (`npm run docs` writes them): 1, 7, 14 and 31 days, and a
 * week with a spike. Each PNG carries the sha256 of the SVG it was rendered from in a tEXt chunk
 * (`Source-SHA256`); scripts/digest-images.test.ts fails when a committed image no longer matches the chart code.
 * The SVG is compared rather than the PNG bytes: the raster also depends on resvg's version (anti-aliasing, the
 * PNG encoder), which would fail the check on a dependency update that changes nothing people see.
 */
import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';
import { renderSvgToPng } from '../src/report/digest-chart';
import { digestChartSvg } from '../src/report/digest-chart-svg';
import { exampleCharts } from '../test/report/digest-examples';

export const SOURCE_KEY = 'Source-SHA256';

export interface DigestImage {
  /** Relative to the repository: docs/images/NAME.png. */
  path: string;
  svg: string;
  sourceSha256: string;
}

export function digestImages(): DigestImage[] {
  return exampleCharts().map(({ name, digest }) => {
    const svg = digestChartSvg(digest);
    return { path: `docs/images/${name}.png`, svg, sourceSha256: createHash('sha256').update(svg).digest('hex') };
  });
}

/** The PNG of an image, with the bundled font only (system fonts differ between machines) and its source hash. */
export function renderImage(image: DigestImage): Buffer {
  return withTextChunk(renderSvgToPng(image.svg, { systemFonts: false }), SOURCE_KEY, image.sourceSha256);
}

/** A PNG with a tEXt chunk (keyword, Latin-1 text) right after IHDR. */
export function withTextChunk(png: Buffer, keyword: string, text: string): Buffer {
  const ihdrEnd = 8 + 12 + png.readUInt32BE(8);
  const data = Buffer.concat([Buffer.from(keyword, 'latin1'), Buffer.from([0]), Buffer.from(text, 'latin1')]);
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write('tEXt', 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([png.subarray(0, ihdrEnd), head, data, crc, png.subarray(ihdrEnd)]);
}
