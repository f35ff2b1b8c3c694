/**
 * Compliance frameworks as data: one file per framework version in the repository's `frameworks/` folder, each
 * control with the checks that judge it (docs/frameworks.md). Pure types; the data is loaded by ./data.ts.
 */
import type { Framework } from '../model';

/** How the benchmark itself says a control is assessed. */
export const ASSESSMENTS = ['automated', 'manual'] as const;
export type Assessment = (typeof ASSESSMENTS)[number];

export interface FrameworkSection {
  id: string;
  title: string;
}

export interface FrameworkControl {
  id: string;
  /** The benchmark's name for the control, without its "(Automated)"/"(Manual)" suffix. */
  title: string;
  /** The ID of the section (in `sections`) the control belongs to. */
  section: string;
  assessment: Assessment;
  /** The benchmark's profile level (CIS Level 1 or 2); null where the framework has no levels. */
  level: 1 | 2 | null;
  /**
   * The IDs of the checks that judge this control, generated from the checks' own `benchmarks` references
   * (`npm run frameworks:sync`): never edited by hand.
   */
  checks: string[];
  /** What a person does to assess a manual control (our words, one or two sentences). */
  guidance?: string;
}

export interface FrameworkData {
  /** Stable ID used on the command line: `cis-kubernetes-1.12`. */
  id: string;
  framework: Framework;
  version: string;
  sections: FrameworkSection[];
  controls: FrameworkControl[];
}
