import { parseArgs } from 'node:util';
import { checks } from '../../../checks';
import { compare } from '../../core/diff';
import { render } from '../../report';
import { REPORT_FORMATS, type ReportFormat } from '../../report/types';
import { mergeScans } from '../../scan/merge';
import type { ScanResponse } from '../../scan/run-scan';
import { type CliIo, EXIT, UsageError } from '../io';
import { openCliStores } from '../stores';
import { loadCliConfig } from './scan';

export const DIFF_HELP = `Usage: compliance-bot diff [--store DIR|s3://BUCKET/PREFIX] [--scope NAME] [--format FORMAT]

Shows what changed between the last two stored snapshots of each scope (or of one scope): regressions, resolved
findings and findings that could not be assessed. Reads the store only; scans nothing.`;

export async function diffCommand(args: string[], io: CliIo): Promise<number> {
  let values: { store?: string; scope?: string; format?: string; config?: string; help?: boolean };
  try {
    values = parseArgs({
      args,
      options: {
        store: { type: 'string' },
        scope: { type: 'string' },
        format: { type: 'string' },
        config: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
      strict: true,
    }).values;
  } catch (err) {
    throw new UsageError(`${(err as Error).message}; see \`compliance-bot diff --help\``);
  }
  if (values.help) {
    io.stdout(`${DIFF_HELP}\n`);
    return EXIT.ok;
  }
  const format = (values.format ?? 'text') as ReportFormat;
  if (!REPORT_FORMATS.includes(format))
    throw new UsageError(`--format "${values.format}": use one of ${REPORT_FORMATS.join(', ')}`);
  const { config, baseDir } = loadCliConfig(io, values.config);
  let problems = 0;
  const stores = await openCliStores(values.store, config, io, baseDir, (p) => {
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
    { color: io.isTTY && !io.env.NO_COLOR },
  );
  io.stdout(out.endsWith('\n') ? out : `${out}\n`);
  return problems > 0 ? EXIT.usage : EXIT.ok;
}
