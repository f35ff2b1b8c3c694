/**
 * The one input every renderer takes: what a scan produced, the diff against the previous snapshot, and the check
 * catalogue (titles, remediation, benchmarks). Renderers are pure: data in, string out; time comes from the data.
 */
import type { FrameworkStatus } from '../core/frameworks/status';
import type { CheckMeta, Diff, Snapshot } from '../core/model';

export interface ReportInput {
  snapshot: Snapshot;
  /** null when no diff was made (for example --no-store without a baseline). */
  diff: Diff | null;
  /** The catalogue, for titles, remediation and benchmarks; results of checks missing from it still render. */
  checks: readonly CheckMeta[];
  /** Where the snapshot was stored, if it was. */
  stored?: { key: string; location: string } | null;
  /** Each control's status in the frameworks asked for (`scan --framework ID`); absent when none was. */
  frameworks?: readonly FrameworkStatus[];
}

export const REPORT_FORMATS = ['text', 'json', 'sarif', 'junit', 'markdown'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface TextOptions {
  /** ANSI colours: the CLI passes `process.stdout.isTTY && !NO_COLOR`. */
  color: boolean;
  /** Every remediation, every unknown result, every passing count per check. */
  verbose?: boolean;
  /** Line width the layout aims at (default 100). */
  width?: number;
}

export interface SarifOptions {
  /** Emit `unknown` results (kind "open", level "none"); default true: "could not assess" is never silent. */
  includeUnknown?: boolean;
}

export interface MarkdownOptions {
  /** Rows per table before "… and N more" (default 100). */
  maxRows?: number;
  /** Characters the whole report may take (default 65,536, what a GitHub comment holds). */
  maxChars?: number;
}

export type RenderOptions = Partial<TextOptions> & SarifOptions & MarkdownOptions;
