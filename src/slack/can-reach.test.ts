/** `/compliance can-reach`: the grammar, the job schema, and the worker's answer from the stored network facts. */
import { LocalSlackServer } from '../../test/slack/server';
import { tempDir } from '../../test/slack/support';
import { createLogger } from '../aws/logger';
import { configSchema } from '../config/schema';
import { MemoryMarkerStore } from '../store/markers';
import { openStores } from '../store/open';
import { LocalRbacFactsStore, rbacFactsOf } from '../store/rbac-facts';
import { createWebClient } from './delivery';
import { parseCommand } from './grammar';
import { parseWorkerJob } from './jobs';
import { runWorkerJob, type WorkerDeps } from './worker';

const server = new LocalSlackServer();
beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => server.reset());

const ctx = { clusters: ['prod-eu'], isCheck: () => false };

describe('Grammar: can-reach', () => {
  it.each([
    ['can-reach shop/frontend payments/ledger', { name: 'can-reach', from: 'shop/frontend', to: 'payments/ledger' }],
    ['can-reach 0.0.0.0/0 shop/* TCP/8080', { name: 'can-reach', from: '0.0.0.0/0', to: 'shop/*', port: 'TCP/8080' }],
    [
      'can-reach app=api deployment:shop/db 5432',
      { name: 'can-reach', from: 'app=api', to: 'deployment:shop/db', port: '5432' },
    ],
  ])('parses %j', (text, want) => {
    expect(parseCommand(text, ctx)).toEqual(want);
  });

  it.each([
    ['can-reach shop/frontend', /takes FROM TO \[PORT\]/],
    ['can-reach a/b c/d e f', /takes FROM TO \[PORT\]/],
    ['can-reach shop/a;rm shop/b', /is not a workload name/],
    ['can-reach ../../etc shop/b', /give namespace\/name/],
    ['can-reach 10.0.0.0/8 0.0.0.0/0', /one end of `can-reach` must be a workload/],
    ['can-reach shop/a shop/b ICMP/1', /is not a port/],
  ])('refuses %j with help', (text, problem) => {
    const c = parseCommand(text, ctx);
    expect(c.name).toBe('help');
    expect(c.name === 'help' && c.problem).toMatch(problem);
  });

  it('the job schema takes what the grammar gives and refuses shell text', () => {
    const job = (command: unknown) => ({ v: 1, id: 'j1', command, userId: 'UA', channelId: 'CB', requestedAt: 1 });
    expect(parseWorkerJob(job({ name: 'can-reach', from: 'shop/*', to: '0.0.0.0/0', port: 'tcp/443' })).ok).toBe(true);
    expect(parseWorkerJob(job({ name: 'can-reach', from: 'shop/a;id', to: 'x/y' })).ok).toBe(false);
  });
});

describe('Worker: can-reach from the stored facts', () => {
  const config = configSchema.parse({
    scope: 'nightly',
    clusters: [{ name: 'prod-eu', manifests: './m' }],
    slack: { channel: 'C1' },
  });
  const dir = tempDir();
  const scannedAt = Date.parse('2026-11-30T02:00:00.000Z');
  const ws = (name: string, app: string) => ({
    kind: 'Deployment',
    namespace: 'shop',
    name,
    podLabels: { app },
    serviceAccountName: 'default',
    replicas: 1,
  });

  function deps(now: number): WorkerDeps {
    const stores = openStores({ type: 'local', dir });
    return {
      config,
      web: createWebClient('xoxb-w', { slackApiUrl: server.apiUrl }),
      markers: new MemoryMarkerStore(),
      snapshots: stores.snapshots,
      waivers: stores.waivers,
      scan: async () => [],
      rbacFacts: new LocalRbacFactsStore(dir),
      findCheck: () => undefined,
      logger: createLogger({}, () => {}),
      now: () => now,
      responseUrlPrefixes: [`http://127.0.0.1:${server.port}/response/`],
    };
  }
  const job = (id: string, command: unknown, requestedAt = scannedAt) => ({
    v: 1,
    id,
    command,
    userId: 'UALICE',
    channelId: 'CSECOPS',
    responseUrl: server.responseUrl(id),
    requestedAt,
  });

  it('says to scan first when no network facts are stored', async () => {
    await runWorkerJob(job('a1', { name: 'can-reach', from: 'shop/api', to: 'shop/db' }), deps(scannedAt));
    expect(JSON.stringify(server.callsOf('response_url')[0].body)).toContain(
      'no stored network facts (the scans store them beside the RBAC facts): run `/compliance scan cluster prod-eu` first.',
    );
  });

  it('answers with the evidence and the age of the facts', async () => {
    const [stored] = rbacFactsOf(
      {
        scope: 'nightly/cluster/prod-eu',
        scanId: '20261130T020000Z-aa11bb',
        startedAt: new Date(scannedAt).toISOString(),
      },
      [
        {
          target: { name: 'prod-eu', kind: 'cluster' },
          facts: {
            'k8s.rbac': { ok: true, value: { roles: [], bindings: [] } },
            'k8s.namespaces': { ok: true, value: [{ name: 'shop', labels: {} }] },
            'k8s.workloads': { ok: true, value: [ws('api', 'api'), ws('db', 'db')] },
            'k8s.networkPolicies': {
              ok: true,
              value: [
                {
                  namespace: 'shop',
                  name: 'db-from-api',
                  podSelector: { matchLabels: { app: 'db' } },
                  ingress: [{ from: [{ podSelector: { matchLabels: { app: 'api' } } }], ports: [{ port: 5432 }] }],
                },
              ],
            },
          },
        },
      ],
    );
    expect(stored.network?.workloads).toHaveLength(2);
    await new LocalRbacFactsStore(dir).save(stored);
    await runWorkerJob(
      job('a2', { name: 'can-reach', from: 'shop/api', to: 'shop/db', port: 'TCP/5432' }, scannedAt + 3 * 3_600_000),
      deps(scannedAt + 3 * 3_600_000),
    );
    const text = JSON.stringify(server.callsOf('response_url')[0].body);
    expect(text).toContain('*prod-eu* (facts as of 3 h ago, scan `20261130T020000Z-aa11bb`)');
    expect(text).toContain('Can shop/api reach shop/db on TCP/5432? yes');
    expect(text).toContain('ingress: allowed by shop/db-from-api (ingress rule 1: TCP/5432)');
    expect(text).toContain('Whether the network plugin enforces NetworkPolicies');
  });
});
