import { type MutationReport, mutationDoc, type ReportMutant, scores } from './mutation-doc';

const at = (line: number) => ({ start: { line, column: 1 }, end: { line, column: 2 } });
const mutant = (
  id: string,
  status: ReportMutant['status'],
  line: number,
  mutatorName = 'BooleanLiteral',
): ReportMutant => ({
  id,
  status,
  mutatorName,
  replacement: 'false',
  location: at(line),
});

const report: MutationReport = {
  files: {
    'src/core/diff.ts': {
      source: 'const a = true;\nconst b = true;\nconst c = true;\nconst d = true;\n',
      mutants: [
        mutant('1', 'Killed', 1),
        mutant('2', 'Timeout', 2),
        mutant('3', 'Survived', 3),
        mutant('4', 'Survived', 4),
      ],
    },
    'checks/host/x.ts': { source: 'x\n', mutants: [mutant('5', 'NoCoverage', 1), mutant('6', 'Ignored', 1)] },
  },
  performance: { setup: 1000, initialRun: 60_000, mutation: 600_000 },
};

describe('Script: mutation-doc', () => {
  it('scores each folder from the mutants: killed and timed out over the valid ones less the equivalent', () => {
    const rows = scores(report, [
      { file: 'src/core/diff.ts', line: 4, mutator: 'BooleanLiteral', reason: 'same value' },
    ]);
    expect(rows).toEqual([
      expect.objectContaining({ folder: 'checks/', killed: 0, noCoverage: 1, score: 0, target: 90 }),
      expect.objectContaining({ folder: 'src/core/', killed: 1, timeout: 1, survived: 1, equivalent: 1, score: 66.6 }),
    ]);
  });

  it('lists every survivor with its verdict and states the duration', () => {
    const doc = mutationDoc(
      report,
      [{ file: 'src/core/diff.ts', line: 4, mutator: 'BooleanLiteral', reason: 'same value' }],
      'npx stryker run',
    );
    expect(doc).toContain('Duration: 11 min');
    expect(doc).toMatch(/line 3, BooleanLiteral `false` in `const c = true;`: open$/m);
    expect(doc).toMatch(/line 4, BooleanLiteral `false` in `const d = true;`: equivalent: same value$/m);
    expect(doc).toContain('| src/core/ | 66.6% | 90% | no | 1 | 1 | 1 | 0 | 1 |');
  });
});
