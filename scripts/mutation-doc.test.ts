import {
  codeKey,
  type Equivalent,
  filesInScope,
  isEquivalent,
  type MutationReport,
  mergeRuns,
  moveEquivalents,
  mutationDoc,
  mutationRunsDoc,
  type ReportMutant,
  rerunOf,
  rerunRanges,
  runOf,
  scores,
  sourceMap,
} from './mutation-doc';

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

describe('Script: mutation-doc, equivalent mutants', () => {
  const on = (column: number, endColumn: number): ReportMutant => ({
    ...mutant('7', 'Survived', 5, 'ConditionalExpression'),
    replacement: 'true',
    location: { start: { line: 5, column }, end: { line: 5, column: endColumn } },
  });
  const entry = { file: 'src/core/a.ts', line: 5, mutator: 'ConditionalExpression', replacement: 'true' };
  const SOURCE = '\n\n\n\n'.concat('a && b && c && d && e && f && g && h && i && j && k && l && m && n\n');

  it('tells two mutants of one line apart by their columns when the entry gives them', () => {
    const eq = isEquivalent([{ ...entry, column: 7, endColumn: 26, reason: 'the operand' }]);
    expect(eq('src/core/a.ts', on(7, 26), SOURCE)?.reason).toBe('the operand');
    expect(eq('src/core/a.ts', on(7, 48), SOURCE)).toBeUndefined();
    expect(eq('src/core/a.ts', on(9, 26), SOURCE)).toBeUndefined();
  });

  it('keeps every entry of a line: each mutant finds the one at its columns', () => {
    const eq = isEquivalent([
      { ...entry, column: 7, reason: 'first' },
      { ...entry, column: 30, reason: 'second' },
    ]);
    expect(eq('src/core/a.ts', on(30, 40), SOURCE)?.reason).toBe('second');
    expect(eq('src/core/a.ts', on(7, 20), SOURCE)?.reason).toBe('first');
    expect(isEquivalent([{ ...entry, reason: 'any column' }])('src/core/a.ts', on(3, 4), SOURCE)?.reason).toBe(
      'any column',
    );
  });

  it('holds only for a mutant of the code it names, whatever its line and columns say', () => {
    const eq = isEquivalent([{ ...entry, code: 'b && c', reason: 'the operand' }]);
    expect(eq('src/core/a.ts', on(6, 12), SOURCE)?.reason).toBe('the operand');
    expect(eq('src/core/a.ts', on(1, 7), SOURCE)).toBeUndefined();
    expect(eq('src/core/a.ts', on(6, 12), SOURCE.replace('b && c', 'b || c'))).toBeUndefined();
  });
});

describe('Script: mutation-doc, codeKey', () => {
  const loc = (a: [number, number], b: [number, number]) => ({
    start: { line: a[0], column: a[1] },
    end: { line: b[0], column: b[1] },
  });

  it('takes the span (columns from 1, the end left out) with its blanks collapsed', () => {
    expect(codeKey('const x = a  &&\tb;\n', loc([1, 11], [1, 18]))).toBe('a && b');
    expect(codeKey('if (x) {\n    y();\n  z();\n}\n', loc([1, 8], [4, 2]))).toBe('{ y(); z(); }');
    // A re-indented span is the same code.
    expect(codeKey('if (x) {\n  y();\n z();\n}\n', loc([1, 8], [4, 2]))).toBe('{ y(); z(); }');
  });

  it('names a span longer than 120 characters by its hash, the same for the same code', () => {
    const long = `f(${'a, '.repeat(60)}b)`;
    const key = codeKey(long, loc([1, 1], [1, long.length + 1]));
    expect(key).toMatch(/^sha256:[0-9a-f]{16}$/);
    expect(codeKey(`  ${long}`, loc([1, 3], [1, long.length + 3]))).toBe(key);
    expect(codeKey(long.replace('b)', 'c)'), loc([1, 1], [1, long.length + 1]))).not.toBe(key);
  });
});

describe('Script: mutation-doc, per-file runs', () => {
  const carried: MutationReport = {
    files: {
      'src/core/diff.ts': report.files['src/core/diff.ts'],
      'src/core/other.ts': { source: 'x\n', mutants: [mutant('9', 'Survived', 1)] },
    },
    performance: { setup: 1000, initialRun: 60_000, mutation: 120_000 },
  };
  const before = runOf(carried, 'src/core/diff.ts', 'before', '2026-12-06T20:00:00.000Z');
  const afterReport: MutationReport = {
    files: {
      'src/core/diff.ts': {
        ...report.files['src/core/diff.ts'],
        mutants: [
          mutant('1', 'Killed', 1),
          mutant('2', 'Killed', 2),
          mutant('3', 'Killed', 3),
          mutant('4', 'Survived', 4),
        ],
      },
    },
  };
  const after = runOf(
    { ...afterReport, config: { jest: { configFile: 'jest.mutation.checks.config.js' } } },
    'src/core/diff.ts',
    'after',
    '2026-12-06T20:30:00.000Z',
  );

  it('keeps only the file a run mutated, not the files carried over from the incremental file', () => {
    expect(Object.keys(before.report.files)).toEqual(['src/core/diff.ts']);
    expect(() => runOf(carried, 'src/core/absent.ts', 'after', '')).toThrow(/--mutate src\/core\/absent.ts/);
  });

  it('takes each file from its latest run of the phase', () => {
    const older = runOf(carried, 'src/core/diff.ts', 'after', '2026-12-06T19:00:00.000Z');
    expect(mergeRuns([after, older, before], 'after').files['src/core/diff.ts'].mutants[2].status).toBe('Killed');
    expect(Object.keys(mergeRuns([after, before], 'before').files)).toEqual(['src/core/diff.ts']);
  });

  it('names the runs, scores each file before and after, and claims nothing about files not run', () => {
    const doc = mutationRunsDoc(
      [before, after],
      [{ file: 'src/core/diff.ts', line: 4, mutator: 'BooleanLiteral', reason: 'same value' }],
      'npx stryker run --mutate <file>',
    );
    // A run names the tests it ran (from Stryker's report); one whose report does not say ran the default ones.
    expect(doc).toContain('| src/core/diff.ts | before | jest.mutation.config.js | 2026-12-06 20:00 | 4 | 3 min |');
    expect(doc).toMatch(/\| src\/core\/diff.ts \| after \| jest.mutation.checks.config.js \| 2026-12-06 20:30 \|/);
    expect(after.tests).toBe('jest.mutation.checks.config.js');
    expect(before).not.toHaveProperty('tests');
    expect(doc).toContain('| src/core/diff.ts | 66.6% | 100.0% | 3 | 0 | 0 | 0 | 1 |');
    expect(doc).toContain('| src/core/ | 1 | 100.0% | 90% | yes |');
    expect(doc).not.toContain('src/core/other.ts');
    expect(doc).toMatch(/line 4, BooleanLiteral `false` in `const d = true;`: equivalent: same value$/m);
  });
});

describe('Script: mutation-doc, the scope', () => {
  it('selects the files the mutate list names, less its exclusions', () => {
    const patterns = ['src/core/**/*.ts', 'checks/**/*.ts', '!**/*.test.ts', '!checks/**/index.ts'];
    const files = ['src/core/a.ts', 'src/core/a.test.ts', 'src/cli/b.ts', 'checks/x/index.ts', 'checks/x/c.ts'];
    expect(filesInScope(patterns, files)).toEqual(['checks/x/c.ts', 'src/core/a.ts']);
  });

  it('names the files in scope that no run mutated, counts them per folder, and flags runs of older code', () => {
    const measured = runOf(
      { files: { 'src/core/diff.ts': { source: 'old\n', mutants: [mutant('1', 'Killed', 1)] } } },
      'src/core/diff.ts',
      'after',
      '2026-12-06T20:00:00.000Z',
    );
    const doc = mutationRunsDoc([measured], [], 'npx stryker run', {
      sources: { 'src/core/diff.ts': 'new\n', 'src/core/other.ts': 'x\n', 'checks/a.ts': 'y\n' },
    });
    expect(doc).toContain('| src/core/ | 1 | 2 | 1 | 100.0% | 90% | yes |');
    expect(doc).toContain('| checks/ | 0 | 1 | 1 | not run | 90% | not run |');
    expect(doc).toMatch(/## Files in scope not measured yet\n\n- checks\/a.ts\n- src\/core\/other.ts\n/);
    expect(doc).toMatch(/## Runs older than the code\n\n.*\n\n- src\/core\/diff.ts\n/);
  });

  it('keeps a file Stryker made no mutant of as measured, with "no mutants" rather than a score', () => {
    const report = { files: { 'src/core/diff.ts': { source: 'x\n', mutants: [mutant('1', 'Killed', 1)] } } };
    expect(() => runOf(report, 'src/core/types.ts', 'before', '')).toThrow(/no mutants for src\/core\/types.ts/);
    const types = runOf(report, 'src/core/types.ts', 'before', '2026-12-06T20:00:00.000Z', { source: 'type T = 1;\n' });
    expect(types.report.files).toEqual({ 'src/core/types.ts': { source: 'type T = 1;\n', mutants: [] } });
    const doc = mutationRunsDoc([types], [], 'npx stryker run', { sources: { 'src/core/types.ts': 'type T = 1;\n' } });
    expect(doc).toContain('| src/core/types.ts | no mutants | not run | - | - | - | - | - |');
    expect(doc).toContain('None: every file in scope has a run.');
    expect(doc).toContain('None: every run mutated the source as it is today.');
  });
});

describe('Script: mutation-doc, survivor re-runs', () => {
  const source = report.files['src/core/diff.ts'].source;
  const base = runOf(report, 'src/core/diff.ts', 'after', '2026-12-06T20:00:00.000Z');
  const spanning: ReportMutant = {
    ...mutant('7', 'NoCoverage', 2, 'BlockStatement'),
    location: { start: { line: 2, column: 1 }, end: { line: 3, column: 2 } },
  };

  it('names the lines of each open survivor that is not equivalent, a multi-line one by its whole span', () => {
    const run = runOf(
      { files: { 'src/core/diff.ts': { source, mutants: [...report.files['src/core/diff.ts'].mutants, spanning] } } },
      'src/core/diff.ts',
      'after',
      '2026-12-06T20:00:00.000Z',
    );
    const eq = [{ file: 'src/core/diff.ts', line: 4, mutator: 'BooleanLiteral', reason: 'same value' }];
    expect(rerunRanges(run, eq)).toEqual(['src/core/diff.ts:2-3', 'src/core/diff.ts:3-3']);
    expect(rerunRanges(run, [])).toEqual(['src/core/diff.ts:2-3', 'src/core/diff.ts:3-3', 'src/core/diff.ts:4-4']);
  });

  it('lays the re-run mutants over the earlier run and keeps every other result', () => {
    const again: MutationReport = {
      files: { 'src/core/diff.ts': { source, mutants: [mutant('40', 'Killed', 3)] } },
      performance: { setup: 0, initialRun: 0, mutation: 60_000 },
    };
    const run = rerunOf(base, again, 'after', '2026-12-07T10:00:00.000Z');
    expect(run.report.files['src/core/diff.ts'].mutants.map((m) => [m.id, m.status])).toEqual([
      ['1', 'Killed'],
      ['2', 'Timeout'],
      ['40', 'Killed'],
      ['4', 'Survived'],
    ]);
    expect(run.rerun).toEqual({ of: '2026-12-06T20:00:00.000Z', mutants: 1 });
    expect(run.finishedAt).toBe('2026-12-07T10:00:00.000Z');
    // A re-run of a re-run still names the run whose other results it keeps.
    expect(rerunOf(run, again, 'after', '2026-12-07T11:00:00.000Z').rerun?.of).toBe('2026-12-06T20:00:00.000Z');
    const doc = mutationRunsDoc([run], [], 'npx stryker run');
    expect(doc).toContain(
      '| src/core/diff.ts | after: 1 mutant re-run, the others from 2026-12-06 20:00 | jest.mutation.config.js | 2026-12-07 10:00 | 4 | 1 min |',
    );
    expect(doc).toContain('| src/core/diff.ts | not run | 75.0% | 2 | 1 | 1 | 0 | 0 |');
  });

  it('maps the lines of the earlier source onto today: unchanged, changed, inserted and removed', () => {
    const map = sourceMap('a\nb\nc\nd\ne\n', 'a\nB\nc\nx\nd\n');
    expect([1, 2, 3, 4, 5].map((l) => map.line(l))).toEqual([
      { from: 1, to: 1, same: true },
      { from: 2, to: 2, same: false },
      { from: 3, to: 3, same: true },
      { from: 5, to: 5, same: true },
      { from: 6, to: 5, same: false },
    ]);
    expect(map.changed).toEqual([
      [2, 2],
      [4, 4],
    ]);
    expect(map.seams).toEqual([6]);
  });

  it('re-runs the changed code and every earlier mutant it touches, and keeps the others at their new lines', () => {
    // Line 2 changed, a line inserted before the old line 4: mutants 1 and 3 keep their results (3 moves to line 4),
    // mutant 2 is of changed code, a mutant spanning lines 3-4 held the insertion; the survivors 3 and 4 run again.
    const spans: ReportMutant = {
      ...mutant('5', 'Killed', 3, 'BlockStatement'),
      location: { start: { line: 3, column: 1 }, end: { line: 4, column: 2 } },
    };
    const old = runOf(
      { files: { 'src/core/diff.ts': { source, mutants: [...report.files['src/core/diff.ts'].mutants, spans] } } },
      'src/core/diff.ts',
      'after',
      '2026-12-06T20:00:00.000Z',
    );
    const now = 'const a = true;\nconst b = false;\nconst c = true;\nlet x;\nconst d = true;\n';
    expect(rerunRanges(old, [], now)).toEqual([
      'src/core/diff.ts:2-2',
      'src/core/diff.ts:3-3',
      'src/core/diff.ts:3-5',
      'src/core/diff.ts:4-4',
      'src/core/diff.ts:5-5',
    ]);
    const again: MutationReport = {
      files: {
        'src/core/diff.ts': {
          source: now,
          mutants: [
            mutant('20', 'Killed', 2),
            mutant('21', 'Killed', 5),
            { ...spans, id: '22', location: { start: { line: 3, column: 1 }, end: { line: 5, column: 2 } } },
          ],
        },
      },
    };
    const run = rerunOf(old, again, 'after', '2026-12-07T10:00:00.000Z');
    const file = run.report.files['src/core/diff.ts'];
    expect(file.source).toBe(now);
    expect(file.mutants.map((m) => [m.id, m.status, m.location.start.line])).toEqual([
      ['1', 'Killed', 1],
      ['20', 'Killed', 2],
      ['3', 'Survived', 3],
      ['22', 'Killed', 3],
      ['21', 'Killed', 5],
    ]);
    expect(run.rerun).toEqual({ of: '2026-12-06T20:00:00.000Z', mutants: 3 });
  });

  it('refuses a re-run mutant of unchanged code that the earlier run did not make', () => {
    const other: MutationReport = {
      files: { 'src/core/diff.ts': { source, mutants: [mutant('41', 'Killed', 3, 'ConditionalExpression')] } },
    };
    expect(() => rerunOf(base, other, 'after', '')).toThrow(
      /no ConditionalExpression mutant at src\/core\/diff.ts:3:1/,
    );
    expect(() => rerunOf(base, { files: {} }, 'after', '')).toThrow(/no mutants for src\/core\/diff.ts/);
  });
});

describe('Script: mutation-doc, equivalents follow their code', () => {
  it('moves an entry on an unchanged line to its new number, drops one on a changed line, keeps other files', () => {
    const entries = [
      { file: 'a.ts', line: 1, mutator: 'M', reason: 'r1' },
      { file: 'a.ts', line: 2, mutator: 'M', reason: 'r2' },
      { file: 'a.ts', line: 3, mutator: 'M', reason: 'r3' },
      { file: 'b.ts', line: 2, mutator: 'M', reason: 'r4' },
    ];
    const { kept, dropped } = moveEquivalents(entries, 'a.ts', 'x\ny\nz\n', 'new\nx\nY\nz\n');
    expect(kept).toEqual([
      { file: 'a.ts', line: 2, mutator: 'M', reason: 'r1' },
      { file: 'a.ts', line: 4, mutator: 'M', reason: 'r3' },
      { file: 'b.ts', line: 2, mutator: 'M', reason: 'r4' },
    ]);
    expect(dropped).toEqual([{ file: 'a.ts', line: 2, mutator: 'M', reason: 'r2' }]);
  });

  it("keeps an entry written for a mutant of today's code where it is", () => {
    const entry = { file: 'a.ts', line: 3, mutator: 'BooleanLiteral', replacement: 'false', reason: 'new code' };
    const today = [mutant('9', 'Survived', 3)];
    expect(moveEquivalents([entry], 'a.ts', 'x\ny\nz\n', 'new\nx\nY\nz\n', today).kept).toEqual([entry]);
    expect(moveEquivalents([entry], 'a.ts', 'x\ny\nz\n', 'new\nx\nY\nz\n').kept).toEqual([{ ...entry, line: 4 }]);
  });
});

describe('Data: scripts/mutation-equivalents.json', () => {
  const entries = require('./mutation-equivalents.json') as Equivalent[];

  it('names, for every entry, the code it judges and a reason', () => {
    const without = entries.filter((e) => typeof e.code !== 'string' || e.code === '' || e.reason.trim() === '');
    expect(without).toEqual([]);
  });
});
