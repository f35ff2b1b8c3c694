/**
 * `compliance-bot notify`: the Slack messages for the latest snapshot's diff of each scope (or one `--scope`),
 * posted to the channel, once per scan (the same markers as the nightly post: a scan already posted is skipped),
 * or printed as a JSON array with `--dry-run`.
 */
import { findCheck } from '../../../checks';
import { notifyScan, reportMessages } from '../../slack/notify';
import { latestDiff, latestDiffs } from '../../slack/queries';
import { assertScope } from '../../store/types';
import { CONFIG_OPTION, defineCommand, STORE_OPTION } from '../command';
import { EXIT, UsageError } from '../errors';
import type { CliIo } from '../io';
import { runCommand } from '../program';
import { parseChannel, slackClientFrom } from '../slack';

type NotifyFlags = { store?: string; scope?: string; channel?: string; config?: string; 'dry-run'?: boolean };

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
  async run(ctx, values) {
    const { io } = ctx;
    if (values.scope !== undefined) assertScope(values.scope);
    const channelFlag = parseChannel(values.channel);
    const { config } = ctx.config();
    const stores = ctx.stores((p) => io.stderr(`compliance-bot: skipped ${p.key}: ${p.problem}\n`));
    const now = ctx.now();
    const waivers = await stores.waivers.list();
    const diffs = values.scope
      ? [await latestDiff(stores.snapshots, values.scope, waivers, now)].filter((d) => d !== null)
      : await latestDiffs(stores.snapshots, waivers, now);
    const remediationOf = (id: string) => findCheck(id)?.remediation;
    const channel = channelFlag ?? config.slack?.channel;

    if (values['dry-run']) {
      const out = diffs.flatMap((d) =>
        reportMessages(d.snapshot, d.diff, config.slack, remediationOf).map((m, i) => ({
          channel: channel ?? null,
          scope: d.snapshot.scope,
          scanId: d.snapshot.scanId,
          part: i + 1,
          thread: m.threaded,
          text: m.text,
          blocks: m.blocks,
        })),
      );
      io.stdout(`${JSON.stringify(out, null, 2)}\n`);
      return EXIT.ok;
    }
    if (!channel) throw new UsageError('no channel: set slack.channel in the configuration or pass --channel');
    const web = slackClientFrom(io.env);
    const markers = ctx.markers();
    const slack = { ...(config.slack ?? { allClear: false, minSeverity: 'low' as const }), channel } as NonNullable<
      typeof config.slack
    >;
    for (const d of diffs) {
      const outcome = await notifyScan({ web, markers, slack, remediationOf }, d.snapshot, d.diff);
      const what =
        outcome.status === 'posted'
          ? `posted ${outcome.messages} message(s) to ${outcome.channel}`
          : outcome.status === 'duplicate'
            ? 'already posted'
            : 'nothing to post';
      io.stderr(`compliance-bot notify: ${d.snapshot.scope} (${d.snapshot.scanId}): ${what}\n`);
    }
    if (diffs.length === 0) io.stderr('compliance-bot notify: no snapshots in the store\n');
    return EXIT.ok;
  },
});

/** `compliance-bot notify ARGS…` in-process. */
export const run = (args: readonly string[], io: CliIo) => runCommand(notify, args, io);
