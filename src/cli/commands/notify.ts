/**
 * `compliance-bot notify`: the Slack messages for the latest snapshot's diff of each scope (or one `--scope`),
 * posted to the channel, once per scan (the same markers as the nightly post: a scan already posted is skipped),
 * or printed as a JSON array with `--dry-run`.
 */
import { parseArgs } from 'node:util';
import { findCheck } from '../../../checks';
import { notifyScan, reportMessages } from '../../slack/notify';
import { latestDiff, latestDiffs } from '../../slack/queries';
import { assertScope } from '../../store/types';
import { CliUsage, guard, loadConfig, SLACK_ID, type SlackCliIo, slackClient, storesFor } from './slack-common';

export const USAGE = `Usage: compliance-bot notify [--store DIR|s3://bucket/prefix] [--scope SCOPE] [--channel ID] [--config FILE] [--dry-run]

Posts the regressions of the latest snapshot of each scope (its diff against the snapshot before it) to Slack,
as the nightly scan does: only when something regressed (or slack.allClear), the first message in the channel
and the rest in its thread. A scan already posted is not posted again.

  --store DIR|s3://…  where the snapshots are (default: the configuration's store)
  --scope SCOPE       one scope only (default: every scope)
  --channel ID        channel to post to (default: slack.channel)
  --config FILE       configuration file (default ./compliance-bot.config.yaml when present)
  --dry-run           print the messages as a JSON array instead of posting (no token needed)

Environment: SLACK_BOT_TOKEN (to post), SLACK_API_URL (another Slack API base, optional).
Exit codes: 0 done; 2 usage, configuration or store error; 3 delivery failed.`;

export async function run(args: string[], io: SlackCliIo): Promise<number> {
  return guard('notify', io, async () => {
    const { values } = parseArgs({
      args,
      options: {
        store: { type: 'string' },
        scope: { type: 'string' },
        channel: { type: 'string' },
        config: { type: 'string' },
        'dry-run': { type: 'boolean', default: false },
        help: { type: 'boolean', short: 'h', default: false },
      },
      strict: true,
      allowPositionals: false,
    });
    if (values.help) {
      io.stdout(`${USAGE}\n`);
      return 0;
    }
    if (values.scope !== undefined) assertScope(values.scope);
    if (values.channel !== undefined && !SLACK_ID.test(values.channel)) {
      throw new CliUsage(`--channel: "${values.channel.slice(0, 40)}" is not a Slack channel ID (such as C0123ABCD)`);
    }
    const { config, baseDir } = loadConfig(io, values.config);
    const { stores, markers } = storesFor(io, values.store, config, baseDir);
    const now = new Date();
    const waivers = await stores.waivers.list();
    const diffs = values.scope
      ? [await latestDiff(stores.snapshots, values.scope, waivers, now)].filter((d) => d !== null)
      : await latestDiffs(stores.snapshots, waivers, now);
    const remediationOf = (id: string) => findCheck(id)?.remediation;
    const channel = values.channel ?? config.slack?.channel;

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
      return 0;
    }
    if (!channel) throw new CliUsage('no channel: set slack.channel in the configuration or pass --channel');
    const web = slackClient(io);
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
    return 0;
  });
}
