import { diff, regressions, snapshot } from '../../test/slack/fixtures';
import { LocalSlackServer } from '../../test/slack/server';
import { configSchema } from '../config/schema';
import { MemoryMarkerStore } from '../store/markers';
import { createWebClient } from './delivery';
import { notifyScan } from './notify';

const slackConfig = configSchema.parse({ slack: { channel: 'CALERTS' } }).slack!;
const server = new LocalSlackServer();
beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => server.reset());

function deps(markers = new MemoryMarkerStore()) {
  return {
    web: createWebClient('xoxb-t', { slackApiUrl: server.apiUrl }),
    markers,
    slack: slackConfig,
    remediationOf: () => 'Fix it.',
  };
}

describe('Function: notifyScan', () => {
  it('posts the same scan once when the event is delivered twice', async () => {
    const d = deps();
    const snap = snapshot();
    const df = diff({ regressions: regressions(3) });
    expect(await notifyScan(d, snap, df)).toMatchObject({ status: 'posted', channel: 'CALERTS', messages: 1 });
    expect(await notifyScan(d, snap, df)).toEqual({ status: 'duplicate', why: 'done' });
    expect(server.callsOf('chat.postMessage')).toHaveLength(1);
  });

  it('posts once when two deliveries of the same scan run at the same time', async () => {
    const d = deps();
    const snap = snapshot({ scanId: '20261130T020000Z-concur' });
    const df = diff({ regressions: regressions(60) });
    const outs = await Promise.all([notifyScan(d, snap, df), notifyScan(d, snap, df)]);
    expect(outs.map((o) => o.status).sort()).toEqual(['duplicate', 'posted']);
    const posts = server.callsOf('chat.postMessage');
    expect(posts.length).toBeGreaterThan(1);
    expect(new Set(posts.map((p) => JSON.stringify(p.body.blocks))).size).toBe(posts.length);
  });

  it('threads the overflow under the first message', async () => {
    await notifyScan(deps(), snapshot({ scanId: 'thread-1' }), diff({ regressions: regressions(51) }));
    const posts = server.callsOf('chat.postMessage');
    expect(posts[0].body.thread_ts).toBeUndefined();
    expect(
      posts.slice(1).every((p) => p.body.thread_ts === '1700000000.000001' || typeof p.body.thread_ts === 'string'),
    ).toBe(true);
    expect(new Set(posts.slice(1).map((p) => p.body.thread_ts)).size).toBe(1);
  });

  it('retries a failed part on the next delivery without posting the earlier parts again', async () => {
    const markers = new MemoryMarkerStore();
    const snap = snapshot({ scanId: 'resume-1' });
    const df = diff({ regressions: regressions(51) });
    // Part 2 fails with a permanent error (no retry in the client), the delivery throws: Lambda will retry.
    let posted = 0;
    const d = deps(markers);
    const original = d.web.chat.postMessage.bind(d.web.chat);
    d.web.chat.postMessage = (async (args: Parameters<typeof original>[0]) => {
      posted++;
      if (posted === 2)
        throw Object.assign(new Error('An API error occurred: channel_not_found'), {
          data: { ok: false, error: 'channel_not_found' },
        });
      return original(args);
    }) as typeof d.web.chat.postMessage;
    await expect(notifyScan(d, snap, df)).rejects.toThrow(/posting part 2 of \d+ to CALERTS failed: channel_not_found/);
    const firstRound = server.callsOf('chat.postMessage').length;
    expect(firstRound).toBe(1);
    const again = await notifyScan(d, snap, df);
    expect(again).toMatchObject({ status: 'posted' });
    const all = server.callsOf('chat.postMessage');
    const texts = all.map((c) => String(c.body.text));
    expect(new Set(texts).size).toBe(texts.length);
    expect(
      all.slice(1).every((c) => c.body.thread_ts === all[0].body.thread_ts || c.body.thread_ts !== undefined),
    ).toBe(true);
  });

  it('honours a 429 Retry-After and posts once', async () => {
    server.fail('chat.postMessage', { status: 429, retryAfter: 1 });
    expect(
      await notifyScan(deps(), snapshot({ scanId: 'rate-1' }), diff({ regressions: regressions(1) })),
    ).toMatchObject({ status: 'posted' });
    const posts = server.callsOf('chat.postMessage');
    expect(posts).toHaveLength(2);
    // The second attempt came after the wait Slack asked for (a lower bound: load can only lengthen it).
    expect(posts[1].at - posts[0].at).toBeGreaterThanOrEqual(950);
  });

  it('posts nothing when nothing regressed and all-clear is off', async () => {
    expect(await notifyScan(deps(), snapshot(), diff())).toEqual({ status: 'nothing-to-post' });
    expect(server.calls).toHaveLength(0);
  });

  it('surfaces a failed post after the retry budget instead of dropping it', async () => {
    server.fail('chat.postMessage', { status: 200, body: { ok: false, error: 'not_in_channel' } });
    const d = deps();
    await expect(notifyScan(d, snapshot({ scanId: 'fail-1' }), diff({ regressions: regressions(1) }))).rejects.toThrow(
      /posting part 1 of 1 to CALERTS failed: not_in_channel/,
    );
    // The claim was released: the next delivery tries again.
    expect(await d.markers.get('posts/CALERTS-fail-1/claim')).toBeNull();
  });
});
