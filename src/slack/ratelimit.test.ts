import { MemoryMarkerStore } from '../store/markers';
import { rateLimiter, retryText } from './ratelimit';

const WINDOW = 600_000;
const T0 = 1_700_000_800_000; // 400 s into a 10-minute window (which starts at 1_700_000_400_000)

describe('Function: rateLimiter', () => {
  it('allows perUser requests per window, then answers which limit and when the window ends', async () => {
    let now = T0;
    const limit = rateLimiter(new MemoryMarkerStore(), { windowMs: WINDOW, perUser: 2, perWorkspace: 10 }, () => now);
    expect(await limit({ userId: 'UA', teamId: 'T1' })).toEqual({ limited: false });
    expect(await limit({ userId: 'UA', teamId: 'T1' })).toEqual({ limited: false });
    expect(await limit({ userId: 'UA', teamId: 'T1' })).toEqual({
      limited: true,
      by: 'user',
      limit: 2,
      windowMs: WINDOW,
      retryAfterMs: 200_000,
    });
    expect(await limit({ userId: 'UB', teamId: 'T1' })).toEqual({ limited: false });
    now = T0 + 200_000; // the next window
    expect(await limit({ userId: 'UA', teamId: 'T1' })).toEqual({ limited: false });
  });

  it('counts exactly across containers sharing the marker store (each container its own limiter)', async () => {
    const markers = new MemoryMarkerStore();
    const limits = { windowMs: WINDOW, perUser: 3, perWorkspace: 100 };
    const containers = [1, 2, 3].map(() => rateLimiter(markers, limits, () => T0));
    const outcomes = await Promise.all(
      Array.from({ length: 7 }, (_, i) => containers[i % 3]({ userId: 'UA', teamId: 'T1' })),
    );
    expect(outcomes.filter((o) => !o.limited)).toHaveLength(3);
    expect([...markers.markers.keys()].filter((k) => k.startsWith('ratelimit/user/UA/'))).toHaveLength(3);
  });

  it('limits the workspace as a whole', async () => {
    const limit = rateLimiter(new MemoryMarkerStore(), { windowMs: WINDOW, perUser: 5, perWorkspace: 2 }, () => T0);
    await limit({ userId: 'UA', teamId: 'T1' });
    await limit({ userId: 'UB', teamId: 'T1' });
    expect(await limit({ userId: 'UC', teamId: 'T1' })).toMatchObject({ limited: true, by: 'workspace', limit: 2 });
  });

  it('keeps only Slack-ID characters in marker keys', async () => {
    const markers = new MemoryMarkerStore();
    const limit = rateLimiter(markers, { windowMs: WINDOW, perUser: 1, perWorkspace: 1 }, () => T0);
    await limit({ userId: '../U A', teamId: undefined });
    expect([...markers.markers.keys()].sort()).toEqual([
      `ratelimit/user/UA/${T0 - 400_000}/0`,
      `ratelimit/workspace/all/${T0 - 400_000}/0`,
    ]);
  });

  it('says when to try again', () => {
    expect(retryText(30_000)).toBe('in 1 min');
    expect(retryText(200_000)).toBe('in 4 min');
    expect(retryText(3_900_000)).toBe('in 1 h 5 min');
  });
});
