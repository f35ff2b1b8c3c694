import { createLogger } from '../../aws/logger';
import { configSchema } from '../../config/schema';
import { MemoryMarkerStore } from '../../store/markers';
import type { ListenerDeps } from '../context';
import { rateLimiter } from '../ratelimit';
import { type GuardAnswers, type GuardedRequest, guard } from './guard';

const config = configSchema.parse({
  clusters: [{ name: 'prod-eu', manifests: './m' }],
  slack: { allow: { scan: { channels: ['CSECOPS'] } } },
});
const BOT_TOKEN = `xoxb-${'1'.repeat(12)}-${'2'.repeat(13)}-${'a'.repeat(24)}`;

function setup(opts: { guests?: string[]; guestLookupFails?: boolean; perUser?: number } = {}) {
  const logs: string[] = [];
  const markers = new MemoryMarkerStore();
  const now = () => 1_700_000_000_000;
  const deps: ListenerDeps = {
    config,
    dispatch: async () => {},
    markers,
    logger: createLogger({}, (l) => logs.push(l)),
    findCheck: () => undefined,
    members: async () => [],
    isGuest: async (u) => {
      if (opts.guestLookupFails) throw new Error('users.info: ratelimited');
      return (opts.guests ?? []).includes(u);
    },
    rateLimit: rateLimiter(markers, { windowMs: 600_000, perUser: opts.perUser ?? 5, perWorkspace: 50 }, now),
    now,
  };
  const sent: (string | undefined)[] = [];
  const answers: GuardAnswers<string> = {
    send: async (m) => {
      sent.push(m);
    },
    refused: (reason, by) => `refused by ${by}: ${reason}`,
    failed: { log: 'scan dispatch failed', reply: 'could not start' },
  };
  const audits = () => logs.map((l) => JSON.parse(l) as Record<string, unknown>).filter((l) => l.audit === true);
  return { deps, markers, logs, sent, answers, audits };
}

const scan = (over: Partial<GuardedRequest<string>> = {}): GuardedRequest<string> => ({
  command: 'scan',
  permission: 'scan',
  user: 'UALICE',
  userName: 'alice',
  channel: 'CSECOPS',
  args: { name: 'scan' },
  ...over,
});

describe('Slack guard: one step before every listener does its work', () => {
  it('refuses a user outside the allow-list: the refused answer once, one audit line, the work never runs', async () => {
    const t = setup();
    const work = jest.fn(async () => 'done');
    await guard(t.deps, scan({ channel: 'CELSEWHERE' }), t.answers, work);
    expect(work).not.toHaveBeenCalled();
    expect(t.sent).toEqual([expect.stringMatching(/^refused by allow-list: you are not on the allow-list for `scan`/)]);
    expect(t.audits()).toEqual([
      expect.objectContaining({
        audit: true,
        user: 'UALICE',
        userName: 'alice',
        channel: 'CELSEWHERE',
        command: 'scan',
        args: { name: 'scan' },
        decision: 'refused',
        reason: expect.stringMatching(/allow-list/),
      }),
    ]);
  });

  it('refuses a guest before the allow-list, even in an allow-listed channel', async () => {
    const t = setup({ guests: ['UGUEST'] });
    const work = jest.fn(async () => 'done');
    await guard(t.deps, scan({ user: 'UGUEST' }), t.answers, work);
    expect(work).not.toHaveBeenCalled();
    expect(t.sent).toEqual([expect.stringMatching(/^refused by guest: guest accounts may not use this bot/)]);
    expect(t.audits()).toEqual([expect.objectContaining({ user: 'UGUEST', decision: 'refused' })]);
  });

  it('refuses when Slack cannot say whether the user is a guest', async () => {
    const t = setup({ guestLookupFails: true });
    const work = jest.fn(async () => 'done');
    await guard(t.deps, scan(), t.answers, work);
    expect(work).not.toHaveBeenCalled();
    expect(t.sent).toEqual([expect.stringMatching(/^refused by guest: your account type could not be checked/)]);
  });

  it('answers a rate-limited request with its limit, audits it, and runs nothing', async () => {
    const t = setup({ perUser: 1 });
    const work = jest.fn(async () => 'done');
    const limited = (l: { by: string; limit: number }) => `limited by ${l.by} at ${l.limit}`;
    await guard(t.deps, scan({ rateLimit: { teamId: 'T1', limited } }), t.answers, work);
    await guard(t.deps, scan({ rateLimit: { teamId: 'T1', limited } }), t.answers, work);
    expect(work).toHaveBeenCalledTimes(1);
    expect(t.sent).toEqual(['done', 'limited by user at 1']);
    expect(t.audits().map((a) => [a.decision, a.reason])).toEqual([
      ['accepted', undefined],
      ['limited', 'user limit of 1 per 10 min'],
    ]);
  });

  it('takes no rate-limit slot and no request marker for a refused user', async () => {
    const t = setup({ perUser: 1 });
    const limited = () => 'limited';
    const once = { key: 'requests/t1', body: '{}' };
    await guard(t.deps, scan({ channel: 'CELSEWHERE', once, rateLimit: { limited } }), t.answers, async () => 'x');
    expect(t.markers.markers.size).toBe(0);
  });

  it('runs the work of an authorised request once and sends its answer once, after the audit line', async () => {
    const t = setup();
    const order: string[] = [];
    const work = jest.fn(async () => {
      order.push(`work (${t.audits().length} audit lines)`);
      return 'Scanning cluster prod-eu';
    });
    t.answers.send = async (m) => {
      order.push(`send ${m} (${t.audits().length} audit lines)`);
    };
    await guard(t.deps, scan(), t.answers, work);
    expect(work).toHaveBeenCalledTimes(1);
    expect(order).toEqual(['work (0 audit lines)', 'send Scanning cluster prod-eu (1 audit lines)']);
    expect(t.audits()).toEqual([expect.objectContaining({ decision: 'accepted', userName: 'alice' })]);
  });

  it('acknowledges with nothing when the work has no answer (a modal opened, a modal closed)', async () => {
    const t = setup();
    await guard(t.deps, scan(), t.answers, async () => undefined);
    expect(t.sent).toEqual([undefined]);
  });

  it('answers a Slack retry of a handled request with nothing and runs the work once', async () => {
    const t = setup();
    const work = jest.fn(async () => 'done');
    await guard(t.deps, scan({ once: { key: 'requests/t1', body: '{}' } }), t.answers, work);
    await guard(t.deps, scan({ once: { key: 'requests/t1', body: '{}', retryNum: 1 } }), t.answers, work);
    expect(work).toHaveBeenCalledTimes(1);
    expect(t.sent).toEqual(['done', undefined]);
    expect(t.audits()[1]).toEqual(expect.objectContaining({ decision: 'duplicate', reason: 'Slack retry 1' }));
  });

  it('answers a failed work with the fixed reply only: no error text, no stack, no secret; a retry runs again', async () => {
    const t = setup();
    const failing = jest.fn(async (): Promise<string> => {
      throw new Error(`invoke failed with token ${BOT_TOKEN}`);
    });
    const once = { key: 'requests/t1', body: '{}' };
    await guard(t.deps, scan({ once }), t.answers, failing);
    expect(t.sent).toEqual(['could not start']);
    expect(t.audits().some((a) => a.decision === 'accepted')).toBe(false);
    const logged = t.logs.map((l) => JSON.parse(l)).find((l) => l.message === 'scan dispatch failed');
    expect(logged).toEqual(expect.objectContaining({ command: 'scan', user: 'UALICE' }));
    expect(t.logs.join('\n')).not.toContain(BOT_TOKEN);
    expect(t.logs.join('\n')).not.toMatch(/\n\s+at /);

    const work = jest.fn(async () => 'done');
    await guard(t.deps, scan({ once: { ...once, retryNum: 1 } }), t.answers, work);
    expect(work).toHaveBeenCalledTimes(1);
    expect(t.sent).toEqual(['could not start', 'done']);
  });
});
