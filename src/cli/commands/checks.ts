import { parseArgs } from 'node:util';
import { checks } from '../../../checks';
import { renderCatalogue } from '../../report/catalogue';
import { type CliIo, EXIT, UsageError } from '../io';
import { selectChecks } from '../select';

const FORMATS = ['text', 'json', 'markdown'] as const;

export async function checksCommand(args: string[], io: CliIo): Promise<number> {
  let values: { format?: string; checks?: string; help?: boolean };
  try {
    values = parseArgs({
      args,
      options: { format: { type: 'string' }, checks: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
      strict: true,
    }).values;
  } catch (err) {
    throw new UsageError(`${(err as Error).message}; see \`compliance-bot checks --help\``);
  }
  if (values.help) {
    io.stdout(
      'Usage: compliance-bot checks [--format text|json|markdown] [--checks GLOBS]\n\nLists the checks: ID, severity, title, benchmarks and remediation.\n',
    );
    return EXIT.ok;
  }
  const format = values.format ?? 'text';
  if (!(FORMATS as readonly string[]).includes(format))
    throw new UsageError(`--format "${format}": use one of ${FORMATS.join(', ')}`);
  const selected = values.checks ? selectChecks(checks, values.checks.split(',')) : checks;
  const out = renderCatalogue(selected, format as (typeof FORMATS)[number]);
  io.stdout(out.endsWith('\n') ? out : `${out}\n`);
  return EXIT.ok;
}
