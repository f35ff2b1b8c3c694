/**
 * `compliance-bot verify [--scope NAME]`: checks the hash chain of a scope's snapshots (every scope by default) and
 * reports tampered objects, breaks, forks and unreadable snapshots. Exit 0: intact (forks are reported, they come
 * from concurrent scans); 1: something was tampered, broken or unreadable; 2: usage or store error.
 * The body (commands/verify-run.ts) loads when the command runs: `--help` never loads it.
 */
import { CONFIG_OPTION, defineCommand, STORE_OPTION } from '../command';
import type { VerifyFlags } from '../flags';
import type { CliIo } from '../io';
import { runCommand } from '../program';

export const verify = defineCommand<VerifyFlags>({
  name: 'verify',
  summary: "check the hash chain of a scope's snapshots: breaks, forks, tampering",
  description: `Checks the tamper-evident chain of stored snapshots: each names the sha256 of the stored bytes of the one before
it, and its summary records its own. Reports tampered snapshots (bytes changed after writing), breaks (a missing
parent, a chain that restarts), forks (two snapshots naming the same parent: scans that ran at the same time) and
unreadable objects.`,
  options: [
    { flags: '--scope <NAME>', description: 'verify one scope (default: every scope in the store)' },
    {
      flags: '--since <DATE>',
      description: 'only snapshots started at or after DATE (ISO date); a parent before it is reported as a break',
    },
    { flags: '--format <FORMAT>', description: 'text or json (default text)' },
    STORE_OPTION,
    CONFIG_OPTION,
  ],
  epilogue:
    'Exit codes: 0 intact (forks alone are not damage), 1 tampered, broken or unreadable, 2 usage or store error.',
  run: async (ctx, values) => (await import('./verify-run')).runVerify(ctx, values),
});

/** `compliance-bot verify ARGS…` in-process. */
export const run = (args: readonly string[], io: CliIo) => runCommand(verify, args, io);
