/** The body of `compliance-bot digest` (the command and its help: commands/digest.ts), loaded when it runs. */
import { writeFileSync } from 'node:fs';
import { errorMessage } from '../../core/errors';
import { renderDigestMessage } from '../../report/digest';
import { assertTimeZone } from '../../report/digest-period';
import { postDigest } from '../../slack/digest-post';
import { loadDigest, tryChart } from '../../slack/digest-run';
import type { CliContext } from '../context';
import { EXIT, UsageError } from '../errors';
import type { DigestFlags } from '../flags';
import { cannotWrite, writableFile } from '../output';
import { parseChannel, slackClientFrom } from '../slack';

export async function runDigest(ctx: CliContext, values: DigestFlags): Promise<number> {
  const { io } = ctx;
  const days = values.days ?? '7';
  if (!/^\d{1,2}$/.test(days) || Number(days) < 1 || Number(days) > 31) {
    throw new UsageError(`--days: "${days.slice(0, 20)}" is not a number of days from 1 to 31`);
  }
  const channelFlag = parseChannel(values.channel);
  const chartFile = values.chart !== undefined ? writableFile(io.cwd, '--chart', values.chart, 'the chart') : undefined;
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
  if (chartFile !== undefined && values.chart !== undefined && chart.png) {
    try {
      writeFileSync(chartFile, chart.png);
    } catch (err) {
      throw new UsageError(cannotWrite('--chart', values.chart, 'the chart', err));
    }
  }
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
}
