/**
 * `compliance-bot digest`: the digest of the store (the last N calendar days, 7 by default, in the digest schedule's
 * time zone), posted to the digest channel with its
 * chart, once per channel and day; or printed as a JSON array with `--dry-run` (and the chart written with --chart).
 * The body (commands/digest-run.ts) loads when the command runs: `--help` never loads it.
 */
import { CONFIG_OPTION, defineCommand, STORE_OPTION } from '../command';
import type { DigestFlags } from '../flags';
import type { CliIo } from '../io';
import { runCommand } from '../program';

export const digest = defineCommand<DigestFlags>({
  name: 'digest',
  summary: 'post (or --dry-run print) the digest of the last N days',
  description: `The digest over the last N calendar days (default 7, the last one today; days end at midnight in
schedules.digest.timezone, default UTC): posture per target per day, findings that appeared and were resolved,
the top failing checks, the oldest open findings, waivers ending within 14 days, targets not assessed, and a
chart (PNG) of open findings per day by severity.`,
  options: [
    STORE_OPTION,
    { flags: '--days <N>', description: 'length of the period, 1 to 31 (default 7)' },
    { flags: '--channel <ID>', description: 'channel to post to (default: slack.digestChannel, else slack.channel)' },
    { flags: '--chart <FILE>', description: 'also write the chart PNG to FILE' },
    CONFIG_OPTION,
    { flags: '--dry-run', description: 'print the message as a JSON array instead of posting (no token needed)' },
  ],
  epilogue: `Environment: SLACK_BOT_TOKEN (to post), SLACK_API_URL (optional), DIGEST_FONT_FILES (extra fonts, comma-separated).
Exit codes: 0 done; 2 usage, configuration or store error; 3 delivery failed.`,
  run: async (ctx, values) => (await import('./digest-run')).runDigest(ctx, values),
});

/** `compliance-bot digest ARGS…` in-process. */
export const run = (args: readonly string[], io: CliIo) => runCommand(digest, args, io);
