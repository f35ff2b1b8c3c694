import { mergeInto } from './merge';

const results = (targets: { name: string; value: number | null }[], phase: string) =>
  ({
    machine: { commit: 'c' },
    date: '2026-12-07T00:00:00Z',
    command: 'npm run bench',
    runs: [{ phase }],
    targets: targets.map((t) => ({ ...t, limit: 1, met: t.value !== null && t.value <= 1 })),
  }) as unknown as Parameters<typeof mergeInto>[0];

describe('Function: mergeInto', () => {
  it('replaces the targets a partial run computed and keeps the file values of those it could not', () => {
    const old = results(
      [
        { name: 'fleet calls', value: 1.5 },
        { name: 'diff ratio', value: 0.79 },
      ],
      'old',
    );
    const fresh = results(
      [
        { name: 'fleet calls', value: 1.002 },
        { name: 'diff ratio', value: null },
        { name: 'new target', value: null },
      ],
      'fleet',
    );
    const merged = mergeInto(old, fresh);
    expect(merged.targets.map((t) => [t.name, t.value])).toEqual([
      ['diff ratio', 0.79],
      ['fleet calls', 1.002],
      ['new target', null],
    ]);
    expect(merged.runs.map((r) => r.phase)).toEqual(['old', 'fleet']);
  });
});
