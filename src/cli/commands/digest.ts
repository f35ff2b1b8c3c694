/**
 * `compliance-bot digest`: the digest of the store (the last N calendar days, 7 by default, in the digest schedule's
 * time zone), posted to the digest channel with its
 * chart, once per channel and day; or printed as a JSON array with `--dry-run` (and the chart written with --chart).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { errorMessage } from '../../core/errors';
import { renderDigestMessage } from '../../report/digest';
import { assertTimeZone } from '../../report/digest-period';
import { postDigest } from '../../slack/digest-post';
import { loadDigest, tryChart } from '../../slack/digest-run';
import { CONFIG_OPTION, defineCommand, STORE_OPTION } from '../command';
import { EXIT, UsageError } from '../errors';
import type { CliIo } from '../io';
import { runCommand } from '../program';
import { parseChannel, slackClientFrom } from '../slack';

type DigestFlags = {
  store?: string;
  days?: string;
  channel?: string;
  chart?: string;
  config?: string;
  'dry-run'?: boolean;
};

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
  async run(ctx, values) {
    const { io } = ctx;
    const days = values.days ?? '7';
    if (!/^\d{1,2}$/.test(days) || Number(days) < 1 || Number(days) > 31) {
      throw new UsageError(`--days: "${days.slice(0, 20)}" is not a number of days from 1 to 31`);
    }
    const channelFlag = parseChannel(values.channel);
    const { config } = ctx.config();
    const stores = ctx.stores((p) => io.stderr(`compliance-bot: skipped ${p.key}: ${p.problem}\n`));
    const timeZone = config.schedules.digest.timezone;
    try {
      assertTimeZone(timeZone);
    } catch (err) {
      throw new UsageError(`schedules.digest.timezone in the configuration: ${errorMessage(err)}`);
    }
    const digest = await loadDigest(stores, ctx.now(), Number(days), timeZone);
    const chart = tryChart(
      digest,
      io.env.DIGEST_FONT_FILES ? io.env.DIGEST_FONT_FILES.split(',').filter(Boolean) : undefined,
    );
    if (chart.problem) io.stderr(`compliance-bot digest: the chart was not rendered: ${chart.problem}\n`);
    if (values.chart && chart.png) writeFileSync(resolve(io.cwd, values.chart), chart.png);
    const channel = channelFlag ?? config.slack?.digestChannel ?? config.slack?.channel;

    if (values['dry-run']) {
      const m = renderDigestMessage(digest);
      io.stdout(
        `${JSON.stringify([{ channel: channel ?? null, text: m.text, blocks: m.blocks, chart: chart.png ? 'png' : null }], null, 2)}\n`,
      );
      return EXIT.ok;
    }
    if (!channel) throw new UsageError('no channel: set slack.digestChannel or slack.channel, or pass --channel');
    const out = await postDigest(slackClientFrom(io.env), ctx.markers(), channel, digest, chart.png);
    io.stderr(`compliance-bot digest: ${out.status === 'posted' ? `posted to ${channel}` : 'already posted today'}\n`);
    return EXIT.ok;
  },
});

/** `compliance-bot digest ARGS…` in-process. */
export const run = (args: readonly string[], io: CliIo) => runCommand(digest, args, io);
