/** Parsers of flag values shared by several commands; each names the flag and the accepted values when it refuses. */
import { SEVERITIES, type Severity } from '../core/model';
import { REPORT_FORMATS, type ReportFormat } from '../report/types';
import { UsageError } from './errors';

/** `--format`: one of `choices`, the first by default. */
export function parseChoice<T extends string>(value: string | undefined, choices: readonly T[], flag: string): T {
  if (value === undefined) return choices[0];
  if (!(choices as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} "${value.slice(0, 40)}": use one of ${choices.join(', ')}`);
  }
  return value as T;
}

/** `--format` of a report: text (default), json, sarif, junit or markdown. */
export function parseReportFormat(value: string | undefined): ReportFormat {
  return parseChoice(value, REPORT_FORMATS, '--format');
}

export function parseSeverity(value: string | undefined, flag: string): Severity | undefined {
  if (value === undefined) return undefined;
  if (!(SEVERITIES as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} "${value}": use one of ${SEVERITIES.join(', ')}`);
  }
  return value as Severity;
}
