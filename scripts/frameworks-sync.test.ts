import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { checks } from '../checks';
import { FRAMEWORK_DATA } from '../src/core/frameworks/data';
import type { FrameworkData } from '../src/core/frameworks/types';
import type { CheckMeta } from '../src/core/model';
import { frameworksDoc, readmeCoverage, withReadmeCoverage } from './frameworks-doc';
import { frameworkFilePath, frameworkFileText, syncFramework } from './frameworks-sync';

const ROOT = join(__dirname, '..');

describe('frameworks/*.json and docs/frameworks.md', () => {
  it.each(FRAMEWORK_DATA.map((f) => [f.id, f] as const))(
    "%s lists each control's checks as the checks' references give them (run `npm run frameworks:sync`)",
    (_id, framework) => {
      expect(readFileSync(join(ROOT, frameworkFilePath(framework)), 'utf8')).toBe(
        frameworkFileText(syncFramework(framework, checks)),
      );
    },
  );

  it('docs/frameworks.md is generated from the data as it is (run `npm run frameworks:sync`)', () => {
    const synced = FRAMEWORK_DATA.map((f) => syncFramework(f, checks));
    expect(readFileSync(join(ROOT, 'docs', 'frameworks.md'), 'utf8')).toBe(frameworksDoc(synced, checks));
  });

  it("the README's coverage table is generated from the data as it is (run `npm run frameworks:sync`)", () => {
    const synced = FRAMEWORK_DATA.map((f) => syncFramework(f, checks));
    const readme = readFileSync(join(ROOT, 'README.md'), 'utf8');
    expect(readme).toBe(withReadmeCoverage(readme, readmeCoverage(synced)));
    expect(readme).toContain(readmeCoverage(synced));
  });

  it('refuses a README without the block rather than losing the table', () => {
    expect(() => withReadmeCoverage('# no block\n', '| t |')).toThrow(/has no .* block/);
  });
});

describe('syncFramework', () => {
  const framework: FrameworkData = {
    id: 'x-1',
    framework: 'CIS Kubernetes Benchmark',
    version: '1',
    sections: [{ id: '1', title: 'One' }],
    controls: [
      { id: '1.1', title: 'First control', section: '1', assessment: 'automated', level: 1, checks: ['stale.id'] },
      { id: '1.2', title: 'Second control', section: '1', assessment: 'automated', level: 1, checks: [] },
    ],
  };
  const check = (id: string, control: string, version = '1'): Pick<CheckMeta, 'id' | 'benchmarks'> => ({
    id,
    benchmarks: [{ framework: 'CIS Kubernetes Benchmark', version, control }],
  });

  it('replaces every list with the checks that reference the control in this framework version, sorted', () => {
    const synced = syncFramework(framework, [
      check('k8s.b.b', '1.1'),
      check('k8s.a.a', '1.1'),
      check('k8s.c.c', '1.1', '2'),
    ]);
    expect(synced.controls.map((c) => c.checks)).toEqual([['k8s.a.a', 'k8s.b.b'], []]);
  });

  it('ignores references to a section (they judge no single control)', () => {
    expect(syncFramework(framework, [check('k8s.a.a', '1')]).controls.every((c) => c.checks.length === 0)).toBe(true);
  });
});
