import { LocalSlackServer } from '../../test/slack/server';
import { DeliveryError, ResponseUrl } from './delivery';

const server = new LocalSlackServer();
beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => server.reset());

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
