import { DropProxy } from '../../test/faults/support/drop-proxy';
import { SlowProxy } from '../../test/faults/support/slow-proxy';
import { LocalSlackServer } from '../../test/slack/server';
import { createLogger } from '../aws/logger';
import type { SlackMessage } from '../report/slack-blocks';
import { MemoryMarkerStore } from '../store/markers';
import { createWebClient, DeliveryError, postReport, REPORT_EVENT_TYPE, ResponseUrl } from './delivery';

const server = new LocalSlackServer();
beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => {
  server.reset();
  server.tsSeconds = () => Math.floor(Date.now() / 1000);
});

const part = (n: number, threaded = n > 0): SlackMessage => ({
  text: `part ${n}`,
  blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `part ${n}` } }] as SlackMessage['blocks'],
  threaded,
});
const fast = { backoffMs: () => 10 };
const origin = () => `http://127.0.0.1:${server.port}`;

describe('Function: createWebClient', () => {
  it('refuses a token with a line break or control character, without repeating it (fetch would echo the header)', async () => {
    const token = 'xoxb-1-2-abc\nsecond-line-of-the-secret';
    let err: unknown;
    try {
      const web = createWebClient(token, { slackApiUrl: server.apiUrl });
      await postReport(web, 'CALERTS', [part(0)], undefined, fast);
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/line break or control character/);
    expect(`${(err as Error).message} ${(err as Error).stack}`).not.toContain('second-line-of-the-secret');
    expect(server.callsOf('chat.postMessage')).toHaveLength(0);
  });
});

describe('Function: postReport', () => {
  it('tags each part with compliance_bot_report metadata naming the report and the part', async () => {
    const web = createWebClient('xoxb-t', { slackApiUrl: server.apiUrl });
    const out = await postReport(web, 'CALERTS', [part(0), part(1)], {
      markers: new MemoryMarkerStore(),
      key: 'posts/CALERTS-r-1',
    });
    expect(out).toMatchObject({ posted: 2, skipped: 0, recovered: 0, warnings: [] });
    const posts = server.callsOf('chat.postMessage');
    expect(posts.map((p) => p.body.metadata)).toEqual([
      { event_type: REPORT_EVENT_TYPE, event_payload: { reportId: 'posts/CALERTS-r-1', part: 0 } },
      { event_type: REPORT_EVENT_TYPE, event_payload: { reportId: 'posts/CALERTS-r-1', part: 1 } },
    ]);
    expect(posts[1].body.thread_ts).toBe(out.ts);
  });

  it('posts exactly one message when Slack posted but answered after the client timeout', async () => {
    const proxy = await new SlowProxy(origin()).start();
    try {
      const web = createWebClient('xoxb-t', { slackApiUrl: proxy.apiUrl, timeoutMs: 300 });
      proxy.hold.set('chat.postMessage', { times: 1, ms: 1_500 });
      const markers = new MemoryMarkerStore();
      const out = await postReport(web, 'CALERTS', [part(0)], { markers, key: 'posts/CALERTS-r-late' }, fast);
      expect(out).toMatchObject({ posted: 0, recovered: 1, warnings: [] });
      expect(server.callsOf('chat.postMessage')).toHaveLength(1);
      expect(server.messages).toHaveLength(1);
      expect(out.ts).toBe(server.messages[0].ts);
      const history = server.callsOf('conversations.history');
      expect(history).toHaveLength(1);
      expect(history[0].body).toMatchObject({ channel: 'CALERTS', include_all_metadata: 'true' });
      expect(JSON.parse((await markers.get('posts/CALERTS-r-late/part-0000'))!)).toEqual({ ts: out.ts });
    } finally {
      await proxy.stop();
    }
  });

  it('finds a thread reply that timed out after landing with conversations.replies', async () => {
    const proxy = await new SlowProxy(origin()).start();
    try {
      const web = createWebClient('xoxb-t', { slackApiUrl: proxy.apiUrl, timeoutMs: 300 });
      const markers = new MemoryMarkerStore();
      // The first part answers at once; the second is held past the timeout (Slack posted it).
      let calls = 0;
      const original = web.chat.postMessage.bind(web.chat);
      web.chat.postMessage = (async (args: Parameters<typeof original>[0]) => {
        if (++calls === 2) proxy.hold.set('chat.postMessage', { times: 1, ms: 1_500 });
        return original(args);
      }) as typeof web.chat.postMessage;
      const out = await postReport(web, 'CALERTS', [part(0), part(1), part(2)], { markers, key: 'posts/t' }, fast);
      expect(out).toMatchObject({ posted: 2, recovered: 1 });
      expect(server.messages.map((m) => m.text)).toEqual(['part 0', 'part 1', 'part 2']);
      expect(server.callsOf('conversations.replies')[0].body).toMatchObject({ ts: out.ts, channel: 'CALERTS' });
      expect(server.messages.slice(1).every((m) => m.thread_ts === out.ts)).toBe(true);
    } finally {
      await proxy.stop();
    }
  });

  it('posts once on the retry when the timed-out request never reached Slack', async () => {
    const proxy = await new DropProxy(origin()).start();
    try {
      const web = createWebClient('xoxb-t', { slackApiUrl: proxy.apiUrl, timeoutMs: 300 });
      proxy.drop = 1;
      const out = await postReport(web, 'CALERTS', [part(0)], { markers: new MemoryMarkerStore(), key: 'k/r' }, fast);
      expect(out).toMatchObject({ posted: 1, recovered: 0, warnings: [] });
      expect(server.messages).toHaveLength(1);
      expect(server.callsOf('conversations.history')).toHaveLength(1);
    } finally {
      await proxy.stop();
    }
  });

  it('does not let the client resend a chat.postMessage that got a 5xx: it checks, then posts once', async () => {
    server.fail('chat.postMessage', { status: 503 });
    const web = createWebClient('xoxb-t', { slackApiUrl: server.apiUrl });
    const out = await postReport(web, 'CALERTS', [part(0)], { markers: new MemoryMarkerStore(), key: 'k/5xx' }, fast);
    expect(out.posted).toBe(1);
    expect(server.calls.map((c) => c.method)).toEqual([
      'chat.postMessage',
      'conversations.history',
      'chat.postMessage',
    ]);
  });

  it('falls back to posting again, with a warning naming the missing scope, when history cannot be read', async () => {
    const proxy = await new SlowProxy(origin()).start();
    try {
      const web = createWebClient('xoxb-t', { slackApiUrl: proxy.apiUrl, timeoutMs: 300 });
      proxy.hold.set('chat.postMessage', { times: 1, ms: 1_500 });
      server.fail('conversations.history', { status: 200, body: { ok: false, error: 'missing_scope' } });
      const out = await postReport(web, 'CALERTS', [part(0)], { markers: new MemoryMarkerStore(), key: 'k/s' }, fast);
      expect(out.posted).toBe(1);
      expect(out.warnings).toHaveLength(1);
      expect(out.warnings[0]).toMatch(/could not check whether part 1 of 1 to CALERTS was already posted/);
      expect(out.warnings[0]).toMatch(/conversations.history: missing_scope/);
      expect(out.warnings[0]).toMatch(/channels:history and groups:history/);
      // Today's behaviour without the lookup: the landed post and the retry (the duplicate the scope prevents).
      expect(server.messages).toHaveLength(2);
    } finally {
      await proxy.stop();
    }
  });

  it("logs the unchecked re-post as a warning through the client's logger when history is refused", async () => {
    const lines: Record<string, unknown>[] = [];
    const logger = createLogger({}, (l) => lines.push(JSON.parse(l)));
    const web = createWebClient('xoxb-t', { slackApiUrl: server.apiUrl, logger });
    const markers = new MemoryMarkerStore();
    await markers.create('k/l/try-0000', JSON.stringify({ at: new Date().toISOString() }));
    server.fail('conversations.history', { status: 200, body: { ok: false, error: 'not_in_channel' } });
    const out = await postReport(web, 'CALERTS', [part(0)], { markers, key: 'k/l' }, fast);
    expect(out.posted).toBe(1);
    const warn = lines.find((l) => l.level === 'warn' && String(l.message).startsWith('could not check'));
    expect(warn).toMatchObject({ channel: 'CALERTS', part: 1 });
    expect(String(warn?.message)).toMatch(/conversations.history: not_in_channel/);
  });

  it("does not post a part that an earlier delivery's uncertain attempt already posted", async () => {
    const web = createWebClient('xoxb-t', { slackApiUrl: server.apiUrl });
    const markers = new MemoryMarkerStore();
    // The earlier delivery: claimed the part, Slack posted it, the invocation died before recording it.
    await markers.create('posts/r/try-0000', JSON.stringify({ at: new Date().toISOString() }));
    await web.chat.postMessage({
      channel: 'CALERTS',
      text: 'part 0',
      metadata: { event_type: REPORT_EVENT_TYPE, event_payload: { reportId: 'posts/r', part: 0 } },
    });
    const out = await postReport(web, 'CALERTS', [part(0), part(1)], { markers, key: 'posts/r' }, fast);
    expect(out).toMatchObject({ posted: 1, recovered: 1 });
    expect(server.messages.map((m) => m.text)).toEqual(['part 0', 'part 1']);
    expect(server.messages[1].thread_ts).toBe(server.messages[0].ts);
  });

  it('looks through the whole (bounded) history when the try marker is corrupt, and finds the part', async () => {
    const web = createWebClient('xoxb-t', { slackApiUrl: server.apiUrl });
    const markers = new MemoryMarkerStore();
    await markers.create('posts/c/try-0000', '{"at": tru');
    await web.chat.postMessage({
      channel: 'CALERTS',
      text: 'part 0',
      metadata: { event_type: REPORT_EVENT_TYPE, event_payload: { reportId: 'posts/c', part: 0 } },
    });
    const out = await postReport(web, 'CALERTS', [part(0, false)], { markers, key: 'posts/c' }, fast);
    expect(out).toMatchObject({ posted: 0, recovered: 1 });
    expect(server.callsOf('conversations.history')[0].body.oldest).toBe('0.000000');
    expect(server.messages).toHaveLength(1);
  });

  it('pages through conversations.history with the cursor and stops at maxPages with a warning', async () => {
    const web = createWebClient('xoxb-t', { slackApiUrl: server.apiUrl });
    const markers = new MemoryMarkerStore();
    await markers.create('posts/p/try-0000', JSON.stringify({ at: new Date().toISOString() }));
    for (let n = 0; n < 450; n++) await web.chat.postMessage({ channel: 'CALERTS', text: `chatter ${n}` });
    const out = await postReport(
      web,
      'CALERTS',
      [part(0, false)],
      { markers, key: 'posts/p' },
      { ...fast, maxPages: 2 },
    );
    expect(server.callsOf('conversations.history').map((c) => c.body.cursor)).toEqual([undefined, '200']);
    expect(out.warnings[0]).toMatch(/not found in the last 2 pages of history/);
    expect(out.posted).toBe(1);
  });

  it('does not match a message of another report or another part', async () => {
    const web = createWebClient('xoxb-t', { slackApiUrl: server.apiUrl });
    const markers = new MemoryMarkerStore();
    await markers.create('posts/mine/try-0000', JSON.stringify({ at: new Date().toISOString() }));
    for (const [reportId, p] of [
      ['posts/other', 0],
      ['posts/mine', 1],
    ] as const) {
      await web.chat.postMessage({
        channel: 'CALERTS',
        text: 'x',
        metadata: { event_type: REPORT_EVENT_TYPE, event_payload: { reportId, part: p } },
      });
    }
    const out = await postReport(web, 'CALERTS', [part(0, false)], { markers, key: 'posts/mine' }, fast);
    expect(out).toMatchObject({ posted: 1, recovered: 0 });
    expect(server.messages).toHaveLength(3);
  });

  it('gives up after the bounded attempts and leaves the try marker for the next delivery to check', async () => {
    const proxy = await new DropProxy(origin()).start();
    try {
      const web = createWebClient('xoxb-t', { slackApiUrl: proxy.apiUrl, timeoutMs: 200 });
      proxy.drop = 3;
      const markers = new MemoryMarkerStore();
      await expect(
        postReport(web, 'CALERTS', [part(0)], { markers, key: 'k/gone' }, { ...fast, attempts: 3 }),
      ).rejects.toThrow(DeliveryError);
      expect(server.callsOf('conversations.history')).toHaveLength(2);
      expect(await markers.get('k/gone/try-0000')).not.toBeNull();
      expect(await markers.get('k/gone/part-0000')).toBeNull();
    } finally {
      await proxy.stop();
    }
  });

  it('removes the try marker when Slack refuses the post outright (nothing landed)', async () => {
    server.fail('chat.postMessage', { status: 200, body: { ok: false, error: 'not_in_channel' } });
    const web = createWebClient('xoxb-t', { slackApiUrl: server.apiUrl });
    const markers = new MemoryMarkerStore();
    await expect(postReport(web, 'CALERTS', [part(0)], { markers, key: 'k/no' }, fast)).rejects.toThrow(
      /not_in_channel/,
    );
    expect(await markers.get('k/no/try-0000')).toBeNull();
    expect(server.callsOf('conversations.history')).toHaveLength(0);
  });
});

const prefixes = () => [`http://127.0.0.1:${server.port}/response/`];

describe('Class: ResponseUrl', () => {
  it('allows 5 uses, then refuses', async () => {
    const url = new ResponseUrl(server.responseUrl('five'), Date.now(), { allowedPrefixes: prefixes() });
    for (let i = 0; i < 5; i++) await url.send({ text: `answer ${i}` });
    expect(url.remaining()).toBe(0);
    await expect(url.send({ text: 'sixth' })).rejects.toThrow(DeliveryError);
    expect(server.callsOf('response_url')).toHaveLength(5);
  });

  it('has no use left 30 minutes after the command', () => {
    let now = 0;
    const url = new ResponseUrl(server.responseUrl('old'), 0, { allowedPrefixes: prefixes(), now: () => now });
    now = 29 * 60_000;
    expect(url.remaining()).toBe(5);
    now = 30 * 60_000;
    expect(url.remaining()).toBe(0);
  });

  it('honours a 429 Retry-After and counts both attempts as uses', async () => {
    server.fail('response_url', { status: 429, retryAfter: 1 });
    const url = new ResponseUrl(server.responseUrl('rl'), Date.now(), { allowedPrefixes: prefixes() });
    await url.send({ text: 'x' });
    const calls = server.callsOf('response_url');
    expect(calls).toHaveLength(2);
    expect(calls[1].at - calls[0].at).toBeGreaterThanOrEqual(950);
    expect(url.remaining()).toBe(3);
  });

  it('surfaces a 404 (expired URL) at once', async () => {
    server.fail('response_url', { status: 404 });
    const url = new ResponseUrl(server.responseUrl('gone'), Date.now(), { allowedPrefixes: prefixes() });
    await expect(url.send({ text: 'x' })).rejects.toThrow('answering through response_url failed: HTTP 404');
  });

  it("refuses a URL outside Slack's hooks host by default", () => {
    expect(() => new ResponseUrl('https://hooks.slack.com.evil.example/x', Date.now())).toThrow(/not a Slack URL/);
    expect(() => new ResponseUrl('http://hooks.slack.com/commands/1', Date.now())).toThrow(/not a Slack URL/);
    expect(new ResponseUrl('https://hooks.slack.com/commands/T1/2/x', Date.now()).remaining()).toBe(5);
  });
});
