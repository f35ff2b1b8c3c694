/**
 * `/compliance host NAME`: one machine's latest findings by any of its names (EC2 instance ID, SSM managed-instance ID,
 * Kubernetes Node name), from the grammar through the worker job to the answer.
 */

import { checks } from '../../checks';
import { LocalSlackServer } from '../../test/slack/server';
import { tempDir } from '../../test/slack/support';
import { createLogger } from '../aws/logger';
import { machineFleet } from '../collectors/ec2/fleet';
import type { FleetCollector } from '../collectors/types';
import { configSchema } from '../config/schema';
import type { Snapshot } from '../core/model';
import { runScan } from '../scan/run-scan';
import { MemoryMarkerStore } from '../store/markers';
import { openStores } from '../store/open';
import { createWebClient } from './delivery';
import { HELP_TEXT, parseCommand, permissionOf } from './grammar';
import { workerJobSchema } from './jobs';
import { hostMessage } from './queries';
import { runWorkerJob, type WorkerDeps } from './worker';

const A = 'i-0aaaaaaaaaaaaaaa1';
const B = 'i-0bbbbbbbbbbbbbbb2';
const NODE_A = 'ip-10-0-1-1.eu-west-1.compute.internal';
const NODE_B = 'ip-10-0-1-2.eu-west-1.compute.internal';
const ctx = { clusters: [], isCheck: () => true };

/** A fleet whose machine A answered with a root login allowed, and B could not be reached. */
const fleet: FleetCollector = {
  name: 'nodes',
  async collect() {
    return {
      facts: [
        {
          target: { name: A, kind: 'host' },
          facts: {
            'host.sshd': {
              ok: true,
              value: { source: 'sshd-T', contexts: [{ context: 'global', settings: { permitrootlogin: 'yes' } }] },
            },
          },
        },
      ],
      unreachable: [{ target: { name: B, kind: 'host' }, reason: 'the SSM agent is ConnectionLost' }],
    };
  },
};

async function scanned(store?: ReturnType<typeof openStores>): Promise<Snapshot> {
  const scan = await runScan({
    scope: 'nightly/hosts/nodes',
    trigger: 'test',
    collectors: [
      machineFleet(fleet, {
        listNodes: async () => [
          { name: NODE_A, labels: {}, controlPlane: false, providerID: `aws:///eu-west-1a/${A}` },
          { name: NODE_B, labels: {}, controlPlane: false, providerID: `aws:///eu-west-1b/${B}` },
        ],
        clusterName: 'prod',
      }),
    ],
    checks,
    store: store?.snapshots ?? null,
    clock: () => new Date('2026-06-01T00:00:00Z'),
  });
  return scan.snapshot;
}

describe('Grammar: host NAME', () => {
  it.each([
    [`host ${A}`, A],
    [`HOST ${A.toUpperCase()}`, A],
    [`host ${NODE_A}`, NODE_A],
    ['host mi-0123456789abcdef0', 'mi-0123456789abcdef0'],
  ])('%s names a machine', (text, host) => {
    const c = parseCommand(text, ctx);
    expect(c).toEqual({ name: 'host', host });
    expect(permissionOf(c)).toBe('query');
  });

  it.each([
    ['host', 'takes one name'],
    [`host ${A} ${B}`, 'takes one name'],
    ['host ../etc/passwd', 'is not an instance ID or a Node name'],
    ['host $(id)', 'is not an instance ID or a Node name'],
    ['host node_1', 'is not an instance ID or a Node name'],
    [`host ${'a'.repeat(254)}`, 'is not an instance ID or a Node name'],
  ])('%s is refused with help', (text, problem) => {
    const c = parseCommand(text, ctx);
    expect(c.name).toBe('help');
    expect(c.name === 'help' && c.problem).toContain(problem);
  });

  it('is in the help text', () => {
    expect(HELP_TEXT).toContain('`host NAME`');
  });

  it('is a worker job only with a valid name', () => {
    const base = {
      v: 1,
      id: 'j1',
      userId: 'UALICE',
      channelId: 'C1',
      responseUrl: 'https://hooks.slack.com/x',
      requestedAt: 1,
    };
    expect(workerJobSchema.safeParse({ ...base, command: { name: 'host', host: NODE_A } }).success).toBe(true);
    expect(workerJobSchema.safeParse({ ...base, command: { name: 'host', host: 'a;b' } }).success).toBe(false);
  });
});

describe('Function: hostMessage', () => {
  it('finds a machine by its Node name and by its instance ID, naming it once with its findings', async () => {
    const snapshot = await scanned();
    for (const name of [NODE_A, A]) {
      const m = hostMessage([snapshot], name);
      const text = JSON.stringify(m.blocks);
      expect(text).toContain(`*${A} (Node ${NODE_A})* in *nightly/hosts/nodes*`);
      expect(text).toContain('host.ssh.root-login-disabled');
      expect(text).toContain('unknown');
    }
  });

  it('says a Node that SSM could not reach is not assessed, with the reason', async () => {
    const text = JSON.stringify(hostMessage([await scanned()], NODE_B).blocks);
    expect(text).toContain(`*${B} (Node ${NODE_B})*`);
    expect(text).toContain('*not assessed*: the SSM agent is ConnectionLost');
    expect(text).not.toContain('no open findings');
  });

  it('says so when no machine has that name', async () => {
    expect(hostMessage([await scanned()], 'ip-10-9-9-9.eu-west-1.compute.internal').text).toBe(
      'No machine named ip-10-9-9-9.eu-west-1.compute.internal in the latest snapshots (instance ID, managed-instance ID or Node name).',
    );
  });
});

describe('Worker: host', () => {
  const server = new LocalSlackServer();
  beforeAll(() => server.start());
  afterAll(() => server.stop());

  it('answers from the stored snapshot, by Node name', async () => {
    const stores = openStores({ type: 'local', dir: tempDir() });
    await scanned(stores);
    const deps: WorkerDeps = {
      config: configSchema.parse({ scope: 'nightly', slack: { channel: 'CALERTS' } }),
      web: createWebClient('xoxb-w', { slackApiUrl: server.apiUrl }),
      markers: new MemoryMarkerStore(),
      snapshots: stores.snapshots,
      waivers: stores.waivers,
      scan: async () => [],
      findCheck: () => undefined,
      logger: createLogger({}, () => {}),
      now: () => Date.parse('2026-06-01T01:00:00Z'),
      responseUrlPrefixes: [`http://127.0.0.1:${server.port}/response/`],
    };
    const out = await runWorkerJob(
      {
        v: 1,
        id: 'job-host',
        command: { name: 'host', host: NODE_A },
        userId: 'UALICE',
        channelId: 'CSECOPS',
        responseUrl: server.responseUrl('r-host'),
        requestedAt: Date.parse('2026-06-01T01:00:00Z'),
      },
      deps,
    );
    expect(out).toMatchObject({ status: 'done' });
    const body = JSON.stringify(server.callsOf('response_url')[0].body);
    expect(body).toContain(`${A} (Node ${NODE_A})`);
    expect(body).toContain('host.ssh.root-login-disabled');
  });
});
