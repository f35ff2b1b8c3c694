/** `compliance-bot diff`: the command and its help; the body (commands/diff-run.ts) loads when the command runs. */
import { CONFIG_OPTION, defineCommand, STORE_OPTION } from '../command';
import type { DiffFlags } from '../flags';
import type { CliIo } from '../io';
import { runCommand } from '../program';

export const diff = defineCommand<DiffFlags>({
  name: 'diff',
  summary: 'what changed between the last two stored snapshots (no scan)',
  description: `Shows what changed between the last two stored snapshots of each scope (or of one scope): regressions, resolved
findings and findings that could not be assessed. Reads the store only; scans nothing.`,
  options: [
    STORE_OPTION,
    { flags: '--scope <NAME>', description: 'one scope (default: every scope in the store)' },
    { flags: '--format <FORMAT>', description: 'text, json, sarif, junit or markdown (default text)' },
    CONFIG_OPTION,
  ],
  run: async (ctx, values) => (await import('./diff-run')).runDiff(ctx, values),
});

/** `compliance-bot diff ARGS…` in-process. */
export const run = (args: readonly string[], io: CliIo) => runCommand(diff, args, io);
