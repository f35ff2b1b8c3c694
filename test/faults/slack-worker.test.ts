/**
 * The Slack handler and the worker under duplicate deliveries and failed answers, and the concurrency scenario:
 * the nightly scan and three Slack scans of the same scope at once. Everything real from the Lambda event on:
 * handlers/slack.ts (signed requests, Bolt), handlers/scan-worker.ts (runScan over the manifests collector, every
 * check, the local store, delivery markers), handlers/nightly-scan.ts, and the local Slack API server over HTTP.
 * Every scan diffs against a stored baseline; answers and posts are counted against the regressions the real
 * compare() finds (support/posts.ts), false resolutions by the oracle against a reference scan of the manifests.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { stringify } from 'yaml';
import { checks as allChecks } from '../../checks';
import { createNightlyHandler, type NightlyDeps, planNightly } from '../../handlers/nightly-scan';
import { buildWorker } from '../../handlers/scan-worker';
import { resetForTests, handler as slackHandler } from '../../handlers/slack';
import { configuredChecks } from '../../src/app/checks';
import { createLogger } from '../../src/aws/logger';
import { createMetrics } from '../../src/aws/metrics';
import { parseConfig } from '../../src/config/load';
import { compare } from '../../src/core/diff';
import type { Diff } from '../../src/core/model';
import { runScan } from '../../src/scan/run-scan';
import { collectorsFor } from '../../src/scan/targets';
import { slackPublisher } from '../../src/slack/publish';
import { openStores } from '../../src/store/open';
import { FIXTURE_OBJECTS } from '../k8s/fixture-cluster';
import { LocalSlackServer, type RecordedCall } from '../slack/server';
import { SIGNING_SECRET, signedEvent, slashCommandBody } from '../slack/signing';
import { BOT_TOKEN } from '../slack/support';
import { tempDir } from './support/invariants';
import { record } from './support/ledger';
import { Oracle } from './support/oracle';
import { countPosts, type PostedMessage, storedDiff } from './support/posts';

const ssm = mockClient(SSMClient);
const lambda = mockClient(LambdaClient);
const slack = new LocalSlackServer();
const saved = { ...process.env };
let dir: string;
/** The scope of cluster prod-eu, as the nightly plan (and the worker) name it. */
let SCOPE = '';

const WILD = [
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRole',
    metadata: { name: 'wild-extra' },
    rules: [{ apiGroups: ['*'], resources: ['*'], verbs: ['*'] }],
  },
  {
    apiVersion: 'rbac.authorization.k8s.io/v1',
    kind: 'ClusterRoleBinding',
    metadata: { name: 'wild-extra' },
    roleRef: { apiGroup: 'rbac.authorization.k8s.io', kind: 'ClusterRole', name: 'wild-extra' },
    subjects: [{ apiGroup: 'rbac.authorization.k8s.io', kind: 'User', name: 'mallory' }],
  },
];

function writeCluster(extra: unknown[] = []) {
  const d = join(dir, 'manifests', 'prod-eu');
  mkdirSync(d, { recursive: true });
  writeFileSync(
    join(d, 'dump.yaml'),
    stringify({ apiVersion: 'v1', kind: 'List', items: [...FIXTURE_OBJECTS, ...extra] }),
  );
}

function configText(): string {
  return `
scope: nightly
store: { type: local, dir: ${JSON.stringify(dir)} }
clusters:
  - name: prod-eu
    manifests: ${JSON.stringify(join(dir, 'manifests', 'prod-eu'))}
slack:
  channel: CALERTS
  allClear: false
  minSeverity: low
  allow:
    scan: { channels: [CSECOPS], users: [UBOB], userGroups: [] }
    waive: { channels: [], users: [UALICE], userGroups: [] }
`;
}

beforeAll(async () => {
  await slack.start();
});
afterAll(async () => {
  await slack.stop();
  process.env = saved;
});
beforeEach(() => {
  dir = tempDir();
  writeCluster();
  slack.reset();
  ssm.reset();
  lambda.reset();
  ssm
    .on(GetParameterCommand, { Name: '/compliance-bot/slack/bot-token' })
    .resolves({ Parameter: { Value: BOT_TOKEN } });
  ssm
    .on(GetParameterCommand, { Name: '/compliance-bot/slack/signing-secret' })
    .resolves({ Parameter: { Value: SIGNING_SECRET } });
  lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
  Object.assign(process.env, {
    COMPLIANCE_BOT_CONFIG: configText(),
    SCAN_WORKER_FUNCTION: 'compliance-bot-scan-worker',
    SLACK_BOT_ID: 'BBOT',
    SLACK_BOT_USER_ID: 'UBOT',
    SLACK_API_URL: slack.apiUrl,
    SLACK_RESPONSE_URL_PREFIXES: `http://127.0.0.1:${slack.port}/response/`,
    LOG_LEVEL: 'silent',
  });
  resetForTests();
  SCOPE = planNightly(parseConfig(configText()), () => []).find((p) => p.scope.includes('prod-eu'))!.scope;
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const job = (id: string) => ({
  v: 1,
  id,
  command: { name: 'scan', selection: { kind: 'cluster', name: 'prod-eu' } },
  userId: 'UBOB',
  channelId: 'CSECOPS',
  responseUrl: slack.responseUrl(id),
  requestedAt: Date.now(),
});

const answersTo = (id: string): RecordedCall[] =>
  slack.callsOf('response_url').filter((c) => c.path === `/response/${id}`);
const quietLogger = () => createLogger({}, () => {});

async function worker() {
  return buildWorker(process.env, { ssm: new SSMClient({}) });
}

/** The truth about the manifests as they are now: a reference scan through the same collectors, not stored. */
async function oracleNow(): Promise<Oracle> {
  const config = parseConfig(configText());
  const checks = configuredChecks(allChecks, config);
  const reference = await runScan({
    scope: 'reference',
    trigger: 'test',
    collectors: collectorsFor(config, { kind: 'cluster', name: 'prod-eu' }, {}),
    checks,
    store: null,
  });
  return new Oracle(checks).knowWorld(reference.snapshot.results);
}

const stored = () => openStores({ type: 'local', dir }).snapshots;
/** Scans that should be in the store and are not (each scan stores a snapshot with its own ID). */
async function snapshotsLost(expected: number): Promise<number> {
  const ids = new Set((await stored().list(SCOPE)).map((r) => r.scanId));
  return Math.max(0, expected - ids.size);
}
/** Answers given through a response_url, as messages of one "channel" (the requester). */
const asMessages = (calls: RecordedCall[]): PostedMessage[] =>
  calls.map((c) => ({ channel: 'requester', text: c.body.text, blocks: c.body.blocks }));
/** Each answer must carry every regression the diff found: dropped and duplicated findings, counted. */
const answerCounts = (calls: RecordedCall[], diff: Diff) => countPosts(asMessages(calls), 'requester', diff);

describe('Scenario: the same slash command delivered twice (X-Slack-Retry-Num)', () => {
  it('starts one worker job whether the retry arrives after the first answer or while it runs', async () => {
    const body = slashCommandBody({
      text: 'scan cluster prod-eu',
      response_url: slack.responseUrl('s1'),
      trigger_id: 'trig-dup-1',
      user_id: 'UBOB',
    });
    const call = (e: unknown) => slackHandler(e as never, {} as never) as Promise<{ statusCode: number; body: string }>;
    const [a, b] = await Promise.all([call(signedEvent(body)), call(signedEvent(body, { retryNum: 1 }))]);
    const c = await call(signedEvent(body, { retryNum: 2 }));
    for (const r of [a, b, c]) expect(r.statusCode).toBe(200);
    const invoked = lambda.commandCalls(InvokeCommand);
    expect(invoked).toHaveLength(1);
    record({
      area: 'Slack',
      scenario: 'slash command delivered 3 times (retry during and after the first)',
      outcome: 'every delivery acked 200; one worker job started',
      duplicatePosts: Math.max(0, invoked.length - 1),
      droppedPosts: Math.max(0, 1 - invoked.length),
    });
  });
});

describe("Scenario: the worker's asynchronous event delivered twice", () => {
  it('answers once when both deliveries run at the same time, and once when the second comes later', async () => {
    const run = await worker();
    expect(await run(job('base-0'))).toMatchObject({ status: 'done' });
    writeCluster(WILD);
    const j = job('twice-1');
    const outs = await Promise.all([run(j), run(j)]);
    const statuses = outs.map((o) => o.status).sort();
    expect(statuses).toEqual(['done', 'duplicate']);
    expect(await run(j)).toEqual({ status: 'duplicate', why: 'done' });
    const answers = answersTo('twice-1');
    expect(answers).toHaveLength(1);
    expect((await stored().list(SCOPE)).length).toBe(2);
    const diff = await storedDiff(stored(), SCOPE);
    expect(diff.regressions.length).toBeGreaterThan(0);
    const m = {
      snapshotsLost: await snapshotsLost(2),
      falseResolved: (await oracleNow()).falseResolutions(diff).length,
      ...answerCounts(answers, diff),
    };
    expect([m.snapshotsLost, m.falseResolved, m.droppedPosts, m.duplicatePosts]).toEqual([0, 0, 0, 0]);
    record({
      area: 'Slack',
      scenario: 'worker event delivered twice at once, then a third time',
      outcome: 'one scan, one snapshot, one answer with every regression; the others skipped (in-progress, done)',
      ...m,
    });
  });
});

describe('Scenario: the worker could not deliver its answer, and Lambda retries', () => {
  it('delivers the regression it found on the retry instead of a report that no longer shows it', async () => {
    const run = await worker();
    expect(await run(job('base-1'))).toMatchObject({ status: 'done' });
    writeCluster(WILD);
    const j = job('regress-1');
    // Every use of the response_url fails on the first delivery (4 attempts).
    for (let i = 0; i < 4; i++) slack.fail('response_url', { status: 500 });
    await expect(run(j)).rejects.toThrow(/response_url failed: HTTP 500/);
    const retried = await run(j);
    expect(retried).toMatchObject({ status: 'done' });
    const ok = answersTo('regress-1').slice(4);
    expect(ok).toHaveLength(1);
    const text = String(ok[0].body.text);
    expect(text).toMatch(/^\d+ regressions? in /);
    expect(text).toContain(SCOPE);
    expect(JSON.stringify(ok[0].body.blocks)).toContain('wild-extra');
    const diff = await storedDiff(stored(), SCOPE);
    const m = {
      snapshotsLost: await snapshotsLost(2),
      falseResolved: (await oracleNow()).falseResolutions(diff).length,
      ...answerCounts(ok, diff),
    };
    expect([m.snapshotsLost, m.falseResolved, m.droppedPosts, m.duplicatePosts]).toEqual([0, 0, 0, 0]);
    record({
      area: 'Slack',
      scenario: 'response_url fails (HTTP 500 x4), then Lambda retries the worker',
      outcome: 'failure raised; the retry delivers the same answer, every regression included',
      ...m,
    });
  });
});

describe('Scenario: an answer of several messages through response_url fails half-way, and Lambda retries', () => {
  it('sends the messages not yet delivered, without repeating the first', async () => {
    const run = await worker();
    expect(await run(job('base-2'))).toMatchObject({ status: 'done' });
    const many = Array.from({ length: 45 }, (_, i) =>
      WILD.map((o) => ({
        ...o,
        metadata: { name: `wild-${i}` },
        ...('roleRef' in o ? { roleRef: { ...o.roleRef, name: `wild-${i}` } } : {}),
      })),
    ).flat();
    writeCluster(many);
    const j = job('parts-1');
    // The first message goes through; every attempt at the second fails (4 attempts).
    slack.fail('response_url', { status: 200, body: { ok: true } });
    for (let i = 0; i < 4; i++) slack.fail('response_url', { status: 500 });
    const first = await run(j).catch((err: unknown) => err);
    const sentBefore = answersTo('parts-1');
    if (!(first instanceof Error)) {
      // A single-message answer would not exercise this: make the test say so.
      throw new Error(`expected the answer to need several messages; got ${JSON.stringify(first)}`);
    }
    expect(sentBefore.length).toBeGreaterThan(0);
    const retried = await run(j);
    expect(retried).toMatchObject({ status: 'done', via: 'response_url' });
    // Calls 2 to 5 were the refused attempts at the second message.
    const ok = answersTo('parts-1').filter((_, i) => i < 1 || i > 4);
    expect(ok.length).toBe((retried as { messages: number }).messages);
    const diff = await storedDiff(stored(), SCOPE);
    const m = {
      snapshotsLost: await snapshotsLost(2),
      falseResolved: (await oracleNow()).falseResolutions(diff).length,
      ...answerCounts(ok, diff),
    };
    expect([m.snapshotsLost, m.falseResolved, m.droppedPosts, m.duplicatePosts]).toEqual([0, 0, 0, 0]);
    record({
      area: 'Slack',
      scenario: 'several-message answer through response_url fails at message 2, then Lambda retries',
      outcome: `the retry sent the ${ok.length - 1} undelivered messages; the first was not repeated`,
      ...m,
    });
  });
});

describe('Scenario: the nightly scan and three Slack scans of the same scope at once', () => {
  it('stores four snapshots once each, posts the regressions to the channel once and answers each requester once', async () => {
    const config = parseConfig(configText());
    const stores = openStores(config.store);
    const checks = configuredChecks(allChecks, config);
    const nightlyDeps: NightlyDeps = {
      config,
      checks,
      collectors: (c, selection) => collectorsFor(c, selection, {}),
      stores,
      publish: slackPublisher(config, {
        token: async () => BOT_TOKEN,
        slackApiUrl: slack.apiUrl,
        remediationOf: (id) => allChecks.find((c) => c.id === id)?.remediation,
      }),
      logger: quietLogger(),
      metrics: createMetrics({ namespace: 'ComplianceBot', stage: 'test', detail: 'scope' }, () => {}),
    };
    const nightly = createNightlyHandler(async () => nightlyDeps, quietLogger());
    await nightly({ scopes: [SCOPE] });
    const base = await stores.snapshots.latest(SCOPE);
    expect(base).not.toBeNull();
    writeCluster(WILD);
    slack.reset();

    const run = await worker();
    const jobs = ['c-1', 'c-2', 'c-3'].map(job);
    const [night, ...answers] = await Promise.all([nightly({ scopes: [SCOPE] }), ...jobs.map((j) => run(j))]);
    expect(night.scopes[0].error).toBeUndefined();
    expect(night.scopes[0].regressions).toBeGreaterThan(0);
    for (const a of answers) expect(a).toMatchObject({ status: 'done', via: 'response_url' });

    // Each scan stored exactly once: the baseline plus four.
    const refs = await stores.snapshots.list(SCOPE);
    expect(refs).toHaveLength(5);
    expect(new Set(refs.map((r) => r.scanId)).size).toBe(5);
    // Each scan's diff, recomputed from what it stored against the baseline: the oracle judges every resolution.
    const oracle = await oracleNow();
    let falseResolved = 0;
    let nightlyDiff: Diff | null = null;
    for (const ref of refs.slice(1)) {
      const s = (await stores.snapshots.get(ref)).snapshot;
      expect(s.targets.map((t) => t.name)).toEqual(['prod-eu']);
      const d = compare(base!.snapshot, s, [], new Date(s.startedAt)).diff;
      expect(d.regressions.length).toBeGreaterThan(0);
      falseResolved += oracle.falseResolutions(d).length;
      if (s.scanId === night.scopes[0].scanId) nightlyDiff = d;
    }
    expect(falseResolved).toBe(0);
    // The channel got the nightly's regressions once; each requester got one answer carrying them.
    const channel = slack.messages.filter((m) => m.channel === 'CALERTS');
    expect(channel.filter((m) => m.thread_ts === undefined)).toHaveLength(1);
    const posts = countPosts(channel, 'CALERTS', nightlyDiff!);
    const answerPosts = jobs.map((j) => answerCounts(answersTo(j.id), nightlyDiff!));
    for (const j of jobs) expect(answersTo(j.id)).toHaveLength(1);

    // A later nightly scan neither re-posts the same regressions nor resolves anything.
    const after = await nightly({ scopes: [SCOPE] });
    expect(after.scopes[0].regressions).toBe(0);
    const latest = await stores.snapshots.latest(SCOPE);
    const againTops = slack
      .callsOf('chat.postMessage')
      .filter((c) => c.body.channel === 'CALERTS' && c.body.thread_ts === undefined);
    expect(againTops).toHaveLength(1);
    expect(latest?.snapshot.scanId).toBe(after.scopes[0].scanId);
    const m = {
      snapshotsLost: await snapshotsLost(6),
      falseResolved,
      duplicatePosts: posts.duplicatePosts + answerPosts.reduce((n, a) => n + a.duplicatePosts, 0),
      droppedPosts: posts.droppedPosts + answerPosts.reduce((n, a) => n + a.droppedPosts, 0),
    };
    expect([m.snapshotsLost, m.falseResolved, m.droppedPosts, m.duplicatePosts]).toEqual([0, 0, 0, 0]);
    record({
      area: 'Concurrency',
      scenario: 'nightly + three Slack scans of one scope at once',
      outcome: '4 snapshots stored once each; 1 channel post; 3 answers; next nightly posts nothing new',
      ...m,
    });
  });
});
