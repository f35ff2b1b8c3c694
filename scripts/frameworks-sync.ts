/**
 * The `checks` list of every control, derived from the checks' own `benchmarks` references: a check names the
 * controls it judges, and the framework files repeat that list so a reader of the data sees it. `npm run
 * frameworks:sync` writes the files; scripts/frameworks-sync.test.ts fails when they are stale.
 */
import { readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { FRAMEWORK_DATA } from '../src/core/frameworks/data';
import type { FrameworkData } from '../src/core/frameworks/types';
import type { CheckMeta } from '../src/core/model';
import { frameworksDoc, readmeCoverage, withReadmeCoverage } from './frameworks-doc';

/** The framework with each control's `checks` set to the IDs of the checks that reference it, sorted. */
export function syncFramework(framework: FrameworkData, checks: readonly Pick<CheckMeta, 'id' | 'benchmarks'>[]) {
  const judging = new Map<string, Set<string>>();
  for (const check of checks) {
    for (const ref of check.benchmarks) {
      if (ref.framework !== framework.framework || ref.version !== framework.version) continue;
      const ids = judging.get(ref.control) ?? new Set<string>();
      ids.add(check.id);
      judging.set(ref.control, ids);
    }
  }
  return {
    ...framework,
    controls: framework.controls.map((c) => ({ ...c, checks: [...(judging.get(c.id) ?? [])].sort() })),
  };
}

/** The bytes of a framework file: two-space JSON and a final newline. */
export function frameworkFileText(framework: FrameworkData): string {
  return `${JSON.stringify(framework, null, 2)}\n`;
}

/** The path of a framework's file, relative to the repository's root. */
export function frameworkFilePath(framework: Pick<FrameworkData, 'id'>): string {
  return `frameworks/${framework.id}.json`;
}

/**
 * Writes the framework files (their `checks` lists synced with `checks`), docs/frameworks.md and the README's coverage
 * table; returns the paths.
 */
export function writeFrameworks(root: string, checks: readonly CheckMeta[]): string[] {
  const synced = FRAMEWORK_DATA.map((f) => syncFramework(f, checks));
  const written: string[] = [];
  for (const framework of synced) {
    const path = resolve(root, frameworkFilePath(framework));
    writeFileSync(path, frameworkFileText(framework));
    written.push(path);
  }
  const doc = resolve(root, 'docs', 'frameworks.md');
  writeFileSync(doc, frameworksDoc(synced, checks));
  written.push(doc);
  const readme = resolve(root, 'README.md');
  writeFileSync(readme, withReadmeCoverage(readFileSync(readme, 'utf8'), readmeCoverage(synced)));
  written.push(readme);
  return written;
}
