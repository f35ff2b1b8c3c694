/**
 * `compliance-bot verify [--scope NAME]`: checks the hash chain of a scope's snapshots (every scope by default) and
 * reports tampered objects, breaks, forks and unreadable snapshots. Exit 0: intact (forks are reported, they come
 * from concurrent scans); 1: something was tampered, broken or unreadable; 2: usage or store error.
 */
import { assertScope } from '../../store/types';
import { type ChainReport, verifyChain } from '../../store/verify';
import { CommandError, guarded, openCommandStores, parseFlags, type StoreCommandIo } from './waive';

export const VERIFY_HELP = `Usage: compliance-bot verify [--scope NAME] [--since DATE] [--format text|json]

Checks the tamper-evident chain of stored snapshots: each names the sha256 of the stored bytes of the one before
it, and its summary records its own. Reports tampered snapshots (bytes changed after writing), breaks (a missing
parent, a chain that restarts), forks (two snapshots naming the same parent: scans that ran at the same time) and
unreadable objects.

Options:
  --scope NAME        verify one scope (default: every scope in the store)
  --since DATE        only snapshots started at or after DATE (ISO date); a parent before it is reported as a break
  --format text|json
  --store DIR|s3://BUCKET/PREFIX, --config FILE   as for scan

Exit codes: 0 intact (forks alone are not damage), 1 tampered, broken or unreadable, 2 usage or store error.`;

export async function run(args: string[], io: StoreCommandIo): Promise<number> {
  return guarded('verify', io, async () => {
    const { values, positionals } = parseFlags('verify', args, {
      scope: { type: 'string' },
      since: { type: 'string' },
      format: { type: 'string' },
      store: { type: 'string' },
      config: { type: 'string' },
      help: { type: 'boolean', short: 'h' },
    });
    if (values.help) {
      io.stdout(`${VERIFY_HELP}\n`);
      return 0;
    }
    if (positionals.length > 0) throw new CommandError(`unexpected argument "${positionals[0].slice(0, 40)}"`);
    const format = (values.format as string | undefined) ?? 'text';
    if (format !== 'text' && format !== 'json') throw new CommandError(`--format "${format}": use text or json`);
    let from: Date | undefined;
    if (typeof values.since === 'string') {
      from = new Date(values.since);
      if (Number.isNaN(from.getTime()))
        throw new CommandError(`--since "${values.since.slice(0, 40)}": an ISO date such as 2026-11-01`);
    }
    if (typeof values.scope === 'string') {
      try {
        assertScope(values.scope);
      } catch (err) {
        throw new CommandError(`--scope: ${(err as Error).message}`);
      }
    }
    const stores = openCommandStores(io, values as { store?: string; config?: string }, () => {});
    const scopes = typeof values.scope === 'string' ? [values.scope] : await stores.snapshots.scopes();
    if (scopes.length === 0) {
      throw new CommandError(`no snapshots in ${stores.snapshots.location}: nothing to verify`);
    }
    const reports: ChainReport[] = [];
    for (const scope of scopes) {
      reports.push(await verifyChain(stores.snapshots, scope, from ? { range: { from } } : {}));
    }
    if (format === 'json') io.stdout(`${JSON.stringify(reports, null, 2)}\n`);
    else for (const r of reports) io.stdout(renderReport(r));
    return reports.every((r) => r.ok) ? 0 : 1;
  });
}

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
