/** The body of `compliance-bot notify` (the command and its help: commands/notify.ts), loaded when it runs. */
import { findCheck } from '../../../checks';
import { notifyScan, reportMessages } from '../../slack/notify';
import { latestDiff, latestDiffs } from '../../slack/queries';
import { assertScope } from '../../store/types';
import type { CliContext } from '../context';
import { EXIT, UsageError } from '../errors';
import type { NotifyFlags } from '../flags';
import { parseChannel, slackClientFrom } from '../slack';

export async function runNotify(ctx: CliContext, values: NotifyFlags): Promise<number> {
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
}
