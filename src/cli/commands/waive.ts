/**
 * `compliance-bot waive FINGERPRINT --days N --reason TEXT [--owner WHO] [--ticket ID]`: accepts the risk of one
 * finding for a while. The waiver is stored beside the snapshots (`--store` or the configuration's store); the
 * next scans report the finding as waived, and as a regression ("waiver expired") the day the waiver ends.
 */
import { existsSync } from 'node:fs';
import { userInfo } from 'node:os';
import { dirname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import type { S3Client } from '@aws-sdk/client-s3';
import { ConfigError, loadConfigFile } from '../../config/load';
import type { Config } from '../../config/schema';
import { isFingerprint } from '../../core/fingerprint';
import { PATTERN_WAIVER_FINGERPRINT, type Result, type Waiver, type WaiverMatch } from '../../core/model';
import { waiverCovers } from '../../core/waivers';
import { openStores, parseStoreSpec, type Stores } from '../../store/open';
import { s3ClientFromEnv } from '../../store/s3-client';
import { StoreError } from '../../store/types';
import { DEFAULT_MAX_WAIVER_DAYS } from '../../store/waivers';

export interface StoreCommandIo {
  stdout: (s: string) => void;
  stderr: (s: string) => void;
  cwd: string;
  env?: NodeJS.ProcessEnv;
}

export const WAIVE_HELP = `Usage: compliance-bot waive FINGERPRINT --days N --reason TEXT [options]
       compliance-bot waive --check ID --target NAME --resource PATTERN --days N --reason TEXT [options]

Accepts the risk of one finding (or of every finding of one check on one target whose resource matches a pattern)
until a date: the finding is reported as waived, not as a regression, until the waiver expires; the next scan
after that reports it as a regression ("waiver expired").

Options:
  --days N          how long the waiver lasts (at most waivers.maxDays of the configuration, ${DEFAULT_MAX_WAIVER_DAYS} by default)
  --reason TEXT     why the risk is accepted (required)
  --owner WHO       who is accountable (default: you)
  --ticket ID       a ticket or link tracking the fix
  --by NAME         who creates the waiver (default: your user name)
  --check ID, --target NAME, --resource PATTERN, [--kind KIND]
                    a pattern waiver: PATTERN is a glob (* and ?) over namespace/name, or name when cluster-scoped
  --force           waive a fingerprint that no stored snapshot shows failing (a finding expected soon)
  --store DIR|s3://BUCKET/PREFIX   where snapshots and waivers are (default: the configuration's store)
  --config FILE     configuration file (default: compliance-bot.config.yaml when present)

The fingerprint is shown beside each finding in the reports (text, json, sarif).`;

export class CommandError extends Error {
  constructor(
    message: string,
    readonly exitCode = 2,
  ) {
    super(message);
    this.name = 'CommandError';
  }
}

/** `--store`, else the configuration's store; a relative folder resolves against the cwd (flag) or the config file. */
export function openCommandStores(
  io: StoreCommandIo,
  flags: { store?: string; config?: string },
  onProblem: (p: { key: string; problem: string }) => void,
): Stores {
  let config: Config;
  let baseDir = io.cwd;
  try {
    const file = resolve(io.cwd, flags.config ?? 'compliance-bot.config.yaml');
    if (flags.config !== undefined || existsSync(file)) {
      config = loadConfigFile(file);
      baseDir = dirname(file);
    } else {
      config = loadConfigFile(undefined);
    }
  } catch (err) {
    if (err instanceof ConfigError) throw new CommandError(err.message);
    throw err;
  }
  let spec: Config['store'];
  try {
    spec = flags.store !== undefined ? parseStoreSpec(flags.store) : config.store;
  } catch (err) {
    throw new CommandError(`--store: ${(err as Error).message}`);
  }
  if (spec.type === 'local') spec = { ...spec, dir: resolve(flags.store !== undefined ? io.cwd : baseDir, spec.dir) };
  let s3: S3Client | undefined;
  if (spec.type === 's3') {
    try {
      s3 = s3ClientFromEnv(io.env ?? process.env);
    } catch (err) {
      throw new CommandError((err as Error).message);
    }
  }
  const maxWaiverDays = config.waivers.maxDays;
  return openStores(spec, { onProblem, s3, ...(maxWaiverDays !== undefined ? { maxWaiverDays } : {}) });
}

/** Runs a command body, mapping usage, configuration and store errors to a message and exit code 2. */
export async function guarded(name: string, io: StoreCommandIo, body: () => Promise<number>): Promise<number> {
  try {
    return await body();
  } catch (err) {
    if (err instanceof CommandError) {
      io.stderr(`compliance-bot ${name}: ${err.message}\n`);
      return err.exitCode;
    }
    if (err instanceof StoreError) {
      io.stderr(`compliance-bot ${name}: ${err.message}\n`);
      return 2;
    }
    throw err;
  }
}

export function parseFlags<T extends Record<string, { type: 'string' | 'boolean'; short?: string }>>(
  name: string,
  args: string[],
  options: T,
): { values: Record<string, string | boolean | undefined>; positionals: string[] } {
  try {
    const parsed = parseArgs({ args, options, strict: true, allowPositionals: true });
    return { values: parsed.values as Record<string, string | boolean | undefined>, positionals: parsed.positionals };
  } catch (err) {
    throw new CommandError(`${(err as Error).message}; see \`compliance-bot ${name} --help\``);
  }
}

export async function run(args: string[], io: StoreCommandIo): Promise<number> {
  return guarded('waive', io, async () => {
    const { values, positionals } = parseFlags('waive', args, {
      days: { type: 'string' },
      reason: { type: 'string' },
      owner: { type: 'string' },
      ticket: { type: 'string' },
      by: { type: 'string' },
      force: { type: 'boolean' },
      check: { type: 'string' },
      target: { type: 'string' },
      resource: { type: 'string' },
      kind: { type: 'string' },
      store: { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.stdout(`${WAIVE_HELP}\n`);
      return 0;
    }
    const patternFlags = [values.check, values.target, values.resource].filter((v) => v !== undefined).length;
    let match: WaiverMatch | undefined;
    let fingerprint: string;
    if (patternFlags > 0 || values.kind !== undefined) {
      if (positionals.length > 0 || patternFlags !== 3) {
        throw new CommandError(
          'a pattern waiver needs --check, --target and --resource (and no FINGERPRINT); see `compliance-bot waive --help`',
        );
      }
      match = {
        checkId: values.check as string,
        target: values.target as string,
        resource: values.resource as string,
        ...(values.kind !== undefined ? { kind: values.kind as string } : {}),
      };
      fingerprint = PATTERN_WAIVER_FINGERPRINT;
    } else {
      if (positionals.length !== 1) {
        throw new CommandError('give exactly one FINGERPRINT; see `compliance-bot waive --help`');
      }
      fingerprint = positionals[0].toLowerCase();
      if (!isFingerprint(fingerprint)) {
        throw new CommandError(
          `"${positionals[0].slice(0, 40)}" is not a finding fingerprint (20 hexadecimal characters, as shown in the reports)`,
        );
      }
    }
    const daysText = values.days as string | undefined;
    if (daysText === undefined) throw new CommandError('--days N is required (how long the waiver lasts)');
    if (!/^\d{1,4}$/.test(daysText) || Number(daysText) < 1) {
      throw new CommandError(`--days "${daysText.slice(0, 20)}": a whole number of days, at least 1`);
    }
    const reason = (values.reason as string | undefined)?.trim();
    if (!reason) throw new CommandError('--reason TEXT is required (why the risk is accepted)');

    let problems = 0;
    const stores = openCommandStores(io, values as { store?: string; config?: string }, (p) => {
      problems++;
      io.stderr(`compliance-bot: warning: skipped stored snapshot ${p.key}: ${p.problem}\n`);
    });
    const matching = await findOpenFindings(stores, (r) =>
      match ? waiverCovers({ fingerprint, match } as Waiver, r) : r.fingerprint === fingerprint,
    );
    const finding = matching[0] ?? null;
    if (!finding && !values.force) {
      throw new CommandError(
        `no stored snapshot in ${stores.snapshots.location} shows ${match ? 'a finding matching the pattern' : fingerprint} failing: nothing was waived (check the ${match ? 'pattern' : 'fingerprint'}, or use --force to waive a finding expected soon)`,
      );
    }
    const now = new Date();
    const by = (values.by as string | undefined) ?? currentUser(io.env ?? process.env);
    const waiver: Waiver = {
      fingerprint,
      ...(match ? { match } : {}),
      reason,
      owner: (values.owner as string | undefined) ?? by,
      ...(values.ticket ? { ticket: values.ticket as string } : {}),
      expires: new Date(now.getTime() + Number(daysText) * 86_400_000).toISOString(),
      createdBy: by,
      createdAt: now.toISOString(),
      ...(finding && !match ? { checkId: finding.checkId, target: finding.target } : {}),
    };
    const stored = await stores.waivers.add(waiver);
    const what = match
      ? `${match.checkId} on ${match.target}: ${match.kind ? `${match.kind} ` : ''}${match.resource}, ${matching.length} open finding(s) now`
      : finding
        ? `${finding.checkId} on ${finding.target}: ${finding.resource.kind} ${finding.resource.namespace ? `${finding.resource.namespace}/` : ''}${finding.resource.name}`
        : 'a finding not seen yet';
    io.stdout(
      `Waived ${match ? 'pattern' : fingerprint} (${what}) until ${stored.expires} [${stored.id}], owner ${stored.owner}${stored.ticket ? `, ticket ${stored.ticket}` : ''}.\n`,
    );
    if (problems > 0) io.stderr(`compliance-bot waive: ${problems} stored object(s) could not be read (see above)\n`);
    return 0;
  });
}

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

function currentUser(env: NodeJS.ProcessEnv): string {
  const fromEnv = env.USER || env.LOGNAME || env.USERNAME;
  if (fromEnv) return fromEnv.slice(0, 100);
  try {
    return userInfo().username;
  } catch {
    return 'unknown';
  }
}
