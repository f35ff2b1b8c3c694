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
