import { bundledFontFiles, renderSvgToPng } from './digest-chart';

describe('Function: renderSvgToPng (fonts)', () => {
  const svg =
    '<svg xmlns="http://www.w3.org/2000/svg" width="200" height="40"><text x="5" y="28" font-family="DejaVu Sans" font-size="24">Regressions</text></svg>';

  it('ships DejaVu Sans with the package, so labels render where the system has no fonts (Lambda)', () => {
    expect(bundledFontFiles()).toEqual([expect.stringMatching(/DejaVuSans\.ttf$/)]);
    const withFont = renderSvgToPng(svg, { systemFonts: false });
    const without = renderSvgToPng(svg, { systemFonts: false, bundledFonts: false });
    expect(withFont.equals(without)).toBe(false);
    expect(withFont.length).toBeGreaterThan(without.length);
  });
});
