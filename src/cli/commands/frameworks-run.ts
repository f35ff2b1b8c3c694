/** The body of `compliance-bot frameworks` (the command and its help: commands/frameworks.ts), loaded when it runs. */
import { FRAMEWORK_DATA } from '../../core/frameworks/data';
import { FRAMEWORK_FORMATS, renderFrameworkCoverage } from '../../report/frameworks';
import type { CliContext } from '../context';
import { EXIT } from '../errors';
import type { FrameworksFlags } from '../flags';
import { parseFrameworks } from '../frameworks';
import { parseChoice } from '../options';

export async function runFrameworks(ctx: CliContext, values: FrameworksFlags): Promise<number> {
  const format = parseChoice(values.format, FRAMEWORK_FORMATS, '--format');
  const chosen = values.framework !== undefined ? parseFrameworks(values.framework) : FRAMEWORK_DATA;
  const out = renderFrameworkCoverage(chosen, format, values.framework !== undefined);
  ctx.io.stdout(out.endsWith('\n') ? out : `${out}\n`);
  return EXIT.ok;
}
