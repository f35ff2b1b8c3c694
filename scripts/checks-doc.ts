import { checks } from '../checks';
import { renderCatalogue } from '../src/report/catalogue';

/** docs/checks.md, the check catalogue, from the checks themselves (title, severity, benchmarks, remediation). */
export function checksDoc(): string {
  return `${renderCatalogue(checks, 'markdown').trimEnd()}\n`;
}
