import { checks as allChecks } from '../../../checks';
import { renderCatalogue } from '../../report/catalogue';
import { defineCommand } from '../command';
import { EXIT } from '../errors';
import type { CliIo } from '../io';
import { parseChoice } from '../options';
import { runCommand } from '../program';
import { selectChecks } from '../select';

const FORMATS = ['text', 'json', 'markdown'] as const;

export const checks = defineCommand<{ format?: string; checks?: string }>({
  name: 'checks',
  summary: 'list the checks (the catalogue): --format text|json|markdown',
  description: 'Lists the checks: ID, severity, title, benchmarks and remediation.',
  options: [
    { flags: '--format <FORMAT>', description: 'text, json or markdown (default text)' },
    { flags: '--checks <GLOBS>', description: "only these checks, comma-separated globs: 'host.ssh.*,k8s.rbac.*'" },
  ],
  async run(ctx, values) {
    const format = parseChoice(values.format, FORMATS, '--format');
    const selected = values.checks ? selectChecks(allChecks, values.checks.split(',')) : allChecks;
    const out = renderCatalogue(selected, format);
    ctx.io.stdout(out.endsWith('\n') ? out : `${out}\n`);
    return EXIT.ok;
  },
});

/** `compliance-bot checks ARGS…` in-process. */
export const run = (args: readonly string[], io: CliIo) => runCommand(checks, args, io);
