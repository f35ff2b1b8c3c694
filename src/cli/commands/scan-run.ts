/**
 * The body of `compliance-bot scan` (the command and its help: commands/scan.ts), loaded when a scan runs.
 */
import { writeFileSync } from 'node:fs';
import { checks as allChecks } from '../../../checks';
import { scanScopes } from '../../app/scan-scopes';
import { frameworkStatus } from '../../core/frameworks/status';
import { type CheckOptions, type Result, type Severity, severityRank, type TargetSummary } from '../../core/model';
import { render } from '../../report';
import type { ReportFormat } from '../../report/types';
import { mergeScans } from '../../scan/merge';
import type { Stores } from '../../store/open';
import type { CliContext } from '../context';
import { EXIT, UsageError } from '../errors';
import { parseFrameworks } from '../frameworks';
import { stderrReporter } from '../io';
import { parseReportFormat, parseSeverity } from '../options';
import { cannotWrite, writableFile } from '../output';
import type { ScanFlags } from '../scan-flags';
import { selectChecks } from '../select';
import { planTargets } from '../targets';

/** What to do instead of writing the report to a file that cannot be written. */
const INSTEAD = ', or leave --output out to print the report';

export async function scanRun(ctx: CliContext, flags: ScanFlags): Promise<number> {
  const { io } = ctx;
  const format: ReportFormat = parseReportFormat(flags.format);
  const { config, baseDir } = ctx.config();
  const failOn = parseSeverity(flags['fail-on'], '--fail-on') ?? config.failOn;
  const checks = selectChecks(
    allChecks,
    flags.checks
      ? flags.checks
          .split(',')
          .map((s) => s.trim())
          .filter(Boolean)
      : config.checks.include,
    config.checks.exclude,
  );
  const frameworks = parseFrameworks(flags.framework);
  if (flags.store && flags['no-store']) throw new UsageError('--store and --no-store exclude each other');
  if (flags['fail-on-unknown'] && flags['allow-unassessed']) {
    throw new UsageError('--fail-on-unknown and --allow-unassessed contradict each other: give one');
  }
  // Before the scan: a report that cannot be written is known now, not after minutes of collecting.
  const outputFile =
    flags.output !== undefined ? writableFile(io.cwd, '--output', flags.output, 'the report', INSTEAD) : undefined;

  const reporter = stderrReporter(io, flags.quiet === true);
  const inputProblems: string[] = [];
  const plan = planTargets(flags, config, {
    io,
    baseDir,
    prefix: config.scope,
    onProblem: (p) => inputProblems.push(p),
  });
  const stores: Pick<Stores, 'snapshots' | 'waivers' | 'rbac'> | null = flags['no-store']
    ? null
    : ctx.stores((p) => {
        inputProblems.push(`${p.key}: ${p.problem}`);
        reporter.warn(`skipped stored snapshot ${p.key}: ${p.problem}`);
      });
  const waivers = stores ? await stores.waivers.list() : [];
  const options: CheckOptions = {
    excludedNamespaces: config.checks.excludedNamespaces,
    excludeSystemRbac: config.checks.excludeSystemRbac,
    certExpiryDays: config.checks.certExpiryDays,
    ...(config.checks.ssmAgentMinVersion ? { ssmAgentMinVersion: config.checks.ssmAgentMinVersion } : {}),
    reach: config.checks.reach,
  };

  const scopes = flags.scope ? [flags.scope] : [...new Set(plan.map((p) => p.scope))];
  const outcomes = await scanScopes({
    scopes: scopes.map((scope) => ({
      scope,
      collectors: plan.filter((p) => flags.scope || p.scope === scope).map((p) => p.collector),
    })),
    trigger: 'cli',
    checks,
    options,
    waivers,
    stores,
    hooks: { reporter: () => reporter },
  });
  const failed = outcomes.find((o) => o.error !== undefined);
  if (failed) throw failed.cause;
  const parts = outcomes.map((o) => o.scan).filter((s) => s !== null);
  reporter.done();
  const merged = mergeScans(parts, scopes.join(','));
  const stored = parts.map((p) => p.stored).filter((s) => s !== null);
  const unassessed = merged.snapshot.targets.filter((t) => t.status === 'unreachable');
  const rendered = render(
    format,
    {
      snapshot: merged.snapshot,
      diff: stores ? merged.diff : null,
      checks,
      ...(frameworks.length > 0
        ? { frameworks: frameworks.map((f) => frameworkStatus(f, { snapshot: merged.snapshot, checks })) }
        : {}),
      stored:
        stored.length > 0 && stores
          ? { key: stored.map((s) => s.key).join(', '), location: stores.snapshots.location }
          : null,
    },
    {
      color: format === 'text' && io.isTTY === true && !flags['no-color'] && !io.env.NO_COLOR,
      verbose: flags.verbose === true,
    },
  );
  const body = rendered.endsWith('\n') ? rendered : `${rendered}\n`;
  // The text report ends with the verdict on what was not seen at all: the last thing a person reads.
  const output =
    format === 'text' && unassessed.length > 0
      ? `${body}\n${notAssessedLine(unassessed, merged.snapshot.targets.length)}\n`
      : body;
  if (outputFile !== undefined && flags.output !== undefined) {
    try {
      writeFileSync(outputFile, output);
    } catch (err) {
      throw new UsageError(cannotWrite('--output', flags.output, 'the report', err, INSTEAD));
    }
    if (!flags.quiet) io.stderr(`compliance-bot: report written to ${flags.output}\n`);
  } else {
    io.stdout(output.endsWith('\n') ? output : `${output}\n`);
  }

  if (inputProblems.length > 0) {
    io.stderr(
      `compliance-bot: ${inputProblems.length} input problem(s); the scan went on without them:\n${inputProblems.map((p) => `  - ${p}`).join('\n')}\n`,
    );
    return EXIT.usage;
  }
  const allowed = flags['allow-unassessed'] === true;
  for (const t of unassessed) {
    io.stderr(
      `compliance-bot: ${allowed ? 'warning: ' : ''}NOT ASSESSED: ${t.name} (${t.kind}): ${t.reason ?? 'unreachable'}\n`,
    );
  }
  if (unassessed.length > 0 && !allowed) {
    io.stderr(
      `compliance-bot: ${unassessed.length} target(s) could not be assessed at all; exit ${EXIT.unassessed}. Make them reachable, or pass --allow-unassessed to accept a run that did not see them.\n`,
    );
    return EXIT.unassessed;
  }
  if (flags['fail-on-unknown']) {
    const unknown = merged.snapshot.results.filter((r) => r.status === 'unknown').length;
    if (unknown > 0) {
      io.stderr(
        `compliance-bot: ${unknown} result(s) could not be assessed (--fail-on-unknown); the report lists each with its reason\n`,
      );
      return EXIT.unassessed;
    }
  }
  const gate = failOn ? failing(merged.snapshot.results, failOn) : [];
  if (gate.length > 0) {
    io.stderr(`compliance-bot: ${gate.length} failing result(s) at or above ${failOn}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}

/** The closing line of a text report when some targets were not seen at all. */
function notAssessedLine(unassessed: readonly TargetSummary[], total: number): string {
  const names = unassessed.map((t) => `${t.name} (${t.kind})`).join(', ');
  return `NOT ASSESSED: ${unassessed.length} of ${total} target(s) could not be assessed at all: ${names}. Nothing about them is known; no result of theirs passed.`;
}

/** Failing, unwaived results at or above a severity. */
export function failing(results: readonly Result[], threshold: Severity): Result[] {
  return results.filter((r) => r.status === 'fail' && !r.waiver && severityRank(r.severity) >= severityRank(threshold));
}
