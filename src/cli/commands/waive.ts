/**
 * `compliance-bot waive FINGERPRINT --days N --reason TEXT [--owner WHO] [--ticket ID]`: accepts the risk of one
 * finding for a while. FINGERPRINT may be a unique prefix (the text and Markdown reports show 10 characters). The waiver is stored beside the snapshots (`--store` or the configuration's store); the
 * next scans report the finding as waived, and as a regression ("waiver expired") the day the waiver ends.
 */
import { userInfo } from 'node:os';
import { FINGERPRINT_LENGTH, isFingerprint, MIN_FINGERPRINT_PREFIX } from '../../core/fingerprint';
import { PATTERN_WAIVER_FINGERPRINT, type Result, type Waiver, type WaiverMatch } from '../../core/model';
import { DEFAULT_MAX_WAIVER_DAYS, waiverCovers } from '../../core/waivers';
import type { Stores } from '../../store/open';
import { CONFIG_OPTION, defineCommand, STORE_OPTION } from '../command';
import { EXIT, UsageError } from '../errors';
import type { CliIo } from '../io';
import { runCommand } from '../program';

/** Candidates named when a prefix is ambiguous. */
const MAX_CANDIDATES = 10;

type WaiveFlags = {
  days?: string;
  reason?: string;
  owner?: string;
  ticket?: string;
  by?: string;
  force?: boolean;
  check?: string;
  target?: string;
  resource?: string;
  kind?: string;
  store?: string;
  config?: string;
};

export const waive = defineCommand<WaiveFlags>({
  name: 'waive',
  summary: 'accept the risk of a finding (or a pattern of findings) until a date: --days N --reason TEXT',
  description: `Accepts the risk of one finding (or of every finding of one check on one target whose resource matches a pattern)
until a date: the finding is reported as waived, not as a regression, until the waiver expires; the next scan
after that reports it as a regression ("waiver expired").
  compliance-bot waive FINGERPRINT --days N --reason TEXT [options]
  compliance-bot waive --check ID --target NAME --resource PATTERN --days N --reason TEXT [options]
FINGERPRINT is shown beside each finding in the text, Markdown, JSON, SARIF and Slack reports; a unique prefix of
at least ${MIN_FINGERPRINT_PREFIX} characters is enough (the text and Markdown reports show 10). It must name a finding failing in the
newest stored snapshot of some scope, unless --force is given with the whole fingerprint.`,
  arguments: [
    {
      name: 'FINGERPRINT',
      description: `the finding's fingerprint, or a unique prefix of at least ${MIN_FINGERPRINT_PREFIX} characters`,
      optional: true,
    },
  ],
  options: [
    {
      flags: '--days <N>',
      description: `how long the waiver lasts (at most waivers.maxDays of the configuration, ${DEFAULT_MAX_WAIVER_DAYS} by default)`,
    },
    { flags: '--reason <TEXT>', description: 'why the risk is accepted (required)' },
    { flags: '--owner <WHO>', description: 'who is accountable (default: you)' },
    { flags: '--ticket <ID>', description: 'a ticket or link tracking the fix' },
    { flags: '--by <NAME>', description: 'who creates the waiver (default: your user name)' },
    { flags: '--check <ID>', description: 'a pattern waiver: the check', group: 'Pattern waiver:' },
    { flags: '--target <NAME>', description: 'a pattern waiver: the target', group: 'Pattern waiver:' },
    {
      flags: '--resource <PATTERN>',
      description: 'a glob (* and ?) over namespace/name, or name when cluster-scoped',
      group: 'Pattern waiver:',
    },
    { flags: '--kind <KIND>', description: 'a pattern waiver: only resources of this kind', group: 'Pattern waiver:' },
    {
      flags: '--force',
      description: 'waive a whole fingerprint that no stored snapshot shows failing (a finding expected soon)',
    },
    STORE_OPTION,
    CONFIG_OPTION,
  ],
  async run(ctx, values, args) {
    const { io } = ctx;
    const { check, target, resource, kind } = values;
    const patternFlags = [check, target, resource].filter((v) => v !== undefined).length;
    let match: WaiverMatch | undefined;
    let fingerprint: string;
    if (patternFlags > 0 || kind !== undefined) {
      if (args.length > 0 || check === undefined || target === undefined || resource === undefined) {
        throw new UsageError(
          'a pattern waiver needs --check, --target and --resource (and no FINGERPRINT); see `compliance-bot waive --help`',
        );
      }
      match = { checkId: check, target, resource, ...(kind !== undefined ? { kind } : {}) };
      fingerprint = PATTERN_WAIVER_FINGERPRINT;
    } else {
      if (args.length !== 1) {
        throw new UsageError('give exactly one FINGERPRINT; see `compliance-bot waive --help`');
      }
      fingerprint = args[0].toLowerCase();
      if (!/^[0-9a-f]+$/.test(fingerprint) || fingerprint.length > FINGERPRINT_LENGTH) {
        throw new UsageError(
          `"${args[0].slice(0, 40)}" is not a finding fingerprint (${FINGERPRINT_LENGTH} hexadecimal characters, or a unique prefix of them, as shown beside the finding in the reports)`,
        );
      }
      if (fingerprint.length < MIN_FINGERPRINT_PREFIX) {
        throw new UsageError(
          `"${args[0]}" is too short: give at least ${MIN_FINGERPRINT_PREFIX} characters of the fingerprint shown beside the finding in the reports`,
        );
      }
      if (!isFingerprint(fingerprint) && values.force) {
        throw new UsageError(
          `--force needs the whole fingerprint (${FINGERPRINT_LENGTH} characters): a prefix can only name a finding a stored snapshot shows`,
        );
      }
    }
    const daysText = values.days;
    if (daysText === undefined) throw new UsageError('--days N is required (how long the waiver lasts)');
    if (!/^\d{1,4}$/.test(daysText) || Number(daysText) < 1) {
      throw new UsageError(`--days "${daysText.slice(0, 20)}": a whole number of days, at least 1`);
    }
    const reason = values.reason?.trim();
    if (!reason) throw new UsageError('--reason TEXT is required (why the risk is accepted)');

    let problems = 0;
    const stores = ctx.stores((p) => {
      problems++;
      io.stderr(`compliance-bot: warning: skipped stored snapshot ${p.key}: ${p.problem}\n`);
    });
    const prefix = !match && !isFingerprint(fingerprint) ? fingerprint : null;
    const matching = await findOpenFindings(stores, (r) =>
      match
        ? waiverCovers({ fingerprint, match } as Waiver, r)
        : prefix
          ? r.fingerprint.startsWith(prefix)
          : r.fingerprint === fingerprint,
    );
    if (prefix !== null) {
      if (matching.length === 0) {
        throw new UsageError(
          `no open finding in ${stores.snapshots.location} has a fingerprint starting with ${prefix}: nothing was waived (check the fingerprint in the latest report)`,
        );
      }
      if (matching.length > 1) {
        const named = matching.slice(0, MAX_CANDIDATES).map((r) => `${r.fingerprint} (${describeFinding(r)})`);
        if (matching.length > MAX_CANDIDATES) named.push(`and ${matching.length - MAX_CANDIDATES} more`);
        throw new UsageError(
          `"${args[0]}" matches ${matching.length} open findings; give more characters of the fingerprint: ${named.join('; ')}. Nothing was waived.`,
        );
      }
      fingerprint = matching[0].fingerprint;
    }
    const finding = matching[0] ?? null;
    if (!finding && !values.force) {
      throw new UsageError(
        `no stored snapshot in ${stores.snapshots.location} shows ${match ? 'a finding matching the pattern' : fingerprint} failing: nothing was waived (check the ${match ? 'pattern' : 'fingerprint'}, or use --force to waive a finding expected soon)`,
      );
    }
    const now = ctx.now();
    const by = values.by ?? currentUser(io.env);
    const waiver: Waiver = {
      fingerprint,
      ...(match ? { match } : {}),
      reason,
      owner: values.owner ?? by,
      ...(values.ticket ? { ticket: values.ticket } : {}),
      expires: new Date(now.getTime() + Number(daysText) * 86_400_000).toISOString(),
      createdBy: by,
      createdAt: now.toISOString(),
      ...(finding && !match ? { checkId: finding.checkId, target: finding.target } : {}),
    };
    const stored = await stores.waivers.add(waiver);
    const what = match
      ? `${match.checkId} on ${match.target}: ${match.kind ? `${match.kind} ` : ''}${match.resource}, ${matching.length} open finding(s) now`
      : finding
        ? describeFinding(finding)
        : 'a finding not seen yet';
    io.stdout(
      `Waived ${match ? 'pattern' : fingerprint} (${what}) until ${stored.expires} [${stored.id}], owner ${stored.owner}${stored.ticket ? `, ticket ${stored.ticket}` : ''}.\n`,
    );
    if (problems > 0) io.stderr(`compliance-bot waive: ${problems} stored object(s) could not be read (see above)\n`);
    return EXIT.ok;
  },
});

/** `compliance-bot waive ARGS…` in-process. */
export const run = (args: readonly string[], io: CliIo) => runCommand(waive, args, io);

/** Failing results (or carried ones) of the newest snapshot of every scope that `matches` accepts. */
async function findOpenFindings(stores: Stores, matches: (r: Result) => boolean): Promise<Result[]> {
  const found = new Map<string, Result>();
  for (const scope of await stores.snapshots.scopes()) {
    const latest = await stores.snapshots.latest(scope);
    for (const r of [...(latest?.snapshot.results ?? []), ...(latest?.snapshot.carried ?? [])]) {
      if (r.status === 'fail' && matches(r) && !found.has(r.fingerprint)) found.set(r.fingerprint, r);
    }
  }
  return [...found.values()];
}

/** `k8s.rbac.cluster-admin on prod: ServiceAccount ci/deployer`. */
function describeFinding(r: Result): string {
  return `${r.checkId} on ${r.target}: ${r.resource.kind} ${r.resource.namespace ? `${r.resource.namespace}/` : ''}${r.resource.name}`;
}

function currentUser(env: NodeJS.ProcessEnv): string {
  const fromEnv = env.USER || env.LOGNAME || env.USERNAME;
  if (fromEnv) return fromEnv.slice(0, 100);
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
