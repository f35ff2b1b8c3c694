import { coverageOf, frameworkCoverage } from './coverage';
import type { FrameworkData } from './types';

const FRAMEWORK: FrameworkData = {
  id: 'test-1',
  framework: 'CIS Kubernetes Benchmark',
  version: '1',
  sections: [
    { id: '1', title: 'One' },
    { id: '2', title: 'Two' },
  ],
  controls: [
    { id: '1.1', title: 'Judged', section: '1', assessment: 'automated', level: 1, checks: ['k8s.a.one'] },
    {
      id: '1.2',
      title: 'Manual, judged by us anyway',
      section: '1',
      assessment: 'manual',
      level: 1,
      checks: ['k8s.a.two'],
      guidance: 'Look.',
    },
    { id: '2.1', title: 'Manual', section: '2', assessment: 'manual', level: 2, checks: [], guidance: 'Look.' },
    { id: '2.2', title: 'Automated, no check', section: '2', assessment: 'automated', level: 1, checks: [] },
  ],
};

describe('frameworkCoverage', () => {
  it('calls a control automated by us when a check judges it, whatever the benchmark says', () => {
    expect(FRAMEWORK.controls.map(coverageOf)).toEqual(['automated', 'automated', 'manual', 'not-covered']);
  });

  it('counts the framework and each section', () => {
    const c = frameworkCoverage(FRAMEWORK);
    expect(c).toMatchObject({
      total: 4,
      automated: 2,
      manual: 1,
      notCovered: 1,
      benchmarkAutomated: 2,
      benchmarkAutomatedCovered: 1,
    });
    expect(c.sections).toEqual([
      {
        id: '1',
        title: 'One',
        total: 2,
        automated: 2,
        manual: 0,
        notCovered: 0,
        benchmarkAutomated: 1,
        benchmarkAutomatedCovered: 1,
      },
      {
        id: '2',
        title: 'Two',
        total: 2,
        automated: 0,
        manual: 1,
        notCovered: 1,
        benchmarkAutomated: 1,
        benchmarkAutomatedCovered: 0,
      },
    ]);
  });
});

describe('frameworkCoverage, benchmark-automated controls', () => {
  // More controls the benchmark assesses by hand than automated ones, so that the two counts cannot be confused.
  const control = (id: string, assessment: 'automated' | 'manual', checks: string[]) => ({
    id,
    title: `Control ${id}`,
    section: '1',
    assessment,
    level: 1 as const,
    checks,
    ...(assessment === 'manual' ? { guidance: 'Look.' } : {}),
  });
  const framework: FrameworkData = {
    ...FRAMEWORK,
    sections: [{ id: '1', title: 'One' }],
    controls: [
      control('1.1', 'automated', ['k8s.a.one']),
      control('1.2', 'manual', ['k8s.a.two']),
      control('1.3', 'manual', ['k8s.a.three']),
      control('1.4', 'manual', []),
      control('1.5', 'manual', []),
    ],
  };

  it('counts only the controls the benchmark calls automated, and of them those a check judges', () => {
    const c = frameworkCoverage(framework);
    expect(c).toMatchObject({ total: 5, automated: 3, manual: 2, notCovered: 0 });
    expect(c.benchmarkAutomated).toBe(1);
    expect(c.benchmarkAutomatedCovered).toBe(1);
    expect(c.sections[0]).toMatchObject({ benchmarkAutomated: 1, benchmarkAutomatedCovered: 1 });
  });

  it('lists every control, in order, with its coverage', () => {
    expect(frameworkCoverage(FRAMEWORK).controls).toEqual(
      FRAMEWORK.controls.map((c, i) => ({ ...c, coverage: ['automated', 'automated', 'manual', 'not-covered'][i] })),
    );
  });
});
