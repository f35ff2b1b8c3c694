import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { checks as allChecks } from '../../../checks';
import { scanScopes } from '../../app/scan-scopes';
import { loadConfigFile } from '../../config/load';
import type { Config } from '../../config/schema';
import { type CheckOptions, type Result, SEVERITIES, type Severity, severityRank } from '../../core/model';
import { render } from '../../report';
import { REPORT_FORMATS, type ReportFormat } from '../../report/types';
import { mergeScans } from '../../scan/merge';
import type { Stores } from '../../store/open';
import { type CliIo, EXIT, stderrReporter, UsageError } from '../io';
import { selectChecks } from '../select';
import { openCliStores } from '../stores';
import { planTargets } from '../targets';

export const SCAN_HELP = `Usage: compliance-bot scan [options]

Scans hosts and clusters, compares with the last snapshot of each target and prints a report.
With no target option it scans the targets of compliance-bot.config.yaml, or else the embedded defaults:
this machine as a host, and the current kubeconfig's cluster or else examples/demo-cluster.

Targets:
  --manifests DIR        scan Kubernetes manifests (YAML/JSON, recursively) offline
  --cluster-name NAME    name of the --manifests cluster (default: the folder's name)
  --kubeconfig FILE      scan a live cluster (with --context NAME)
  --context NAME         kubeconfig context
  --host-root DIR        scan a filesystem tree as a host (DIR is its /)
  --no-host              do not scan this machine in the default scan
Storage:
  --store DIR|s3://BUCKET/PREFIX   where snapshots live (default .compliance-bot/)
  --no-store             neither read nor write snapshots (no diff)
  --scope NAME           one snapshot scope for all targets (default: one scope per target)
Output:
  --format FORMAT        text, json, sarif, junit or markdown (default text)
  --output FILE          write the report to FILE instead of stdout
  --fail-on SEVERITY     exit 1 when a failing, unwaived result of at least SEVERITY exists
  --checks GLOBS         only these checks, comma-separated globs: 'host.ssh.*,k8s.rbac.*'
  --config FILE          configuration file (default ./compliance-bot.config.yaml when present)
  --verbose              every remediation and unknown result in the text report
  --quiet                no progress on stderr
  --no-color             no colours (also when NO_COLOR is set or stdout is not a terminal)

Exit codes: 0 done; 1 findings at or above --fail-on; 2 usage, configuration or input error (the report is still
written when the scan ran).`;

const OPTIONS = {
  manifests: { type: 'string' },
  'cluster-name': { type: 'string' },
  kubeconfig: { type: 'string' },
  context: { type: 'string' },
  'host-root': { type: 'string' },
  'no-host': { type: 'boolean' },
  store: { type: 'string' },
  'no-store': { type: 'boolean' },
  scope: { type: 'string' },
  format: { type: 'string' },
  output: { type: 'string' },
  'fail-on': { type: 'string' },
  checks: { type: 'string' },
  config: { type: 'string' },
  verbose: { type: 'boolean' },
  quiet: { type: 'boolean' },
  'no-color': { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

export type ScanFlags = ReturnType<typeof parseScanArgs>;

export function parseScanArgs(args: string[]) {
  try {
    return parseArgs({ args, options: OPTIONS, allowPositionals: false, strict: true }).values;
  } catch (err) {
    throw new UsageError(
      `${(err as Error).message.replace(/\. To specify.*$/s, '')}; see \`compliance-bot scan --help\``,
    );
  }
}

export function parseSeverity(value: string | undefined, flag: string): Severity | undefined {
  if (value === undefined) return undefined;
  if (!(SEVERITIES as readonly string[]).includes(value)) {
    throw new UsageError(`${flag} "${value}": use one of ${SEVERITIES.join(', ')}`);
  }
  return value as Severity;
}

export function loadCliConfig(io: CliIo, path: string | undefined): { config: Config; baseDir: string } {
  const explicit = path !== undefined;
  const file = resolve(io.cwd, path ?? 'compliance-bot.config.yaml');
  if (!explicit && !existsSync(file)) return { config: loadConfigFile(undefined), baseDir: io.cwd };
  return { config: loadConfigFile(file), baseDir: dirname(file) };
}

export async function scanCommand(args: string[], io: CliIo): Promise<number> {
  const flags = parseScanArgs(args);
  if (flags.help) {
    io.stdout(`${SCAN_HELP}\n`);
    return EXIT.ok;
  }
  const format = (flags.format ?? 'text') as ReportFormat;
  if (!REPORT_FORMATS.includes(format))
    throw new UsageError(`--format "${flags.format}": use one of ${REPORT_FORMATS.join(', ')}`);
  const { config, baseDir } = loadCliConfig(io, flags.config);
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
  if (flags.store && flags['no-store']) throw new UsageError('--store and --no-store exclude each other');

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
    : await openCliStores(flags.store, config, io, baseDir, (p) => {
        inputProblems.push(`${p.key}: ${p.problem}`);
        reporter.warn(`skipped stored snapshot ${p.key}: ${p.problem}`);
      });
  const waivers = stores ? await stores.waivers.list() : [];
  const options: CheckOptions = {
    excludedNamespaces: config.checks.excludedNamespaces,
    excludeSystemRbac: config.checks.excludeSystemRbac,
    certExpiryDays: config.checks.certExpiryDays,
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
  const output = render(
    format,
    {
      snapshot: merged.snapshot,
      diff: stores ? merged.diff : null,
      checks,
      stored:
        stored.length > 0 && stores
          ? { key: stored.map((s) => s.key).join(', '), location: stores.snapshots.location }
          : null,
    },
    {
      color: format === 'text' && io.isTTY && !flags['no-color'] && !io.env.NO_COLOR,
      verbose: flags.verbose === true,
    },
  );
  if (flags.output) {
    const file = resolve(io.cwd, flags.output);
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, output.endsWith('\n') ? output : `${output}\n`);
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
  const gate = failOn ? failing(merged.snapshot.results, failOn) : [];
  if (gate.length > 0) {
    io.stderr(`compliance-bot: ${gate.length} failing result(s) at or above ${failOn}\n`);
    return EXIT.findings;
  }
  return EXIT.ok;
}

/** Failing, unwaived results at or above a severity. */
export function failing(results: readonly Result[], threshold: Severity): Result[] {
  return results.filter((r) => r.status === 'fail' && !r.waiver && severityRank(r.severity) >= severityRank(threshold));
}
