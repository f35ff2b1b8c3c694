/** `compliance-bot checks`: the command and its help; the body (commands/checks-run.ts) loads when the command runs. */
import { defineCommand } from '../command';
import type { ChecksFlags } from '../flags';
import type { CliIo } from '../io';
import { runCommand } from '../program';

export const checks = defineCommand<ChecksFlags>({
  name: 'checks',
  summary: 'list the checks (the catalogue): --format text|json|markdown',
  description: 'Lists the checks: ID, severity, title, benchmarks and remediation.',
  options: [
    { flags: '--format <FORMAT>', description: 'text, json or markdown (default text)' },
    { flags: '--checks <GLOBS>', description: "only these checks, comma-separated globs: 'host.ssh.*,k8s.rbac.*'" },
  ],
  run: async (ctx, values) => (await import('./checks-run')).runChecks(ctx, values),
});

/** `compliance-bot checks ARGS…` in-process. */
export const run = (args: readonly string[], io: CliIo) => runCommand(checks, args, io);
