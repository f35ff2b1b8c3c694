/**
 * `compliance-bot waivers`: the waivers in force, the ones ending soon first flagged, and `--remove ID` to end one.
 * The body (commands/waivers-run.ts) loads when the command runs: `--help` never loads it.
 */
import { CONFIG_OPTION, defineCommand, STORE_OPTION } from '../command';
import type { WaiversFlags } from '../flags';
import type { CliIo } from '../io';
import { runCommand } from '../program';

export const waivers = defineCommand<WaiversFlags>({
  name: 'waivers',
  summary: 'list waivers, with the ones expiring soon; --remove ID',
  description:
    'Lists the waivers in force, soonest to expire first, and flags as EXPIRING those in their last quarter or last week,\nwhichever is shorter (never the day they are granted), or within --expiring-days when given.',
  options: [
    {
      flags: '--expiring-days <N>',
      description: 'flag the waivers that end within N days instead (default: last quarter or last week)',
    },
    { flags: '--all', description: 'include expired waivers' },
    {
      flags: '--format <FORMAT>',
      description:
        'text or json: [{id, fingerprint, checkId, target, reason, owner, ticket, expires, createdBy, createdAt, status}]',
    },
    { flags: '--remove <ID>', description: 'end the waiver with this id (or every waiver of this fingerprint) now' },
    STORE_OPTION,
    CONFIG_OPTION,
  ],
  run: async (ctx, values) => (await import('./waivers-run')).runWaivers(ctx, values),
});

/** `compliance-bot waivers ARGS…` in-process. */
export const run = (args: readonly string[], io: CliIo) => runCommand(waivers, args, io);
