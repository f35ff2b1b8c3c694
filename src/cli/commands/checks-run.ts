/** The body of `compliance-bot checks` (the command and its help: commands/checks.ts), loaded when it runs. */
import { checks as allChecks } from '../../../checks';
import { renderCatalogue } from '../../report/catalogue';
import type { CliContext } from '../context';
import { EXIT } from '../errors';
import type { ChecksFlags } from '../flags';
import { parseChoice } from '../options';
import { selectChecks } from '../select';

const FORMATS = ['text', 'json', 'markdown'] as const;

export async function runChecks(ctx: CliContext, values: ChecksFlags): Promise<number> {
  const format = parseChoice(values.format, FORMATS, '--format');
  const selected = values.checks ? selectChecks(allChecks, values.checks.split(',')) : allChecks;
  const out = renderCatalogue(selected, format);
  ctx.io.stdout(out.endsWith('\n') ? out : `${out}\n`);
  return EXIT.ok;
}
