/**
 * docs/mutation.md from Stryker's reports: `npm run test:mutation:doc`.
 *
 *   (no argument)            from reports/mutation/mutation.json, the last run, as a whole;
 *   --record <phase> <file> [report [finishedAt seconds]]
 *                            keeps the part of the report (default reports/mutation/mutation.json) that
 *                            `--mutate <file>` measured as reports/mutation-runs/<phase>/<file, "/" as "_">.json
 *                            (phase: before or after); the run's end (ISO) and length default to the report's
 *                            modification time and the report's own figures; with --declarations-only, a file
 *                            the run mutated that Stryker made no mutant of (absent from its report) is kept with
 *                            its source today and no mutants;
 *   --survivors <file>…      prints the `--mutate` ranges of the open survivors of each file's latest run and of the
 *                            code changed since, for:
 *   --rerun <phase> <file> [report [finishedAt seconds]]
 *                            keeps a run of those ranges laid over the file's latest run (of the phase, else of
 *                            "before"): the re-run mutants take its results, the others keep theirs;
 *   --runs                   from every run kept under reports/mutation-runs/ (a file's latest run per phase).
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  codeKey,
  type Equivalent,
  filesInScope,
  isEquivalent,
  type MutationReport,
  type MutationRun,
  moveEquivalents,
  mutationDoc,
  mutationRunsDoc,
  rerunOf,
  rerunRanges,
  runOf,
} from './mutation-doc';

const root = process.cwd();
const RUNS = resolve(root, 'reports', 'mutation-runs');
const LAST = resolve(root, 'reports/mutation/mutation.json');
const readJson = <T>(path: string): T => JSON.parse(readFileSync(path, 'utf8')) as T;
const recordPath = (phase: string, file: string) =>
  join(RUNS, phase, `${file.replace(/\.ts$/, '').replace(/\//g, '_')}.json`);
/** A file's latest kept run: of `phase` when there is one, else its "before" run. */
const latestRun = (file: string, phase = 'after'): MutationRun => {
  for (const p of [phase, 'before']) {
    if (existsSync(recordPath(p, file))) return readJson<MutationRun>(recordPath(p, file));
  }
  throw new Error(`no run of ${file} is kept under ${RUNS}`);
};
const EQUIVALENTS = resolve(root, 'scripts/mutation-equivalents.json');
const equivalents = readJson<Equivalent[]>(EQUIVALENTS);
const out = resolve(root, 'docs', 'mutation.md');
const args = process.argv.slice(2);
const declarationsOnly = args.includes('--declarations-only');
const [mode, ...rest] = args.filter((a) => a !== '--declarations-only');

if (mode === '--record') {
  const [phase, file, reportPath, finishedAt, seconds] = rest;
  const from = reportPath ? resolve(reportPath) : LAST;
  if (!/^(before|after)$/.test(phase ?? '') || !file) {
    throw new Error('usage: gen-mutation-doc.ts --record before|after <mutated file> [report]');
  }
  const report = readJson<MutationReport>(from);
  if (seconds) report.performance = { setup: 0, initialRun: 0, mutation: Number(seconds) * 1000 };
  const source = declarationsOnly ? { source: readFileSync(resolve(root, file), 'utf8') } : undefined;
  const run = runOf(report, file, phase, finishedAt ?? statSync(from).mtime.toISOString(), source);
  mkdirSync(join(RUNS, phase), { recursive: true });
  const target = recordPath(phase, file);
  writeFileSync(target, `${JSON.stringify(run)}\n`);
  process.stdout.write(`kept ${target}\n`);
} else if (mode === '--survivors') {
  if (rest.length === 0) throw new Error('usage: gen-mutation-doc.ts --survivors <file>…');
  const ranges = rest.flatMap((f) => rerunRanges(latestRun(f), equivalents, readFileSync(resolve(root, f), 'utf8')));
  process.stdout.write(`${ranges.join(',')}\n`);
} else if (mode === '--rerun') {
  const [phase, file, reportPath, finishedAt, seconds] = rest;
  if (!/^(before|after)$/.test(phase ?? '') || !file) {
    throw new Error('usage: gen-mutation-doc.ts --rerun before|after <file> [report [finishedAt seconds]]');
  }
  const from = reportPath ? resolve(reportPath) : LAST;
  const report = readJson<MutationReport>(from);
  if (seconds) report.performance = { setup: 0, initialRun: 0, mutation: Number(seconds) * 1000 };
  // Stryker leaves out a file whose ranges held no mutant (a change to static data or comments only).
  report.files[file] ??= { source: readFileSync(resolve(root, file), 'utf8'), mutants: [] };
  const base = latestRun(file, phase);
  const run = rerunOf(base, report, phase, finishedAt ?? statSync(from).mtime.toISOString());
  // The equivalents of the file follow its code to today's lines.
  const fresh = report.files[file].mutants;
  const moved = moveEquivalents(
    equivalents,
    file,
    base.report.files[file].source,
    run.report.files[file].source,
    fresh,
  );
  writeFileSync(EQUIVALENTS, `${JSON.stringify(moved.kept, null, 2)}\n`);
  for (const e of moved.dropped)
    process.stdout.write(`dropped the equivalent at ${file}:${e.line} (its line changed)\n`);
  mkdirSync(join(RUNS, phase), { recursive: true });
  writeFileSync(recordPath(phase, file), `${JSON.stringify(run)}\n`);
  process.stdout.write(`kept ${recordPath(phase, file)} (${run.rerun?.mutants} mutants re-run)\n`);
} else if (mode === '--fill-code') {
  // Each entry without `code` takes the code of the survivors it judges in its file's latest run (one entry per code
  // when it judges several); an entry that judges none (left behind by code that moved) is dropped.
  const filled: Equivalent[] = [];
  for (const e of equivalents) {
    if (e.code !== undefined) {
      filled.push(e);
      continue;
    }
    const { source, mutants } = latestRun(e.file).report.files[e.file];
    const judged = isEquivalent([e]);
    const codes = new Set(
      mutants
        .filter((m) => (m.status === 'Survived' || m.status === 'NoCoverage') && judged(e.file, m, source))
        .map((m) => codeKey(source, m.location)),
    );
    if (codes.size === 0) process.stdout.write(`dropped ${e.file}:${e.line} ${e.mutator}: it judges no survivor\n`);
    const { reason, ...where } = e;
    for (const code of codes) filled.push({ ...where, code, reason });
  }
  writeFileSync(EQUIVALENTS, `${JSON.stringify(filled, null, 2)}\n`);
  process.stdout.write(
    `${filled.filter((e) => e.code !== undefined).length} of ${filled.length} entries name their code\n`,
  );
} else if (mode === '--runs') {
  const runs: MutationRun[] = [];
  for (const phase of readdirSync(RUNS)) {
    for (const name of readdirSync(join(RUNS, phase))) {
      if (name.endsWith('.json')) runs.push(readJson<MutationRun>(join(RUNS, phase, name)));
    }
  }
  const command =
    'npx stryker run [stryker.checks.config.cjs|stryker.parsers.config.cjs] --mutate <files> --concurrency 1|2 --incrementalFile <the incremental report>';
  const config = readJson<{ mutate: string[] }>(resolve(root, 'stryker.config.json'));
  const roots = [...new Set(config.mutate.filter((p) => !p.startsWith('!')).map((p) => p.split('/')[0]))];
  const files = roots.flatMap((dir) =>
    (readdirSync(resolve(root, dir), { recursive: true }) as string[]).map((f) => join(dir, f).replace(/\\/g, '/')),
  );
  const sources = Object.fromEntries(
    filesInScope(config.mutate, files).map((f) => [f, readFileSync(resolve(root, f), 'utf8')] as const),
  );
  writeFileSync(out, mutationRunsDoc(runs, equivalents, command, { sources }));
  process.stdout.write(`wrote ${out} from ${runs.length} runs\n`);
} else {
  writeFileSync(out, mutationDoc(readJson<MutationReport>(LAST), equivalents, mode ?? 'npm run test:mutation'));
  process.stdout.write(`wrote ${out}\n`);
}
