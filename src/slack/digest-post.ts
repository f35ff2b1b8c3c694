/**
 * Posting the weekly digest: the message in the digest channel, then the chart PNG in its thread with
 * files.uploadV2. Once per channel and week (a retried or doubly delivered schedule event posts nothing more).
 */
import type { WebClient } from '@slack/web-api';
import type { Digest } from '../report/digest';
import { renderDigestMessage } from '../report/digest';
import { type MarkerStore, once } from '../store/markers';
import { DeliveryError, errorText, postReport } from './delivery';

export interface DigestPostOutcome {
  status: 'posted' | 'duplicate';
  ts?: string | null;
  chart?: boolean;
}

/**
 * One digest per channel and period: the period is named by its last day in the digest's time zone (the day its
 * title ends on), so two runs of the same local day post once even when UTC has changed date between them.
 */
export function digestKey(channel: string, d: Digest): string {
  return `digests/${channel}-${d.dates.at(-1) ?? d.to.slice(0, 10)}`;
}

export async function postDigest(
  web: WebClient,
  markers: MarkerStore,
  channel: string,
  digest: Digest,
  chart: Buffer | null,
): Promise<DigestPostOutcome> {
  const key = digestKey(channel, digest);
  const message = renderDigestMessage(digest);
  const out = await once(markers, key, async () => {
    const posted = await postReport(web, channel, [{ ...message, threaded: false }], {
      markers,
      key: `${key}/message`,
    });
    if (chart && (await markers.get(`${key}/chart`)) === null) {
      try {
        const where = posted.ts ? { channel_id: channel, thread_ts: posted.ts } : { channel_id: channel };
        await web.files.uploadV2({
          ...where,
          file: chart,
          filename: `compliance-digest-${digest.to.slice(0, 10)}.png`,
          title: 'Open failing findings per day, by severity',
          alt_text: 'Stacked bar chart of open failing findings per day, by severity',
        });
      } catch (err) {
        throw new DeliveryError(`uploading the digest chart failed: ${errorText(err)}`, { cause: err });
      }
      await markers.create(`${key}/chart`, '{}');
    }
    return { ts: posted.ts, chart: chart !== null };
  });
  if (!out.ran) return { status: 'duplicate' };
  return { status: 'posted', ts: out.value.ts, chart: out.value.chart };
}
