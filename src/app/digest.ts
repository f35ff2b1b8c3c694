/**
 * The weekly digest (schedule): the last 7 calendar days in the schedule's time zone (schedules.digest.timezone),
 * waivers ending soon, the chart, posted once per week in the digest channel. Delivery errors are rethrown so the schedule's retry (and on-failure destination) gets them.
 */
import type { SSMClient } from '@aws-sdk/client-ssm';
import { errorMessage } from '../core/errors';
import { assertTimeZone } from '../report/digest-period';
import { createWebClient } from '../slack/delivery';
import { type DigestPostOutcome, postDigest } from '../slack/digest-post';
import { loadDigest, tryChart } from '../slack/digest-run';
import { SetupError, slackSection } from './config';
import { buildRuntime } from './runtime';

export type { DigestPostOutcome };

export async function runWeeklyDigest(
  env: NodeJS.ProcessEnv,
  opts: { ssm?: SSMClient; now?: () => Date } = {},
): Promise<DigestPostOutcome> {
  const now = opts.now ?? (() => new Date());
  const rt = buildRuntime(env, 'weekly-digest', { ssm: opts.ssm, clock: now });
  const slack = slackSection(rt.config);
  const channel = slack.digestChannel ?? slack.channel;
  if (!channel) throw new SetupError('slack.digestChannel (or slack.channel) is not set');
  const timeZone = rt.config.schedules.digest.timezone;
  try {
    assertTimeZone(timeZone);
  } catch (err) {
    throw new SetupError(`schedules.digest.timezone: ${errorMessage(err)}`);
  }
  const token = await rt.secrets.get(slack.botTokenParameter);
  const web = createWebClient(token, { slackApiUrl: rt.slackApiUrl, logger: rt.logger });
  const digest = await loadDigest(rt.stores, now(), 7, timeZone);
  const fonts = env.DIGEST_FONT_FILES ? env.DIGEST_FONT_FILES.split(',').filter(Boolean) : undefined;
  const chart = tryChart(digest, fonts);
  if (chart.problem) rt.logger.warn('digest chart not rendered', { problem: chart.problem });
  const out = await postDigest(web, rt.markers, channel, digest, chart.png);
  rt.logger.info('weekly digest', { status: out.status, channel, open: digest.openNow, new: digest.newFindings });
  return out;
}
