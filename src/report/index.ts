/** The renderers behind one call: the CLI, the handlers and the tests pick a format by name. */
import { renderJson } from './json';
import { renderJunit } from './junit';
import { renderMarkdown } from './markdown';
import { renderSarif } from './sarif';
import { renderText } from './text';
import { REPORT_FORMATS, type RenderOptions, type ReportFormat, type ReportInput } from './types';

export { CATALOGUE_FORMATS, type CatalogueFormat, renderCatalogue } from './catalogue';
export { buildJsonReport, type JsonReport, renderJson } from './json';
export { renderJunit } from './junit';
export { renderMarkdown } from './markdown';
export { renderSarif } from './sarif';
export { renderText } from './text';
export { REPORT_FORMATS, type RenderOptions, type ReportFormat, type ReportInput } from './types';

/** The file extension that suits each format (for `--output` defaults and CI artefacts). */
export const FORMAT_EXTENSIONS: Record<ReportFormat, string> = {
  text: 'txt',
  json: 'json',
  sarif: 'sarif',
  junit: 'xml',
  markdown: 'md',
};

export function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}

/** Renders a report; every format ends with a newline. `color` (text only) defaults to false. */
export function render(format: ReportFormat, input: ReportInput, opts: RenderOptions = {}): string {
  switch (format) {
    case 'text':
      return renderText(input, { color: opts.color ?? false, verbose: opts.verbose, width: opts.width });
    case 'json':
      return renderJson(input);
    case 'sarif':
      return renderSarif(input, { includeUnknown: opts.includeUnknown });
    case 'junit':
      return renderJunit(input);
    case 'markdown':
      return renderMarkdown(input, { maxRows: opts.maxRows });
    default: {
      const never: never = format;
      throw new Error(`unknown report format: ${String(never)}`);
    }
  }
}
