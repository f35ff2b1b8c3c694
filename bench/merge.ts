/**
 * A run of some measurements merged into the file of an earlier run (`npm run bench -- --only …`): its rows replace the
 * rows of the same phases, its targets those of the same names, and each new row says when and how it was measured.
 * A target this run could not compute (its measurement was not asked for) keeps the file's value.
 */
export interface MergeableResults {
  date: string;
  command: string;
  machine: { commit?: string | null };
  runs: { phase: string }[];
  targets: { name: string; value: number | null }[];
}

export function mergeInto<R extends MergeableResults>(old: R, fresh: R): R {
  const phases = new Set(fresh.runs.map((r) => r.phase));
  const computed = fresh.targets.filter((t) => t.value !== null && t.value !== undefined);
  const names = new Set(computed.map((t) => t.name));
  const measured = { date: fresh.date, command: fresh.command, commit: fresh.machine.commit };
  return {
    ...old,
    runs: [...old.runs.filter((r) => !phases.has(r.phase)), ...fresh.runs.map((r) => ({ ...r, measured }))],
    targets: [
      ...old.targets.filter((t) => !names.has(t.name)),
      ...fresh.targets.filter((t) => names.has(t.name) || !old.targets.some((o) => o.name === t.name)),
    ],
  };
}
