import { LocalSlackServer } from '../../test/slack/server';
import { realScan, tempDir, wildcardCheck } from '../../test/slack/support';
import { summaryPostureFor } from '../app/posture';
import { createLogger } from '../aws/logger';
import { configSchema } from '../config/schema';
import { MemoryMarkerStore } from '../store/markers';
import { openStores } from '../store/open';
import { createWebClient } from './delivery';
import { accessQuery, runWorkerJob, type WorkerDeps } from './worker';

const server = new LocalSlackServer();
beforeAll(() => server.start());
afterAll(() => server.stop());
beforeEach(() => server.reset());

// Answers in the channel: these tests are about the channel fallbacks (the default, ephemeral, is tested below).
const config = configSchema.parse({
  scope: 'nightly',
  clusters: [
    { name: 'prod-eu', manifests: './m' },
    { name: 'staging', manifests: './m' },
  ],
  slack: { channel: 'CALERTS', answers: 'in_channel' },
});
/** The default: answers only to the requester. */
const ephemeralConfig = configSchema.parse({ scope: 'nightly', slack: { channel: 'CALERTS' } });
const silent = createLogger({}, () => {});

function setup(roles = { value: ['ok'] }) {
  const stores = openStores({ type: 'local', dir: tempDir() });
  const now = Date.now();
  const deps: WorkerDeps = {
    config,
    web: createWebClient('xoxb-w', { slackApiUrl: server.apiUrl }),
    markers: new MemoryMarkerStore(),
    snapshots: stores.snapshots,
    waivers: stores.waivers,
    scan: realScan(stores, roles),
    findCheck: (id) => (id === wildcardCheck.id ? wildcardCheck : undefined),
    logger: silent,
    now: () => now,
    responseUrlPrefixes: [`http://127.0.0.1:${server.port}/response/`],
  };
  return { deps, stores, roles, now };
}

let n = 0;
const job = (command: unknown, over: Record<string, unknown> = {}) => ({
  v: 1,
  id: `job-${++n}`,
  command,
  userId: 'UALICE',
  channelId: 'CSECOPS',
  responseUrl: server.responseUrl(`r${n}`),
  requestedAt: Date.now(),
  ...over,
});

describe('Function: runWorkerJob', () => {
  it('falls back to a channel thread when the answer needs more messages than response_url has uses', async () => {
    const { deps, roles } = setup();
    await runWorkerJob(job({ name: 'scan', selection: { kind: 'all' } }), deps);
    roles.value = Array.from({ length: 400 }, (_, i) => `wild-${i}`);
    server.reset();
    const out = await runWorkerJob(job({ name: 'scan', selection: { kind: 'all' } }), deps);
    expect(out).toMatchObject({ status: 'done', via: 'both' });
    const posts = server.callsOf('chat.postMessage');
    expect(posts.length).toBeGreaterThan(5);
    expect(posts[0].body).toMatchObject({ channel: 'CSECOPS' });
    expect(posts.slice(1).every((p) => typeof p.body.thread_ts === 'string')).toBe(true);
    expect(server.callsOf('response_url')).toHaveLength(1);
    expect(server.callsOf('response_url')[0].body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('posted in this channel'),
    });
  });

  it('posts in the channel when the response_url has expired (31 minutes)', async () => {
    const { deps } = setup();
    const out = await runWorkerJob(
      job({ name: 'scan', selection: { kind: 'all' } }, { requestedAt: deps.now() - 31 * 60_000 }),
      deps,
    );
    expect(out).toMatchObject({ status: 'done', via: 'channel' });
    expect(server.callsOf('response_url')).toHaveLength(0);
    expect(server.callsOf('chat.postMessage')[0].body).toMatchObject({ channel: 'CSECOPS' });
  });

  it('answers by direct message when the bot is not in the channel', async () => {
    const { deps } = setup();
    server.fail('chat.postMessage', { status: 200, body: { ok: false, error: 'not_in_channel' } });
    const out = await runWorkerJob(
      job({ name: 'scan', selection: { kind: 'all' } }, { requestedAt: deps.now() - 31 * 60_000 }),
      deps,
    );
    expect(out).toMatchObject({ status: 'done', via: 'channel' });
    expect(server.callsOf('chat.postMessage').map((c) => c.body.channel)).toEqual(['CSECOPS', 'UALICE']);
  });

  it("refuses a response_url that is not Slack's and answers by direct message instead", async () => {
    const { deps } = setup();
    deps.config = ephemeralConfig;
    const out = await runWorkerJob(job({ name: 'status' }, { responseUrl: 'https://attacker.example/collect' }), deps);
    expect(out).toMatchObject({ status: 'done', via: 'channel' });
    expect(server.callsOf('chat.postMessage')[0].body).toMatchObject({ channel: 'UALICE' });
  });

  it('answers status from the latest snapshot of each scope', async () => {
    const { deps, roles } = setup();
    deps.config = ephemeralConfig;
    roles.value = ['wild-1', 'ok'];
    await runWorkerJob(job({ name: 'scan', selection: { kind: 'all' } }), deps);
    server.reset();
    await runWorkerJob(job({ name: 'status' }), deps);
    const [answer] = server.callsOf('response_url');
    expect(answer.body).toMatchObject({ response_type: 'ephemeral' });
    expect(JSON.stringify(answer.body)).toMatch(/\*nightly\*: 1 open \(1 high\) · 1\/1 targets assessed/);
  });

  it('answers posture with the control counts per framework at the latest scan of each scope', async () => {
    const { deps, roles } = setup();
    deps.config = ephemeralConfig;
    deps.posture = summaryPostureFor(config);
    roles.value = ['wild-1', 'ok'];
    await runWorkerJob(job({ name: 'scan', selection: { kind: 'all' } }), deps);
    server.reset();
    await runWorkerJob(job({ name: 'posture', framework: 'cis-kubernetes-1.12' }), deps);
    const [answer] = server.callsOf('response_url');
    const blocks = JSON.stringify(answer.body.blocks);
    // Only cluster-admin ran: 5.1.1 fails, every other control it does not judge is unknown, none passes.
    expect(blocks).toMatch(
      /\*Posture: CIS Kubernetes Benchmark 1\.12\* \(controls at each scope's last scan\)\\n• `nightly` \(all but sections [^)]*\): 0 pass, 1 fail, \d+ unknown \(of \d+ automated\)"/,
    );
    expect(blocks).not.toContain('NSA/CISA');
    expect(String(answer.body.text)).toMatch(
      /^Compliance posture of 1 scope\(s\)\. Controls: CIS Kubernetes Benchmark 1\.12 1 fail, \d+ unknown\.$/,
    );
  });

  it('answers posture with "not recorded" where the counts are not kept, never zero', async () => {
    const { deps } = setup();
    await runWorkerJob(job({ name: 'scan', selection: { kind: 'all' } }), deps);
    server.reset();
    await runWorkerJob(job({ name: 'posture' }), deps);
    const blocks = JSON.stringify(server.callsOf('response_url')[0].body.blocks);
    expect(blocks).toContain('*Posture per framework not recorded* for `nightly`');
    expect(blocks).not.toMatch(/\d+ pass/);
  });

  it('answers diff with the regression of the latest scan', async () => {
    const { deps, roles } = setup();
    await runWorkerJob(job({ name: 'scan', selection: { kind: 'all' } }), deps);
    roles.value = ['ok', 'wild-9'];
    await runWorkerJob(job({ name: 'scan', selection: { kind: 'all' } }), deps);
    server.reset();
    await runWorkerJob(job({ name: 'diff' }), deps);
    expect(String(server.callsOf('response_url')[0].body.text)).toMatch(/^1 regression in nightly/);
  });

  it('records a waiver for an open finding and confirms it in the channel', async () => {
    const { deps, roles, stores } = setup();
    roles.value = ['wild-1'];
    const [scan] = await deps.scan({ kind: 'all' });
    if (!('snapshot' in scan)) throw new Error(scan.error);
    const fp = scan.snapshot.results.find((r) => r.status === 'fail')!.fingerprint;
    const out = await runWorkerJob(job({ name: 'waive', fingerprint: fp, days: 30, reason: 'vendor fix due' }), deps);
    expect(out).toMatchObject({ status: 'done', via: 'response_url' });
    const waivers = await stores.waivers.list();
    expect(waivers).toEqual([
      expect.objectContaining({
        fingerprint: fp,
        reason: 'vendor fix due',
        createdBy: 'slack:UALICE',
        checkId: wildcardCheck.id,
        target: 'prod-eu',
        expires: new Date(deps.now() + 30 * 86_400_000).toISOString(),
      }),
    ]);
    expect(server.callsOf('response_url')[0].body).toMatchObject({
      response_type: 'in_channel',
      text: expect.stringContaining('waived'),
    });
  });

  it('waives the one open finding a fingerprint prefix names, under its whole fingerprint', async () => {
    const { deps, roles, stores } = setup();
    roles.value = ['wild-1'];
    const [scan] = await deps.scan({ kind: 'all' });
    if (!('snapshot' in scan)) throw new Error(scan.error);
    const fp = scan.snapshot.results.find((r) => r.status === 'fail')!.fingerprint;
    await runWorkerJob(job({ name: 'waive', fingerprint: fp.slice(0, 10), days: 30, reason: 'vendor fix due' }), deps);
    expect((await stores.waivers.list()).map((w) => w.fingerprint)).toEqual([fp]);
    expect(String(server.callsOf('response_url')[0].body.text)).toContain(`on prod-eu (${fp}) for 30 days`);
  });

  it('waives nothing and names the candidates when a fingerprint prefix matches several open findings', async () => {
    const { deps, roles, stores } = setup();
    roles.value = ['wild-1', 'wild-2'];
    const [scan] = await deps.scan({ kind: 'all' });
    if (!('snapshot' in scan)) throw new Error(scan.error);
    const failing = scan.snapshot.results.filter((r) => r.status === 'fail');
    expect(failing.length).toBeGreaterThan(1);
    // Every fingerprint starts with its own characters: make the prefix ambiguous by making two share it.
    const shared = failing[0].fingerprint.slice(0, 6);
    failing[1].fingerprint = shared + failing[1].fingerprint.slice(6);
    deps.snapshots.latest = async () => ({ key: 'k', snapshot: scan.snapshot }) as never;
    const out = await runWorkerJob(
      job({ name: 'waive', fingerprint: shared, days: 30, reason: 'vendor fix due' }),
      deps,
    );
    expect(out).toMatchObject({ status: 'done' });
    expect(await stores.waivers.list()).toEqual([]);
    const text = String(server.callsOf('response_url')[0].body.text);
    expect(text).toContain(`${shared} matches 2 open findings; give more characters`);
    expect(text).toContain(failing[0].fingerprint);
    expect(text).toContain(failing[1].fingerprint);
    expect(text).toContain('Nothing was waived.');
  });

  it("answers who-can from the clusters' RBAC", async () => {
    const { deps } = setup();
    deps.collectRbac = async () => [
      {
        cluster: 'prod-eu',
        rbac: {
          ok: true,
          value: {
            roles: [
              {
                kind: 'ClusterRole',
                name: 'secret-reader',
                labels: {},
                rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }],
              },
              {
                kind: 'ClusterRole',
                name: 'system:kube-controller-manager',
                labels: {},
                rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }],
              },
            ],
            bindings: [
              {
                kind: 'ClusterRoleBinding',
                name: 'b',
                labels: {},
                roleRef: { kind: 'ClusterRole', name: 'secret-reader' },
                subjects: [{ kind: 'User', name: 'mallory' }],
              },
              {
                kind: 'ClusterRoleBinding',
                name: 'system:kube-controller-manager',
                labels: {},
                roleRef: { kind: 'ClusterRole', name: 'system:kube-controller-manager' },
                subjects: [{ kind: 'User', name: 'system:kube-controller-manager' }],
              },
              {
                kind: 'ClusterRoleBinding',
                name: 'system:node-helper',
                labels: { 'kubernetes.io/bootstrapping': 'rbac-defaults' } as Record<string, string>,
                roleRef: { kind: 'ClusterRole', name: 'secret-reader' },
                subjects: [{ kind: 'Group', name: 'system:nodes' }],
              },
            ],
          },
        },
      },
      { cluster: 'staging', rbac: { ok: false, reason: 'forbidden' } },
    ];
    await runWorkerJob(job({ name: 'who-can', verb: 'get', resource: 'secrets' }), deps);
    const text = JSON.stringify(server.callsOf('response_url')[0].body);
    expect(text).toContain('mallory');
    // Built-in subjects are listed and marked; one that only looks built-in (label, system: name) is not marked.
    expect(text).toContain('User system:kube-controller-manager cluster-wide _(built-in)_');
    expect(text).toMatch(/Group system:nodes cluster-wide(?! _\(built-in\)_)/);
    expect(text).toContain('*staging*: could not read RBAC: forbidden.');
  });

  it('answers only the requester by default (slack.answers: ephemeral), long answers by direct message', async () => {
    const { deps, roles } = setup();
    deps.config = ephemeralConfig;
    await runWorkerJob(job({ name: 'scan', selection: { kind: 'all' } }), deps);
    expect(server.callsOf('response_url')[0].body).toMatchObject({ response_type: 'ephemeral' });
    roles.value = Array.from({ length: 400 }, (_, i) => `wild-${i}`);
    server.reset();
    await runWorkerJob(job({ name: 'scan', selection: { kind: 'all' } }), deps);
    const posts = server.callsOf('chat.postMessage');
    expect(posts.length).toBeGreaterThan(5);
    expect(posts.every((p) => p.body.channel === 'UALICE')).toBe(true);
  });

  it('drops an invalid job without answering (a retry cannot fix it)', async () => {
    const { deps } = setup();
    expect(
      await runWorkerJob(
        { v: 1, id: 'x', command: { name: 'scan', selection: { kind: 'cluster', name: '../../etc' } } },
        deps,
      ),
    ).toMatchObject({ status: 'invalid' });
    expect(await runWorkerJob('rm -rf /', deps)).toMatchObject({ status: 'invalid' });
    expect(server.calls).toHaveLength(0);
  });

  it('answers the scopes that were scanned and names the one that could not be, with its reason', async () => {
    const { deps, roles } = setup();
    roles.value = ['wild-1'];
    const scanned = await realScan(setup().stores, roles)({ kind: 'all' });
    deps.scan = async () => [...scanned, { scope: 'nightly/cluster/staging', error: 'AccessDenied: _snapshots/' }];
    await runWorkerJob(job({ name: 'scan', selection: { kind: 'all' } }), deps);
    const texts = server.callsOf('response_url').map((c) => JSON.stringify(c.body));
    expect(texts[0]).toMatch(/Baseline for nightly: 1 failing finding/);
    expect(texts.at(-1)).toContain('Not scanned: nightly/cluster/staging: AccessDenied: _snapshots/');

    server.reset();
    deps.scan = async () => [{ scope: 'nightly/cluster/staging', error: 'AccessDenied' }];
    await runWorkerJob(job({ name: 'scan', selection: { kind: 'all' } }), deps);
    expect(JSON.stringify(server.callsOf('response_url')[0].body)).toContain(
      'The scan could not run: nightly/cluster/staging: AccessDenied.',
    );
  });

  it('runs a job delivered twice once', async () => {
    const { deps } = setup();
    const j = job({ name: 'status' });
    const outs = await Promise.all([runWorkerJob(j, deps), runWorkerJob(j, deps)]);
    expect(outs.map((o) => o.status).sort()).toEqual(['done', 'duplicate']);
    expect(server.callsOf('response_url')).toHaveLength(1);
  });
});

describe('Function: accessQuery', () => {
  it('splits group and subresource', () => {
    expect(accessQuery('create', 'pods/exec', 'prod')).toEqual({
      verb: 'create',
      group: '',
      resource: 'pods',
      subresource: 'exec',
      namespace: 'prod',
    });
    expect(accessQuery('get', 'deployments.apps')).toEqual({ verb: 'get', group: 'apps', resource: 'deployments' });
    expect(accessQuery('*', '*')).toEqual({ verb: '*', group: '*', resource: '*' });
    expect(accessQuery('update', 'deployments/scale')).toEqual({
      verb: 'update',
      group: 'apps',
      resource: 'deployments',
      subresource: 'scale',
    });
    expect(accessQuery('get', 'apps/deployments')).toEqual({ verb: 'get', group: 'apps', resource: 'deployments' });
  });
});
