/**
 * Mutation report -> docs/mutation.md: the score per folder, the run's duration, and every surviving mutant with its
 * verdict (equivalent, with the reason, from scripts/mutation-equivalents.json; otherwise open). Every number is
 * counted from Stryker's JSON report (reports/mutation/mutation.json), written by `npm run test:mutation`.
 */
import { createHash } from 'node:crypto';
import { diffLines } from 'diff';
import picomatch from 'picomatch';

export type MutantStatus =
  | 'Killed'
  | 'Survived'
  | 'NoCoverage'
  | 'Timeout'
  | 'CompileError'
  | 'RuntimeError'
  | 'Ignored'
  | 'Pending';

export interface ReportMutant {
  id: string;
  mutatorName: string;
  replacement?: string;
  status: MutantStatus;
  location: { start: { line: number; column: number }; end: { line: number; column: number } };
}

export interface MutationReport {
  files: Record<string, { source: string; mutants: ReportMutant[] }>;
  performance?: { setup: number; initialRun: number; mutation: number };
  /** The options the run was given; `jest.configFile` names the tests it ran against each mutant. */
  config?: { jest?: { configFile?: string } };
}

/**
 * One Stryker run over one file (`stryker run --mutate <file>`), kept under reports/mutation-runs/<phase>/. Stryker's
 * report also lists the files it carried over from the incremental file; a run keeps only the file it mutated.
 */
export interface MutationRun {
  /** `before`: the tests as they were; `after`: with the tests written to kill its survivors. */
  phase: string;
  file: string;
  /** When the run ended (ISO), from the report file. */
  finishedAt: string;
  /** The Jest configuration whose tests ran against each mutant (absent: the default, jest.mutation.config.js). */
  tests?: string;
  report: MutationReport;
  /**
   * A re-run of the survivors' lines only (`--mutate <file>:<line>-<line>,…`) over an earlier run of the same source:
   * when that run ended and how many of its mutants ran again. The other mutants keep that run's result.
   */
  rerun?: { of: string; mutants: number };
}

/** The tests a run used when its report does not say. */
export const DEFAULT_TESTS = 'jest.mutation.config.js';

/** The part of a Stryker report that a run of `file` measured, without coverage lists. */
/**
 * The part of a Stryker report about one mutated file. Stryker leaves out a file it made no mutant of (types and
 * declarations only): `declarationsOnly` gives that file's source to keep it as measured, with no mutants.
 */
export function runOf(
  report: MutationReport,
  file: string,
  phase: string,
  finishedAt: string,
  declarationsOnly?: { source: string },
): MutationRun {
  const entry = report.files[file] ?? (declarationsOnly ? { source: declarationsOnly.source, mutants: [] } : undefined);
  if (!entry) throw new Error(`the report has no mutants for ${file}: was it run with --mutate ${file}?`);
  const mutants = entry.mutants.map(({ id, mutatorName, replacement, status, location }) => ({
    id,
    mutatorName,
    replacement,
    status,
    location,
  }));
  const tests = report.config?.jest?.configFile;
  return {
    phase,
    file,
    finishedAt,
    ...(tests !== undefined ? { tests } : {}),
    report: { files: { [file]: { source: entry.source, mutants } }, performance: report.performance },
  };
}

const sameMutant = (a: ReportMutant, b: ReportMutant) =>
  a.mutatorName === b.mutatorName &&
  (a.replacement ?? '') === (b.replacement ?? '') &&
  a.location.start.line === b.location.start.line &&
  a.location.start.column === b.location.start.column &&
  a.location.end.line === b.location.end.line &&
  a.location.end.column === b.location.end.column;

/**
 * How the lines of an earlier source map onto the source today: each unchanged line's new number; for a changed or
 * removed line, the lines that replace it (`from`..`to`, empty when `to` < `from`); and the new lines no earlier
 * line maps onto unchanged (the changed code), as inclusive line ranges.
 */
export interface SourceMap {
  line(old: number): { from: number; to: number; same: boolean };
  changed: [number, number][];
  /** Where lines were removed with nothing in their place: the number today of the line after them. */
  seams: number[];
}

export function sourceMap(before: string, now: string): SourceMap {
  const oldLines: { from: number; to: number; same: boolean }[] = [];
  const changed: [number, number][] = [];
  const seams: number[] = [];
  let next = 1;
  let hunk: { from: number; removed: number[] } | undefined;
  const close = () => {
    if (!hunk) return;
    for (const i of hunk.removed) oldLines[i] = { from: hunk.from, to: next - 1, same: false };
    if (next > hunk.from) changed.push([hunk.from, next - 1]);
    else seams.push(hunk.from);
    hunk = undefined;
  };
  for (const part of diffLines(before, now)) {
    const n = part.count ?? 0;
    if (!part.added && !part.removed) {
      close();
      for (let i = 0; i < n; i++, next++) oldLines.push({ from: next, to: next, same: true });
      continue;
    }
    hunk ??= { from: next, removed: [] };
    if (part.removed) for (let i = 0; i < n; i++) hunk.removed.push(oldLines.push({ from: 0, to: 0, same: false }) - 1);
    else next += n;
  }
  close();
  return { line: (old) => oldLines[old - 1] ?? { from: next, to: next - 1, same: false }, changed, seams };
}

/** A mutant of the earlier source on the lines that are unchanged today, at its new lines; undefined when it touches a change. */
function moved(m: ReportMutant, map: SourceMap): ReportMutant | undefined {
  const lines: number[] = [];
  for (let l = m.location.start.line; l <= m.location.end.line; l++) {
    const at = map.line(l);
    if (!at.same) return undefined;
    lines.push(at.from);
  }
  // Lines inserted inside the mutant's span change the code it replaces.
  if (lines.some((l, i) => i > 0 && l !== lines[i - 1] + 1)) return undefined;
  const { start, end } = m.location;
  return { ...m, location: { start: { ...start, line: lines[0] }, end: { ...end, line: lines[lines.length - 1] } } };
}

/**
 * A run of some lines of `file` laid over an earlier run: each mutant the re-run made takes the re-run's result, and
 * every other mutant of the earlier run keeps its result, at its line in the source today. Adding tests cannot let a
 * killed mutant survive, so after new tests only the mutants that were left need running again. When the source
 * changed, the re-run must also hold the changed code (see rerunRanges): an earlier mutant that touches a change is
 * dropped, its code being mutated again by the re-run (the same assumption as Stryker's own incremental mode: a
 * mutant of unchanged code keeps its result). A re-run mutant of unchanged code that the earlier run did not make
 * means the two runs do not match, and is refused.
 */
export function rerunOf(base: MutationRun, report: MutationReport, phase: string, finishedAt: string): MutationRun {
  const { file } = base;
  const entry = report.files[file];
  const was = base.report.files[file];
  if (!entry) throw new Error(`the re-run's report has no mutants for ${file}`);
  const map = sourceMap(was.source, entry.source);
  const kept = was.mutants.flatMap((m) => moved(m, map) ?? []);
  const fresh = runOf(report, file, phase, finishedAt).report.files[file].mutants;
  const inChange = ({ location: { start, end } }: ReportMutant) =>
    map.changed.some(([a, b]) => end.line >= a && start.line <= b) ||
    map.seams.some((f) => start.line < f && end.line >= f);
  const unmatched = fresh.filter((m) => !inChange(m) && !kept.some((w) => sameMutant(w, m)));
  if (unmatched.length > 0) {
    const m = unmatched[0];
    throw new Error(
      `the run of ${base.finishedAt} has no ${m.mutatorName} mutant at ${file}:${m.location.start.line}:${m.location.start.column}`,
    );
  }
  const mutants = [...fresh, ...kept.filter((w) => !fresh.some((m) => sameMutant(w, m)))].sort(
    (a, b) =>
      a.location.start.line - b.location.start.line ||
      a.location.start.column - b.location.start.column ||
      a.location.end.line - b.location.end.line,
  );
  const run = runOf({ ...report, files: { [file]: { source: entry.source, mutants } } }, file, phase, finishedAt);
  return { ...run, rerun: { of: base.rerun?.of ?? base.finishedAt, mutants: fresh.length } };
}

/**
 * The equivalents of `file` moved with its code from an earlier source to today's: an entry on an unchanged line
 * takes that line's new number; one on a changed or removed line is dropped (its reason was about other code, and
 * its mutant, run again, is judged anew). An entry that names a mutant the re-run made today (`today`) was written
 * for today's code and stays; entries of other files are kept as they are.
 */
export function moveEquivalents(
  equivalents: readonly Equivalent[],
  file: string,
  before: string,
  now: string,
  today: readonly ReportMutant[] = [],
): { kept: Equivalent[]; dropped: Equivalent[] } {
  const map = sourceMap(before, now);
  const kept: Equivalent[] = [];
  const dropped: Equivalent[] = [];
  // An entry already written for a mutant of today's code (the re-run's) stays where it is.
  const ofToday = (e: Equivalent) =>
    today.some(
      (m) =>
        m.location.start.line === e.line &&
        m.mutatorName === e.mutator &&
        (e.replacement === undefined || e.replacement === m.replacement) &&
        (e.code === undefined || e.code === codeKey(now, m.location)),
    );
  for (const e of equivalents) {
    if (e.file !== file || ofToday(e)) kept.push(e);
    else {
      const at = map.line(e.line);
      if (at.same) kept.push({ ...e, line: at.from });
      else dropped.push(e);
    }
  }
  return { kept, dropped };
}

/**
 * The Stryker `--mutate` ranges (`file:12-14`; Stryker mutates the code a range holds whole) that a re-run over a
 * run of `file` must mutate: the lines of its open survivors that are not listed as equivalent and, when the source
 * changed since (`now`), the changed lines and the whole span, today, of every earlier mutant that touches them.
 */
export function rerunRanges(run: MutationRun, equivalents: readonly Equivalent[], now?: string): string[] {
  const eq = isEquivalent(equivalents);
  const { source, mutants } = run.report.files[run.file];
  const map = sourceMap(source, now ?? source);
  const ranges = new Map<string, number>();
  const add = (a: number, b: number) => ranges.set(`${run.file}:${a}-${Math.max(a, b)}`, a * 1e6 + Math.max(a, b));
  for (const [a, b] of map.changed) add(a, b);
  for (const m of mutants) {
    const left = m.status === 'Survived' || m.status === 'NoCoverage';
    const at = moved(m, map);
    if (at && left && !eq(run.file, m, source)) add(at.location.start.line, at.location.end.line);
    if (!at && m.status !== 'Ignored') {
      const s = map.line(m.location.start.line);
      const e = map.line(m.location.end.line);
      add(s.from, e.same ? e.from : e.to);
    }
  }
  return [...ranges].sort(([, a], [, b]) => a - b).map(([r]) => r);
}

/** The latest run of each file in a phase, merged into one report (each file from the run that mutated it). */
export function mergeRuns(runs: readonly MutationRun[], phase: string): MutationReport {
  const latest = new Map<string, MutationRun>();
  for (const r of runs) {
    if (r.phase !== phase) continue;
    const prev = latest.get(r.file);
    if (!prev || prev.finishedAt < r.finishedAt) latest.set(r.file, r);
  }
  const files: MutationReport['files'] = {};
  for (const [file, r] of [...latest].sort(([a], [b]) => a.localeCompare(b))) files[file] = r.report.files[file];
  return { files };
}

/** A surviving mutant judged equivalent (no test can tell it from the original), keyed by file, line and mutator. */
export interface Equivalent {
  file: string;
  line: number;
  mutator: string;
  replacement?: string;
  /**
   * Where the mutated code starts and ends on its line (Stryker's columns), for a line holding two mutants with the same
   * mutator and replacement of which only one is equivalent.
   */
  column?: number;
  endColumn?: number;
  /**
   * The code the mutant replaces (codeKey): the entry holds only for a mutant of that code, so that an entry left at a
   * line that now holds other code with the same mutator is no verdict on it.
   */
  code?: string;
  reason: string;
}

const linesOf = new Map<string, string[]>();

/**
 * The code a mutant replaces in `source`, its blanks collapsed (formatting does not change it); longer than 120
 * characters, `sha256:` and 16 hex characters of its hash.
 */
export function codeKey(source: string, loc: ReportMutant['location']): string {
  let lines = linesOf.get(source);
  if (lines === undefined) {
    if (linesOf.size > 64) linesOf.clear();
    lines = source.split('\n');
    linesOf.set(source, lines);
  }
  const { start, end } = loc;
  const text =
    start.line === end.line
      ? (lines[start.line - 1] ?? '').slice(start.column - 1, end.column - 1)
      : [
          (lines[start.line - 1] ?? '').slice(start.column - 1),
          ...lines.slice(start.line, end.line - 1),
          (lines[end.line - 1] ?? '').slice(0, end.column - 1),
        ].join('\n');
  const collapsed = text.replace(/\s+/g, ' ').trim();
  return collapsed.length <= 120
    ? collapsed
    : `sha256:${createHash('sha256').update(collapsed).digest('hex').slice(0, 16)}`;
}

export interface FolderScore {
  folder: string;
  killed: number;
  timeout: number;
  survived: number;
  noCoverage: number;
  equivalent: number;
  /** killed + timeout over every valid mutant less the equivalent ones, in percent. */
  score: number;
  target: number;
}

/** The folders the issue's targets name, most specific first. */
const FOLDERS: { prefix: string; target: number }[] = [
  { prefix: 'src/core/', target: 90 },
  { prefix: 'checks/', target: 90 },
  { prefix: 'src/store/', target: 80 },
  { prefix: 'src/collectors/host/sshd/', target: 80 },
  { prefix: 'src/collectors/host/parse-probe.ts', target: 80 },
];

function folderOf(file: string): { prefix: string; target: number } {
  return FOLDERS.find((f) => file.startsWith(f.prefix)) ?? { prefix: file, target: 80 };
}

const keyOf = (file: string, line: number, mutator: string, replacement?: string) =>
  `${file}:${line}:${mutator}:${replacement ?? ''}`;

export function isEquivalent(equivalents: readonly Equivalent[]) {
  const index = (entries: readonly Equivalent[], key: (e: Equivalent) => string) => {
    const map = new Map<string, Equivalent[]>();
    for (const e of entries) map.set(key(e), [...(map.get(key(e)) ?? []), e]);
    return map;
  };
  const byKey = index(equivalents, (e) => keyOf(e.file, e.line, e.mutator, e.replacement));
  const byLine = index(
    equivalents.filter((e) => e.replacement === undefined),
    (e) => keyOf(e.file, e.line, e.mutator),
  );
  const at = (m: ReportMutant, source: string) => (e: Equivalent) =>
    (e.column === undefined || e.column === m.location.start.column) &&
    (e.endColumn === undefined || e.endColumn === m.location.end.column) &&
    (e.code === undefined || e.code === codeKey(source, m.location));
  /** The entry that judges mutant `m` of `file`, whose source (the run's) is `source`. */
  return (file: string, m: ReportMutant, source: string): Equivalent | undefined =>
    byKey.get(keyOf(file, m.location.start.line, m.mutatorName, m.replacement))?.find(at(m, source)) ??
    byLine.get(keyOf(file, m.location.start.line, m.mutatorName))?.find(at(m, source));
}

export function scores(report: MutationReport, equivalents: readonly Equivalent[]): FolderScore[] {
  const eq = isEquivalent(equivalents);
  const by = new Map<string, FolderScore>();
  for (const [file, { source, mutants }] of Object.entries(report.files)) {
    const { prefix, target } = folderOf(file);
    let s = by.get(prefix);
    if (!s) {
      s = { folder: prefix, killed: 0, timeout: 0, survived: 0, noCoverage: 0, equivalent: 0, score: 0, target };
      by.set(prefix, s);
    }
    for (const m of mutants) {
      if (m.status === 'Killed') s.killed++;
      else if (m.status === 'Timeout') s.timeout++;
      else if (m.status === 'Survived' || m.status === 'NoCoverage') {
        if (eq(file, m, source)) s.equivalent++;
        else if (m.status === 'Survived') s.survived++;
        else s.noCoverage++;
      }
    }
  }
  for (const s of by.values()) {
    const valid = s.killed + s.timeout + s.survived + s.noCoverage;
    s.score = valid === 0 ? 100 : Math.floor(((s.killed + s.timeout) / valid) * 1000) / 10;
  }
  return [...by.values()].sort((a, b) => a.folder.localeCompare(b.folder));
}

function lineOf(source: string, line: number): string {
  return (source.split('\n')[line - 1] ?? '').trim();
}

export function mutationDoc(report: MutationReport, equivalents: readonly Equivalent[], command: string): string {
  const rows = scores(report, equivalents);
  const eq = isEquivalent(equivalents);
  const mins = (ms: number) => `${Math.round(ms / 60_000)} min`;
  const perf = report.performance;
  const out: string[] = [
    '# Mutation testing',
    '',
    'Generated by `npm run test:mutation:doc` from the last `npm run test:mutation` (Stryker with its Jest runner,',
    'per-test coverage; configuration in stryker.config.json, tests in jest.mutation.config.js). Do not edit by hand.',
    '',
    `Command: \`${command}\`.${perf ? ` Duration: ${mins(perf.setup + perf.initialRun + perf.mutation)} (initial test run ${mins(perf.initialRun)}, mutants ${mins(perf.mutation)}).` : ''}`,
    '',
    'Score = (killed + timed out) / (every mutant less the equivalent ones). Equivalent mutants are listed with the',
    'reason in scripts/mutation-equivalents.json.',
    '',
    '| folder | score | target | met | killed | timed out | survived | no coverage | equivalent |',
    '| --- | ---: | ---: | --- | ---: | ---: | ---: | ---: | ---: |',
  ];
  for (const r of rows) {
    out.push(
      `| ${r.folder} | ${r.score.toFixed(1)}% | ${r.target}% | ${r.score >= r.target ? 'yes' : 'no'} | ${r.killed} | ${r.timeout} | ${r.survived} | ${r.noCoverage} | ${r.equivalent} |`,
    );
  }
  out.push('', '## Surviving mutants', '');
  for (const [file, { source, mutants }] of Object.entries(report.files).sort(([a], [b]) => a.localeCompare(b))) {
    const left = mutants
      .filter((m) => m.status === 'Survived' || m.status === 'NoCoverage')
      .sort((a, b) => a.location.start.line - b.location.start.line);
    if (left.length === 0) continue;
    out.push(`### ${file}`, '');
    for (const m of left) {
      const e = eq(file, m, source);
      const verdict = e ? `equivalent: ${e.reason}` : m.status === 'NoCoverage' ? 'open (no test reaches it)' : 'open';
      const code = lineOf(source, m.location.start.line).replace(/`/g, "'").slice(0, 100);
      const repl = (m.replacement ?? '').replace(/\s+/g, ' ').replace(/`/g, "'").slice(0, 60);
      out.push(
        `- line ${m.location.start.line}, ${m.mutatorName}${repl ? ` \`${repl}\`` : ''} in \`${code}\`: ${verdict}`,
      );
    }
    out.push('');
  }
  return `${out.join('\n').trimEnd()}\n`;
}

/** Scores of one file (the same counting as `scores`). */
export function fileScore(report: MutationReport, file: string, equivalents: readonly Equivalent[]): FolderScore {
  const only: MutationReport = { files: { [file]: report.files[file] } };
  const [row] = scores(only, equivalents);
  return { ...row, folder: file };
}

/**
 * docs/mutation.md from per-file runs: which file was mutated in which run (and how long it took), each file's score
 * before and after, the folders' scores over the files mutated only, and every survivor of the latest runs.
 */
/** The files stryker.config.json's `mutate` list names, with their source today. */
export interface MutationScope {
  sources: Record<string, string>;
}

export function mutationRunsDoc(
  runs: readonly MutationRun[],
  equivalents: readonly Equivalent[],
  command: string,
  scope?: MutationScope,
): string {
  const after = mergeRuns(runs, 'after');
  const before = mergeRuns(runs, 'before');
  const mins = (ms: number) => `${Math.max(1, Math.round(ms / 60_000))} min`;
  const pct = (r: FolderScore | undefined) => {
    if (!r) return 'not run';
    return r.killed + r.timeout + r.survived + r.noCoverage + r.equivalent === 0
      ? 'no mutants'
      : `${r.score.toFixed(1)}%`;
  };
  const out: string[] = [
    '# Mutation testing',
    '',
    'Generated by `npm run test:mutation:doc -- --runs` from the per-file runs kept under reports/mutation-runs/',
    '(Stryker with its Jest runner, per-test coverage; configuration in stryker.config.json). Do not edit by hand.',
    '',
    `Each run's "tests" column names the Jest configuration whose tests ran against each mutant: ${DEFAULT_TESTS} (the`,
    'unit and table tests of every folder in scope), jest.mutation.checks.config.js (only the tests under checks/, for',
    "the check modules; Stryker's configuration for it: stryker.checks.config.cjs) or jest.mutation.parsers.config.js",
    "(the sshd and probe-output parsers' unit tests, each daemon-confirmed case checked against the parsers without",
    "running the daemon again; Stryker's configuration: stryker.parsers.config.cjs). The last two give a lower bound:",
    'a test they leave out that would kill a mutant is not run.',
    '',
    `Each run: \`${command}\`. Only the files listed below were mutated; no other file is measured here. Files mutated in one Stryker run (a folder) show that whole run's duration.`,
    '',
    'Score = (killed + timed out) / (every mutant less the equivalent ones). Equivalent mutants are listed with the',
    'reason in scripts/mutation-equivalents.json. "no mutants": Stryker made no mutant of the file (types and',
    'declarations only, or constant data it ignores as static).',
    '',
    '## Runs',
    '',
    '| file | run | tests | finished (UTC) | mutants | duration |',
    '| --- | --- | --- | --- | ---: | ---: |',
  ];
  const sorted = [...runs].sort((a, b) => a.file.localeCompare(b.file) || a.finishedAt.localeCompare(b.finishedAt));
  for (const r of sorted) {
    const p = r.report.performance;
    const n = r.report.files[r.file].mutants.length;
    const what = r.rerun
      ? `${r.phase}: ${r.rerun.mutants} mutant${r.rerun.mutants === 1 ? '' : 's'} re-run, the others from ${r.rerun.of.slice(0, 16).replace('T', ' ')}`
      : r.phase;
    out.push(
      `| ${r.file} | ${what} | ${r.tests ?? DEFAULT_TESTS} | ${r.finishedAt.slice(0, 16).replace('T', ' ')} | ${n} | ${p ? mins(p.setup + p.initialRun + p.mutation) : '?'} |`,
    );
  }
  out.push(
    '',
    '## Score per file, before and after',
    '',
    '"before": the tests as they were; "after": with the tests added to kill survivors.',
    '',
    '| file | before | after | killed | timed out | survived | no coverage | equivalent |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  );
  const files = [...new Set([...Object.keys(before.files), ...Object.keys(after.files)])].sort();
  for (const f of files) {
    const b = before.files[f] ? fileScore(before, f, equivalents) : undefined;
    const a = after.files[f] ? fileScore(after, f, equivalents) : undefined;
    out.push(
      `| ${f} | ${pct(b)} | ${pct(a)} | ${a?.killed ?? '-'} | ${a?.timeout ?? '-'} | ${a?.survived ?? '-'} | ${a?.noCoverage ?? '-'} | ${a?.equivalent ?? '-'} |`,
    );
  }
  const latest = { files: { ...before.files, ...after.files } };
  const inScope = scope ? Object.keys(scope.sources).sort() : [];
  const unmeasured = inScope.filter((f) => !latest.files[f]);
  // A run of code that changed since: its score is of other code (the survivors' lines may have moved).
  const stale = Object.keys(latest.files)
    .filter((f) => scope?.sources[f] !== undefined && scope.sources[f] !== latest.files[f].source)
    .sort();
  out.push(
    '',
    '## Score per folder, over the files mutated (latest runs)',
    '',
    scope
      ? '"in scope": the files stryker.config.json mutates; "not measured": those no run has mutated yet, listed below.'
      : 'Over the files mutated only.',
    '',
    scope
      ? '| folder | files mutated | in scope | not measured | score | target | met |'
      : '| folder | files mutated | score | target | met |',
    scope ? '| --- | ---: | ---: | ---: | ---: | ---: | --- |' : '| --- | ---: | ---: | ---: | --- |',
  );
  const folderScores = scores(latest, equivalents);
  const folders = [
    ...new Set([...folderScores.map((r) => r.folder), ...inScope.map((f) => folderOf(f).prefix)]),
  ].sort();
  for (const folder of folders) {
    const r = folderScores.find((x) => x.folder === folder);
    const n = Object.keys(latest.files).filter((f) => folderOf(f).prefix === folder).length;
    const score = r ? `${r.score.toFixed(1)}%` : 'not run';
    const target = r?.target ?? folderOf(folder).target;
    const met = r ? (r.score >= r.target ? 'yes' : 'no') : 'not run';
    if (scope) {
      const all = inScope.filter((f) => folderOf(f).prefix === folder).length;
      const missing = unmeasured.filter((f) => folderOf(f).prefix === folder).length;
      out.push(`| ${folder} | ${n} | ${all} | ${missing} | ${score} | ${target}% | ${met} |`);
    } else {
      out.push(`| ${folder} | ${n} | ${score} | ${target}% | ${met} |`);
    }
  }
  if (scope) {
    out.push('', '## Files in scope not measured yet', '');
    if (unmeasured.length === 0) out.push('None: every file in scope has a run.');
    for (const f of unmeasured) out.push(`- ${f}`);
    out.push('', '## Runs older than the code', '');
    out.push(
      stale.length === 0
        ? 'None: every run mutated the source as it is today.'
        : "The source changed after these files' latest run: their scores and survivors are of the earlier code.",
    );
    if (stale.length > 0) out.push('');
    for (const f of stale) out.push(`- ${f}`);
  }
  const survivors = mutationDoc(latest, equivalents, command);
  out.push('', survivors.slice(survivors.indexOf('## Surviving mutants')).trimEnd());
  return `${out.join('\n').trimEnd()}\n`;
}

/**
 * The files Stryker's `mutate` list selects among `files` (repository-relative paths): a file matched by a pattern
 * and by no `!` exclusion.
 */
export function filesInScope(patterns: readonly string[], files: readonly string[]): string[] {
  const include = picomatch(patterns.filter((p) => !p.startsWith('!')));
  const exclude = picomatch(patterns.filter((p) => p.startsWith('!')).map((p) => p.slice(1)));
  return files.filter((f) => include(f) && !exclude(f)).sort();
}
