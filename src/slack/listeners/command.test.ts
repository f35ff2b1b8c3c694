import { createLogger } from '../../aws/logger';
import { configSchema } from '../../config/schema';
import { MemoryMarkerStore } from '../../store/markers';
import type { ListenerDeps } from '../context';
import type { WorkerJob } from '../jobs';
import { rateLimiter } from '../ratelimit';
import { commandListener } from './command';

const config = configSchema.parse({
  clusters: [{ name: 'prod-eu', manifests: './m' }],
  slack: { allow: { scan: { channels: ['CSECOPS'] } } },
});

function setup(opts: { guests?: string[]; perUser?: number } = {}) {
  const jobs: WorkerJob[] = [];
  const logs: string[] = [];
  const markers = new MemoryMarkerStore();
  const now = () => 1_700_000_000_000;
  const deps: ListenerDeps = {
    config,
    dispatch: async (j) => {
      jobs.push(j);
    },
    markers,
    logger: createLogger({}, (l) => logs.push(l)),
    findCheck: () => undefined,
    members: async () => [],
    isGuest: async (u) => (opts.guests ?? []).includes(u),
    rateLimit: rateLimiter(markers, { windowMs: 600_000, perUser: opts.perUser ?? 5, perWorkspace: 50 }, now),
    now,
  };
  const acks: unknown[] = [];
  const invoke = (text: string, over: Record<string, string> = {}, retryNum?: number) =>
    commandListener(deps)({
      command: {
        text,
        user_id: 'UALICE',
        channel_id: 'CSECOPS',
        response_url: 'https://hooks.slack.com/commands/T/1/x',
        trigger_id: 't1',
        ...over,
      },
      ack: async (r?: unknown) => {
        acks.push(r);
      },
      context: { retryNum },
    } as never);
  return { deps, jobs, logs, acks, invoke };
}

describe('Listener: /compliance', () => {
  it('acks a scan from an allow-listed channel and dispatches one job', async () => {
    const t = setup();
    await t.invoke('scan cluster prod-eu');
    expect(t.jobs).toEqual([
      {
        v: 1,
        id: 'cmd-t1',
        command: { name: 'scan', selection: { kind: 'cluster', name: 'prod-eu' } },
        userId: 'UALICE',
        channelId: 'CSECOPS',
        responseUrl: 'https://hooks.slack.com/commands/T/1/x',
        requestedAt: 1_700_000_000_000,
      },
    ]);
    // Ephemeral unless slack.answers says in_channel: a scan's findings are not shown to the channel by default.
    expect(t.acks).toEqual([
      { response_type: 'ephemeral', text: expect.stringContaining('Scanning cluster *prod-eu*') },
    ]);
  });

  it('acks help for an unknown cluster and dispatches nothing', async () => {
    const t = setup();
    await t.invoke('scan cluster nope');
    expect(t.jobs).toEqual([]);
    expect(t.acks).toEqual([
      {
        response_type: 'ephemeral',
        text: expect.stringMatching(/^:warning: Sorry, unknown cluster "nope" \(known: prod-eu\)\./),
      },
    ]);
  });

  it('acks a duplicate of the same request with nothing and dispatches once', async () => {
    const t = setup();
    await t.invoke('status');
    await t.invoke('status', {}, 1);
    expect(t.jobs).toHaveLength(1);
    expect(t.acks[1]).toBeUndefined();
    expect(t.logs.some((l) => JSON.parse(l).decision === 'duplicate')).toBe(true);
  });

  it('refuses scan outside the allow-listed channel', async () => {
    const t = setup();
    await t.invoke('scan', { channel_id: 'CELSEWHERE' });
    expect(t.jobs).toEqual([]);
    expect(t.acks).toEqual([
      { response_type: 'ephemeral', text: expect.stringMatching(/^:no_entry: You may not run `scan` here/) },
    ]);
  });

  it('refuses a guest before anything else, and logs it', async () => {
    const t = setup({ guests: ['UGUEST'] });
    await t.invoke('status', { user_id: 'UGUEST', user_name: 'guest' });
    expect(t.jobs).toEqual([]);
    expect(t.acks).toEqual([
      {
        response_type: 'ephemeral',
        text: expect.stringMatching(/^:no_entry: You may not use this bot: guest accounts/),
      },
    ]);
    expect(t.logs.map((l) => JSON.parse(l))).toContainEqual(
      expect.objectContaining({
        user: 'UGUEST',
        userName: 'guest',
        decision: 'refused',
        reason: expect.stringMatching(/guest/),
      }),
    );
  });

  it('limits scan and who-can per user, with a clear answer, and leaves status alone', async () => {
    const t = setup({ perUser: 1 });
    await t.invoke('scan cluster prod-eu', { trigger_id: 'a' });
    await t.invoke('who-can get secrets', { trigger_id: 'b' });
    await t.invoke('status', { trigger_id: 'c' });
    expect(t.jobs.map((j) => j.command.name)).toEqual(['scan', 'status']);
    expect(t.acks[1]).toEqual({
      response_type: 'ephemeral',
      text: expect.stringMatching(
        /^:hourglass: Rate limit: you have used all 1 `scan`\/`who-can` requests allowed per 10 minutes\. Try again in \d+ min\./,
      ),
    });
  });
});
