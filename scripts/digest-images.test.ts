import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { decodePng } from '../test/report/png';
import { digestImages, renderImage, SOURCE_KEY } from './digest-images';

const root = join(__dirname, '..');
const size = (svg: string) =>
  svg
    .match(/^<svg\b[^>]*\swidth="(\d+)" height="(\d+)"/)!
    .slice(1)
    .map(Number);

describe('docs/images/digest-*.png', () => {
  it.each(digestImages().map((i) => [i.path, i] as const))(
    '%s is rendered from the chart code as it is (run `npm run docs` after changing the chart)',
    (path, image) => {
      const committed = decodePng(readFileSync(join(root, path)));
      expect(committed.text[SOURCE_KEY]).toBe(image.sourceSha256);
      expect([committed.width, committed.height]).toEqual(size(image.svg));
    },
  );

  it('names 1, 7, 14 and 31 days and the spike', () => {
    expect(digestImages().map((i) => i.path)).toEqual([
      'docs/images/digest-1-day.png',
      'docs/images/digest-7-days.png',
      'docs/images/digest-14-days.png',
      'docs/images/digest-31-days.png',
      'docs/images/digest-spike.png',
    ]);
  });

  it('keeps the source hash in a chunk a PNG reader accepts', () => {
    const image = digestImages()[0];
    expect(decodePng(renderImage(image)).text).toEqual({ [SOURCE_KEY]: image.sourceSha256 });
  });
});
