/**
 * `compliance-bot digest`: the weekly digest of the store (the last 7 days), posted to the digest channel with its
 * chart, once per channel and day; or printed as a JSON array with `--dry-run` (and the chart written with --chart).
 */
import { writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { renderDigestMessage } from '../../report/digest';
import { postDigest } from '../../slack/digest-post';
import { loadDigest, tryChart } from '../../slack/digest-run';
import { CliUsage, guard, loadConfig, SLACK_ID, type SlackCliIo, slackClient, storesFor } from './slack-common';

export const USAGE = `Usage: compliance-bot digest [--store DIR|s3://bucket/prefix] [--days N] [--channel ID] [--chart FILE] [--config FILE] [--dry-run]

The weekly digest over the last N days (default 7): posture per target per day, new versus resolved findings,
the top failing checks, the oldest open findings, waivers ending within 14 days, targets not assessed, and a
chart (PNG) of open findings per day by severity.

  --store DIR|s3://…  where the snapshots are (default: the configuration's store)
  --days N            length of the period, 1 to 31 (default 7)
  --channel ID        channel to post to (default: slack.digestChannel, else slack.channel)
  --chart FILE        also write the chart PNG to FILE
  --config FILE       configuration file (default ./compliance-bot.config.yaml when present)
  --dry-run           print the message as a JSON array instead of posting (no token needed)

Environment: SLACK_BOT_TOKEN (to post), SLACK_API_URL (optional), DIGEST_FONT_FILES (extra fonts, comma-separated).
Exit codes: 0 done; 2 usage, configuration or store error; 3 delivery failed.`;

export async function run(args: string[], io: SlackCliIo): Promise<number> {
  return guard('digest', io, async () => {
    const { values } = parseArgs({
      args,
      options: {
        store: { type: 'string' },
        days: { type: 'string', default: '7' },
        channel: { type: 'string' },
        chart: { type: 'string' },
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
    if (!/^\d{1,2}$/.test(values.days) || Number(values.days) < 1 || Number(values.days) > 31) {
      throw new CliUsage(`--days: "${values.days.slice(0, 20)}" is not a number of days from 1 to 31`);
    }
    if (values.channel !== undefined && !SLACK_ID.test(values.channel)) {
      throw new CliUsage(`--channel: "${values.channel.slice(0, 40)}" is not a Slack channel ID (such as C0123ABCD)`);
    }
    const { config, baseDir } = loadConfig(io, values.config);
    const { stores, markers } = storesFor(io, values.store, config, baseDir);
    const digest = await loadDigest(stores, new Date(), Number(values.days));
    const env = io.env ?? process.env;
    const chart = tryChart(
      digest,
      env.DIGEST_FONT_FILES ? env.DIGEST_FONT_FILES.split(',').filter(Boolean) : undefined,
    );
    if (chart.problem) io.stderr(`compliance-bot digest: the chart was not rendered: ${chart.problem}\n`);
    if (values.chart && chart.png) writeFileSync(resolve(io.cwd, values.chart), chart.png);
    const channel = values.channel ?? config.slack?.digestChannel ?? config.slack?.channel;

    if (values['dry-run']) {
      const m = renderDigestMessage(digest);
      io.stdout(
        `${JSON.stringify([{ channel: channel ?? null, text: m.text, blocks: m.blocks, chart: chart.png ? 'png' : null }], null, 2)}\n`,
      );
      return 0;
    }
    if (!channel) throw new CliUsage('no channel: set slack.digestChannel or slack.channel, or pass --channel');
    const out = await postDigest(slackClient(io), markers, channel, digest, chart.png);
    io.stderr(`compliance-bot digest: ${out.status === 'posted' ? `posted to ${channel}` : 'already posted today'}\n`);
    return 0;
  });
}
