/**
 * How much of a framework the checks cover, from the data alone (no scan): `compliance-bot frameworks`.
 * A control is automated by us when at least one check judges it, whatever the benchmark calls it; otherwise it is
 * manual (the benchmark assesses it by hand: guidance is given) or not covered (the benchmark calls it automated
 * and no check of ours judges it yet).
 */
import type { FrameworkControl, FrameworkData } from './types';

export const COVERAGE_KINDS = ['automated', 'manual', 'not-covered'] as const;
export type CoverageKind = (typeof COVERAGE_KINDS)[number];

export interface CoverageCounts {
  total: number;
  /** Controls at least one check of ours judges. */
  automated: number;
  /** Controls without a check that the benchmark assesses by hand. */
  manual: number;
  /** Controls without a check that the benchmark calls automated. */
  notCovered: number;
  /** Of `total`, how many the benchmark itself calls automated. */
  benchmarkAutomated: number;
  /** Of `benchmarkAutomated`, how many a check of ours judges. */
  benchmarkAutomatedCovered: number;
}

export interface SectionCoverage extends CoverageCounts {
  id: string;
  title: string;
}

export interface FrameworkCoverage extends CoverageCounts {
  id: string;
  framework: string;
  version: string;
  sections: SectionCoverage[];
  controls: (FrameworkControl & { coverage: CoverageKind })[];
}

export function coverageOf(control: FrameworkControl): CoverageKind {
  if (control.checks.length > 0) return 'automated';
  return control.assessment === 'manual' ? 'manual' : 'not-covered';
}

function count(controls: readonly FrameworkControl[]): CoverageCounts {
  const kinds = controls.map(coverageOf);
  return {
    total: controls.length,
    automated: kinds.filter((k) => k === 'automated').length,
    manual: kinds.filter((k) => k === 'manual').length,
    notCovered: kinds.filter((k) => k === 'not-covered').length,
    benchmarkAutomated: controls.filter((c) => c.assessment === 'automated').length,
    benchmarkAutomatedCovered: controls.filter((c) => c.assessment === 'automated' && c.checks.length > 0).length,
  };
}

export function frameworkCoverage(framework: FrameworkData): FrameworkCoverage {
  return {
    id: framework.id,
    framework: framework.framework,
    version: framework.version,
    ...count(framework.controls),
    sections: framework.sections.map((s) => ({
      id: s.id,
      title: s.title,
      ...count(framework.controls.filter((c) => c.section === s.id)),
    })),
    controls: framework.controls.map((c) => ({ ...c, coverage: coverageOf(c) })),
  };
}
