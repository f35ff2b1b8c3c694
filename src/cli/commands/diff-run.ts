/** The body of `compliance-bot diff` (the command and its help: commands/diff.ts), loaded when it runs. */
import { checks } from '../../../checks';
import { compare } from '../../core/diff';
import { render } from '../../report';
import { mergeScans } from '../../scan/merge';
import type { ScanResponse } from '../../scan/run-scan';
import type { CliContext } from '../context';
import { EXIT } from '../errors';
import type { DiffFlags } from '../flags';
import { parseReportFormat } from '../options';

export async function runDiff(ctx: CliContext, values: DiffFlags): Promise<number> {
  const { io } = ctx;
  const format = parseReportFormat(values.format);
  let problems = 0;
  const stores = ctx.stores((p) => {
    problems++;
    io.stderr(`compliance-bot: warning: skipped stored snapshot ${p.key}: ${p.problem}\n`);
  });
  const scopes = values.scope ? [values.scope] : await stores.snapshots.scopes();
  if (scopes.length === 0) {
    io.stderr(`compliance-bot diff: no snapshots in ${stores.snapshots.location}; run \`compliance-bot scan\` first\n`);
    return EXIT.usage;
  }
  const waivers = await stores.waivers.list();
  const parts: ScanResponse[] = [];
  for (const scope of scopes) {
    const refs = await stores.snapshots.list(scope);
    const readable = [];
    for (let i = refs.length - 1; i >= 0 && readable.length < 2; i--) {
      try {
        readable.push(await stores.snapshots.get(refs[i]));
      } catch (err) {
        problems++;
        io.stderr(`compliance-bot: warning: skipped stored snapshot ${refs[i].key}: ${(err as Error).message}\n`);
      }
    }
    const [latest, previous] = readable;
    if (!latest) continue;
    const { diff } = compare(
      previous?.snapshot ?? null,
      latest.snapshot,
      waivers,
      new Date(latest.snapshot.finishedAt),
    );
    parts.push({ snapshot: latest.snapshot, diff, stored: latest.ref, facts: [] });
  }
  if (parts.length === 0) {
    io.stderr(`compliance-bot diff: no readable snapshot of ${scopes.join(', ')}\n`);
    return EXIT.usage;
  }
  const merged = mergeScans(parts, scopes.join(','));
  const out = render(
    format,
    { snapshot: merged.snapshot, diff: merged.diff, checks },
    { color: io.isTTY === true && !io.env.NO_COLOR },
  );
  io.stdout(out.endsWith('\n') ? out : `${out}\n`);
  return problems > 0 ? EXIT.usage : EXIT.ok;
}
