/**
 * `compliance-bot notify`: the Slack messages for the latest snapshot's diff of each scope (or one `--scope`),
 * posted to the channel, once per scan (the same markers as the nightly post: a scan already posted is skipped),
 * or printed as a JSON array with `--dry-run`.
 * The body (commands/notify-run.ts) loads when the command runs: `--help` never loads it.
 */
import { CONFIG_OPTION, defineCommand, STORE_OPTION } from '../command';
import type { NotifyFlags } from '../flags';
import type { CliIo } from '../io';
import { runCommand } from '../program';

export const notify = defineCommand<NotifyFlags>({
  name: 'notify',
  summary: "post (or --dry-run print) the Slack messages for the latest scan's diff",
  description: `Posts the regressions of the latest snapshot of each scope (its diff against the snapshot before it) to Slack,
as the nightly scan does: only when something regressed (or slack.allClear), the first message in the channel
and the rest in its thread. A scan already posted is not posted again.`,
  options: [
    STORE_OPTION,
    { flags: '--scope <SCOPE>', description: 'one scope only (default: every scope)' },
    { flags: '--channel <ID>', description: 'channel to post to (default: slack.channel)' },
    CONFIG_OPTION,
    { flags: '--dry-run', description: 'print the messages as a JSON array instead of posting (no token needed)' },
  ],
  epilogue: `Environment: SLACK_BOT_TOKEN (to post), SLACK_API_URL (another Slack API base, optional).
Exit codes: 0 done; 2 usage, configuration or store error; 3 delivery failed.`,
  run: async (ctx, values) => (await import('./notify-run')).runNotify(ctx, values),
});

/** `compliance-bot notify ARGS…` in-process. */
export const run = (args: readonly string[], io: CliIo) => runCommand(notify, args, io);
