import { scenario } from '../../test/support/report-scenario';
import { FORMAT_EXTENSIONS, isReportFormat, REPORT_FORMATS, render } from './index';
import { renderJson } from './json';
import { renderJunit } from './junit';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';
import { renderText } from './text';

describe('Function: render', () => {
  it('dispatches every format to its renderer', () => {
    const input = scenario();
    expect(render('text', input)).toBe(renderText(input, { color: false }));
    expect(render('text', input, { color: true, verbose: true })).toBe(
      renderText(input, { color: true, verbose: true }),
    );
    expect(render('json', input)).toBe(renderJson(input));
    expect(render('sarif', input, { includeUnknown: false })).toBe(renderSarif(input, { includeUnknown: false }));
    expect(render('junit', input)).toBe(renderJunit(input));
    expect(render('markdown', input, { maxRows: 1 })).toBe(renderMarkdown(input, { maxRows: 1 }));
  });

  it('ends every format with exactly one newline', () => {
    for (const f of REPORT_FORMATS) {
      const out = render(f, scenario());
      expect(out.endsWith('\n')).toBe(true);
      expect(out.endsWith('\n\n')).toBe(false);
    }
  });

  it('knows the formats and an extension for each', () => {
    expect([...REPORT_FORMATS]).toEqual(['text', 'json', 'sarif', 'junit', 'markdown']);
    expect(isReportFormat('sarif')).toBe(true);
    expect(isReportFormat('html')).toBe(false);
    expect(Object.keys(FORMAT_EXTENSIONS).sort()).toEqual([...REPORT_FORMATS].sort());
  });
});
