import { configSchema } from '../config/schema';
import { authorize, cachedMembers } from './authorize';

const slack = configSchema.parse({
  slack: {
    allow: {
      scan: { channels: ['CSECOPS'], users: ['UBOB'], userGroups: ['SPLATFORM'] },
      query: { channels: ['CSECOPS', 'CPLATFORM'] },
    },
  },
}).slack;
const members = async (g: string) => (g === 'SPLATFORM' ? ['UCAROL'] : []);

describe('Function: authorize', () => {
  it('allows scan from an allow-listed channel', async () => {
    expect(await authorize('scan', slack, { userId: 'UX', channelId: 'CSECOPS' }, members)).toEqual({
      allowed: true,
      via: 'channel CSECOPS',
    });
  });
  it('allows scan by an allow-listed user elsewhere', async () => {
    expect(await authorize('scan', slack, { userId: 'UBOB', channelId: 'CRANDOM' }, members)).toMatchObject({
      allowed: true,
    });
  });
  it('allows scan through a user group', async () => {
    expect(await authorize('scan', slack, { userId: 'UCAROL', channelId: 'CRANDOM' }, members)).toEqual({
      allowed: true,
      via: 'user group SPLATFORM',
    });
  });
  it('refuses scan to a user on no list, with the reason', async () => {
    const d = await authorize('scan', slack, { userId: 'UEVE', channelId: 'CRANDOM' }, members);
    expect(d).toEqual({ allowed: false, reason: expect.stringContaining('not on the allow-list for `scan`') });
  });
  it('refuses waive to everybody while its list is empty', async () => {
    const d = await authorize('waive', slack, { userId: 'UBOB', channelId: 'CSECOPS' }, members);
    expect(d).toEqual({ allowed: false, reason: 'nobody is allowed to waive yet (slack.allow.waive is empty)' });
  });
  it('applies a configured query list', async () => {
    expect(await authorize('query', slack, { userId: 'UEVE', channelId: 'CRANDOM' }, members)).toMatchObject({
      allowed: false,
    });
    expect(await authorize('query', slack, { userId: 'UEVE', channelId: 'CPLATFORM' }, members)).toMatchObject({
      allowed: true,
    });
  });
  it('allows queries to everybody without a query list, and refuses scan without any slack section', async () => {
    expect(await authorize('query', undefined, { userId: 'U1', channelId: 'C1' }, members)).toMatchObject({
      allowed: true,
    });
    expect(await authorize('scan', undefined, { userId: 'U1', channelId: 'C1' }, members)).toMatchObject({
      allowed: false,
    });
  });
  it('refuses when the group lookup fails', async () => {
    const failing = async () => {
      throw new Error('missing_scope');
    };
    expect(await authorize('scan', slack, { userId: 'UCAROL', channelId: 'CX' }, failing)).toMatchObject({
      allowed: false,
    });
  });
});

describe('Function: cachedMembers', () => {
  it('asks Slack once within the time to live, again after it', async () => {
    let t = 0;
    const calls: string[] = [];
    const m = cachedMembers(
      async (g) => {
        calls.push(g);
        return ['U1'];
      },
      1000,
      () => t,
    );
    await m('S1');
    await m('S1');
    t = 1001;
    await m('S1');
    expect(calls).toEqual(['S1', 'S1']);
  });
});
