/** The body of `compliance-bot verify` (the command and its help: commands/verify.ts), loaded when it runs. */
import { assertScope } from '../../store/types';
import { type ChainReport, verifyChain } from '../../store/verify';
import type { CliContext } from '../context';
import { EXIT, UsageError } from '../errors';
import type { VerifyFlags } from '../flags';
import { parseChoice } from '../options';

export async function runVerify(ctx: CliContext, values: VerifyFlags): Promise<number> {
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
