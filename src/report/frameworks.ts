/**
 * Framework coverage for `compliance-bot frameworks`: how many controls the checks judge, per framework and section,
 * and control by control (docs/frameworks.md).
 */
import {
  type CoverageCounts,
  type CoverageKind,
  type FrameworkCoverage,
  frameworkCoverage,
} from '../core/frameworks/coverage';
import type { FrameworkData } from '../core/frameworks/types';
import { mdCell, mdText } from './markdown';
import { clean, padEnd, wrap } from './terminal';

export const FRAMEWORK_FORMATS = ['text', 'json', 'markdown'] as const;
export type FrameworkFormat = (typeof FRAMEWORK_FORMATS)[number];

const COVERAGE_LABEL: Record<CoverageKind, string> = {
  automated: 'automated',
  manual: 'manual',
  'not-covered': 'NOT COVERED',
};

const pct = (n: number, of: number) => (of === 0 ? '–' : `${Math.floor((n * 100) / of)}%`);

/** `compliance-bot frameworks`: every framework's coverage; `detail` adds its controls one by one. */
export function renderFrameworkCoverage(
  frameworks: readonly FrameworkData[],
  format: FrameworkFormat,
  detail: boolean,
  width = 100,
): string {
  const coverage = frameworks.map(frameworkCoverage);
  if (format === 'json') return `${JSON.stringify({ frameworks: coverage.map(coverageJson) }, null, 2)}\n`;
  if (format === 'markdown') return coverageMarkdown(coverage, detail);
  return coverageText(coverage, detail, width);
}

function coverageCounts(c: CoverageCounts) {
  return {
    controls: c.total,
    automated: c.automated,
    manual: c.manual,
    notCovered: c.notCovered,
    benchmarkAutomated: c.benchmarkAutomated,
    benchmarkAutomatedCovered: c.benchmarkAutomatedCovered,
  };
}

/** Keys in a fixed order, the same shape as the scan report's `frameworks[]`: counts, sections, controls. */
function coverageJson(c: FrameworkCoverage) {
  return {
    id: c.id,
    framework: c.framework,
    version: c.version,
    counts: coverageCounts(c),
    sections: c.sections.map((s) => ({ id: s.id, title: s.title, counts: coverageCounts(s) })),
    controls: c.controls.map((ctl) => ({
      id: ctl.id,
      title: ctl.title,
      section: ctl.section,
      assessment: ctl.assessment,
      level: ctl.level,
      coverage: ctl.coverage,
      checks: ctl.checks,
      ...(ctl.guidance !== undefined ? { guidance: ctl.guidance } : {}),
    })),
  };
}

function countsLine(c: { total: number; automated: number; manual: number; notCovered: number }): string {
  return `${c.total} control${c.total === 1 ? '' : 's'}: ${c.automated} automated by us (${pct(c.automated, c.total)}), ${c.manual} manual, ${c.notCovered} not covered`;
}

function coverageText(coverage: readonly FrameworkCoverage[], detail: boolean, width: number): string {
  const out: string[] = [];
  for (const c of coverage) {
    if (out.length > 0) out.push('');
    out.push(`${c.framework} ${c.version} (${c.id})`);
    out.push(
      ...wrap(
        `${countsLine(c)}. Of the ${c.benchmarkAutomated} the benchmark calls automated, ${c.benchmarkAutomatedCovered} (${pct(c.benchmarkAutomatedCovered, c.benchmarkAutomated)}) have a check`,
        width - 2,
      ).map((l) => `  ${l}`),
    );
    const idWidth = Math.min(12, Math.max(...c.sections.map((s) => s.id.length)));
    for (const s of c.sections) {
      if (s.total === 0) continue;
      out.push(
        `  ${s.title === s.id ? clean(s.title) : `${padEnd(s.id, idWidth)}  ${clean(s.title)}`}: ${countsLine(s)}`,
      );
    }
    if (!detail) continue;
    out.push('');
    for (const ctl of c.controls) {
      const head = `  ${padEnd(ctl.id, 9)} ${padEnd(COVERAGE_LABEL[ctl.coverage], 11)} `;
      out.push(
        ...wrap(clean(ctl.title), width - head.length).map((l, i) => (i === 0 ? head : ' '.repeat(head.length)) + l),
      );
      const indent = ' '.repeat(head.length);
      if (ctl.checks.length > 0)
        out.push(...wrap(`checks: ${ctl.checks.join(', ')}`, width - head.length).map((l) => indent + l));
      else if (ctl.guidance)
        out.push(...wrap(clean(`by hand: ${ctl.guidance}`), width - head.length).map((l) => indent + l));
    }
  }
  if (!detail) out.push('', 'One framework control by control: compliance-bot frameworks --framework ID');
  return `${out.join('\n')}\n`;
}

function coverageMarkdown(coverage: readonly FrameworkCoverage[], detail: boolean): string {
  const out: string[] = [
    '| Framework | ID | Controls | Automated by us | Manual | Not covered |',
    '| --- | --- | ---: | ---: | ---: | ---: |',
  ];
  for (const c of coverage) {
    out.push(
      `| ${mdCell(`${c.framework} ${c.version}`)} | \`${c.id}\` | ${c.total} | ${c.automated} | ${c.manual} | ${c.notCovered} |`,
    );
  }
  for (const c of coverage) {
    out.push('', `## ${mdText(`${c.framework} ${c.version}`)}`, '');
    out.push('| Section | Controls | Automated by us | Manual | Not covered |', '| --- | ---: | ---: | ---: | ---: |');
    for (const s of c.sections) {
      if (s.total > 0)
        out.push(
          `| ${mdCell(s.title === s.id ? s.title : `${s.id} ${s.title}`)} | ${s.total} | ${s.automated} | ${s.manual} | ${s.notCovered} |`,
        );
    }
    if (!detail) continue;
    out.push('', '| Control | Title | Coverage | Checks or guidance |', '| --- | --- | --- | --- |');
    for (const ctl of c.controls) {
      const how = ctl.checks.length > 0 ? ctl.checks.map((id) => `\`${id}\``).join(', ') : mdCell(ctl.guidance ?? '');
      out.push(`| ${mdCell(ctl.id)} | ${mdCell(ctl.title)} | ${ctl.coverage} | ${how} |`);
    }
  }
  return `${out.join('\n')}\n`;
}
