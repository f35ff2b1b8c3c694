/**
 * `compliance-bot verify [--scope NAME]`: checks the hash chain of a scope's snapshots (every scope by default) and
 * reports tampered objects, breaks, forks and unreadable snapshots. Exit 0: intact (forks are reported, they come
 * from concurrent scans); 1: something was tampered, broken or unreadable; 2: usage or store error.
 */
import { assertScope } from '../../store/types';
import { type ChainReport, verifyChain } from '../../store/verify';
import { CONFIG_OPTION, defineCommand, STORE_OPTION } from '../command';
import { EXIT, UsageError } from '../errors';
import type { CliIo } from '../io';
import { parseChoice } from '../options';
import { runCommand } from '../program';

type VerifyFlags = { scope?: string; since?: string; format?: string; store?: string; config?: string };

export const verify = defineCommand<VerifyFlags>({
  name: 'verify',
  summary: "check the hash chain of a scope's snapshots: breaks, forks, tampering",
  description: `Checks the tamper-evident chain of stored snapshots: each names the sha256 of the stored bytes of the one before
it, and its summary records its own. Reports tampered snapshots (bytes changed after writing), breaks (a missing
parent, a chain that restarts), forks (two snapshots naming the same parent: scans that ran at the same time) and
unreadable objects.`,
  options: [
    { flags: '--scope <NAME>', description: 'verify one scope (default: every scope in the store)' },
    {
      flags: '--since <DATE>',
      description: 'only snapshots started at or after DATE (ISO date); a parent before it is reported as a break',
    },
    { flags: '--format <FORMAT>', description: 'text or json (default text)' },
    STORE_OPTION,
    CONFIG_OPTION,
  ],
  epilogue:
    'Exit codes: 0 intact (forks alone are not damage), 1 tampered, broken or unreadable, 2 usage or store error.',
  async run(ctx, values) {
    const { io } = ctx;
    const format = parseChoice(values.format, ['text', 'json'] as const, '--format');
    let from: Date | undefined;
    if (values.since !== undefined) {
      from = new Date(values.since);
      if (Number.isNaN(from.getTime()))
        throw new UsageError(`--since "${values.since.slice(0, 40)}": an ISO date such as 2026-11-01`);
    }
    if (values.scope !== undefined) {
      try {
        assertScope(values.scope);
      } catch (err) {
        throw new UsageError(`--scope: ${(err as Error).message}`);
      }
    }
    const stores = ctx.stores(() => {});
    const scopes = values.scope !== undefined ? [values.scope] : await stores.snapshots.scopes();
    if (scopes.length === 0) {
      throw new UsageError(`no snapshots in ${stores.snapshots.location}: nothing to verify`);
    }
    const reports: ChainReport[] = [];
    for (const scope of scopes) {
      reports.push(await verifyChain(stores.snapshots, scope, from ? { range: { from } } : {}));
    }
    if (format === 'json') io.stdout(`${JSON.stringify(reports, null, 2)}\n`);
    else for (const r of reports) io.stdout(renderReport(r));
    return reports.every((r) => r.ok) ? EXIT.ok : EXIT.findings;
  },
});

/** `compliance-bot verify ARGS…` in-process. */
export const run = (args: readonly string[], io: CliIo) => runCommand(verify, args, io);

function renderReport(r: ChainReport): string {
  const lines: string[] = [];
  const verdict = r.snapshots === 0 ? 'no snapshots' : r.ok ? 'intact' : 'DAMAGED';
  lines.push(
    `${r.scope} (${r.location}): ${verdict}: ${r.snapshots} snapshot(s), ${r.verifiedLinks} link(s) verified, ${r.heads.length} head(s)`,
  );
  for (const i of r.issues) {
    lines.push(`  ${i.kind.toUpperCase()}  ${i.key}: ${i.message}`);
    for (const k of i.related ?? []) lines.push(`      child: ${k}`);
  }
  return `${lines.join('\n')}\n`;
}
