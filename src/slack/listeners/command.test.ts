import { createLogger } from '../../aws/logger';
import { configSchema } from '../../config/schema';
import type { ListenerDeps } from '../context';
import type { WorkerJob } from '../jobs';
import { MemoryMarkerStore } from '../markers';
import { commandListener } from './command';

const config = configSchema.parse({
  clusters: [{ name: 'prod-eu', manifests: './m' }],
  slack: { allow: { scan: { channels: ['CSECOPS'] } } },
});

function setup() {
  const jobs: WorkerJob[] = [];
  const logs: string[] = [];
  const deps: ListenerDeps = {
    config,
    dispatch: async (j) => {
      jobs.push(j);
    },
    markers: new MemoryMarkerStore(),
    logger: createLogger({}, (l) => logs.push(l)),
    findCheck: () => undefined,
    members: async () => [],
    now: () => 1_700_000_000_000,
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
    expect(t.acks).toEqual([
      { response_type: 'in_channel', text: expect.stringContaining('Scanning cluster *prod-eu*') },
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
});
