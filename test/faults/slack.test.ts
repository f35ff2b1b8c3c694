/**
 * Slack faults through the real handlers and the local Slack API server (HTTP, 127.0.0.1): the nightly handler
 * (runScan, then the Slack publisher with delivery markers, then the store) under 429 with Retry-After, 5xx, a
 * failure half-way through a threaded report followed by Lambda's retry, and a timeout whose post landed; the
 * Slack handler given the same slash command twice (X-Slack-Retry-Num); the worker given the same asynchronous
 * event twice, at once and one after the other, and a worker whose answer could not be delivered, retried.
 * No message is posted twice, none is dropped: both are counted from what reached the channel against the
 * regressions the real compare() finds between the stored snapshots (support/posts.ts); false resolutions are
 * counted by the oracle against a reference scan of the same roles, lost snapshots from the store.
 */
import { rmSync } from 'node:fs';
import { createNightlyHandler, type NightlyDeps, planNightly } from '../../handlers/nightly-scan';
import { createLogger } from '../../src/aws/logger';
import { createMetrics } from '../../src/aws/metrics';
import { parseConfig } from '../../src/config/load';
import type { Config } from '../../src/config/schema';
import { runScan } from '../../src/scan/run-scan';
import type { TargetSelection } from '../../src/scan/targets';
import { slackPublisher } from '../../src/slack/publish';
import { openStores, type Stores } from '../../src/store/open';
import { LocalSlackServer } from '../slack/server';
import { BOT_TOKEN, configYaml, fakeCluster, wildcardCheck } from '../slack/support';
import { tempDir } from './support/invariants';
import { record } from './support/ledger';
import { lostSnapshots, Oracle } from './support/oracle';
import { countPosts, type PostedMessage, storedDiff } from './support/posts';

const slack = new LocalSlackServer();
let dir: string;
let config: Config;
let stores: Stores;

beforeAll(async () => {
  await slack.start();
});
afterAll(async () => {
  await slack.stop();
});
beforeEach(() => {
  slack.reset();
  dir = tempDir();
  config = parseConfig(configYaml(dir));
  stores = openStores(config.store);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** Calls that Slack answered with a fault (the local server queued one): they posted nothing. */
let _faulted = 0;
function fail(method: string, fault: { status: number; retryAfter?: number; body?: unknown }, times = 1) {
  for (let i = 0; i < times; i++) slack.fail(method, fault);
  _faulted += times;
}

function nightly(roles: { value: string[] }, apiUrl = slack.apiUrl) {
  const logs: Record<string, unknown>[] = [];
  const deps: NightlyDeps = {
    config,
    checks: [wildcardCheck],
    collectors: (_c: Config, selection: TargetSelection) =>
      selection.kind === 'cluster' && selection.name === 'prod-eu' ? [fakeCluster('prod-eu', roles)] : [],
    stores,
    publish: slackPublisher(config, {
      token: async () => BOT_TOKEN,
      slackApiUrl: apiUrl,
      remediationOf: () => 'Replace "*" with the verbs and resources the role needs.',
    }),
    logger: createLogger({}, (l) => logs.push(JSON.parse(l))),
    metrics: createMetrics({ namespace: 'ComplianceBot', stage: 'test', detail: 'scope' }, () => {}),
  };
  // Named as the nightly plan names it (the Slack worker and the CLI use the same names).
  const scope = planNightly(config, () => []).find((p) => p.scope.includes('prod-eu'))!.scope;
  return { run: createNightlyHandler(async () => deps, deps.logger), logs, scope };
}

describe('Scenario: Slack faults on the nightly post', () => {
  const wild = (n: number) => ['ok', ...Array.from({ length: n }, (_, i) => `wild-${String(i).padStart(3, '0')}`)];

  async function baseline(roles: { value: string[] }) {
    const n = nightly(roles);
    const out = await n.run({ scopes: [n.scope] });
    expect(out.scopes[0].stored).not.toBeNull();
    slack.reset();
    _faulted = 0;
    return { ...n, baseId: out.scopes[0].scanId ?? '' };
  }

  /** The scenario's counts: from the store, the channel and the oracle, for the scans that returned. */
  async function measure(
    n: { scope: string },
    roles: { value: string[] },
    ran: (string | null)[],
    messages: readonly PostedMessage[] = slack.messages,
  ) {
    const diff = await storedDiff(stores.snapshots, n.scope);
    const reference = await runScan({
      scope: 'reference',
      trigger: 'test',
      collectors: [fakeCluster('prod-eu', { value: [...roles.value] })],
      checks: [wildcardCheck],
      store: null,
    });
    const oracle = new Oracle([wildcardCheck]).knowWorld(reference.snapshot.results);
    const m = {
      snapshotsLost: lostSnapshots(
        ran.map((id) => id ?? 'a scan that returned no ID'),
        await stores.snapshots.list(n.scope),
      ),
      falseResolved: oracle.falseResolutions(diff).length,
      ...countPosts(messages, 'CALERTS', diff),
    };
    expect(diff.regressions.length).toBeGreaterThan(0);
    expect([m.snapshotsLost, m.falseResolved, m.droppedPosts, m.duplicatePosts]).toEqual([0, 0, 0, 0]);
    return m;
  }

  it('waits out 429 with Retry-After and posts the regressions once', async () => {
    const roles = { value: ['ok'] };
    const n = await baseline(roles);
    roles.value = wild(3);
    fail('chat.postMessage', { status: 429, retryAfter: 1 });
    const out = await n.run({ scopes: [n.scope] });
    expect(out.scopes[0]).toMatchObject({ posted: true, regressions: 3 });
    const calls = slack.callsOf('chat.postMessage');
    expect(calls).toHaveLength(2);
    expect(String(slack.messages[0].text)).toMatch(/3 regressions/);
    record({
      area: 'Slack',
      scenario: 'chat.postMessage answers 429 Retry-After: 1',
      outcome: 'waited, posted once, snapshot stored after the post',
      ...(await measure(n, roles, [n.baseId, out.scopes[0].scanId])),
    });
  });

  it('retries a 5xx and posts once', async () => {
    const roles = { value: ['ok'] };
    const n = await baseline(roles);
    roles.value = wild(2);
    fail('chat.postMessage', { status: 503 });
    const out = await n.run({ scopes: [n.scope] });
    expect(out.scopes[0].posted).toBe(true);
    expect(slack.messages).toHaveLength(1);
    record({
      area: 'Slack',
      scenario: 'chat.postMessage answers 503 once',
      outcome: 'channel history checked, then posted again; posted once',
      ...(await measure(n, roles, [n.baseId, out.scopes[0].scanId])),
    });
  });

  it('raises a failed post so Lambda retries, stores nothing, and the retry posts once', async () => {
    const roles = { value: ['ok'] };
    const n = await baseline(roles);
    roles.value = wild(2);
    fail('chat.postMessage', { status: 200, body: { ok: false, error: 'fatal_error' } });
    await expect(n.run({ scopes: [n.scope] })).rejects.toThrow(/nightly scan: 1 of 1 scope\(s\) failed: .*fatal_error/);
    expect(await stores.snapshots.list(n.scope)).toHaveLength(1);
    const retry = await n.run({ scopes: [n.scope] });
    expect(retry.scopes[0]).toMatchObject({ posted: true, regressions: 2 });
    expect(slack.messages).toHaveLength(1);
    expect(await stores.snapshots.list(n.scope)).toHaveLength(2);
    record({
      area: 'Slack',
      scenario: 'post refused (ok:false), then Lambda retries the nightly scan',
      outcome: 'invocation failed, nothing stored; the retry posted once and stored',
      ...(await measure(n, roles, [n.baseId, retry.scopes[0].scanId])),
    });
  });

  it('does not post again when the post landed but storing the snapshot failed and Lambda retries', async () => {
    const roles = { value: ['ok'] };
    const n = await baseline(roles);
    roles.value = wild(2);
    const save = stores.snapshots.save.bind(stores.snapshots);
    let failSaves = 1;
    stores.snapshots.save = async (snap) => {
      if (failSaves-- > 0) throw new Error('S3 PutObject failed after 4 attempts: SlowDown');
      return save(snap);
    };
    await expect(n.run({ scopes: [n.scope] })).rejects.toThrow(/SlowDown/);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
    const retry = await n.run({ scopes: [n.scope] });
    expect(retry.scopes[0].stored).not.toBeNull();
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
    expect(await stores.snapshots.list(n.scope)).toHaveLength(2);
    record({
      area: 'Slack',
      scenario: 'post landed, snapshot store failed, Lambda retries the nightly scan',
      outcome: 'invocation failed; the retry stored the snapshot and posted nothing twice',
      ...(await measure(n, roles, [n.baseId, retry.scopes[0].scanId])),
    });
  });

  it('resumes a threaded report that failed half-way without posting its first parts again', async () => {
    const roles = { value: ['ok'] };
    const n = await baseline(roles);
    roles.value = wild(150);
    // Part 1 is accepted (the queued answer stands for Slack posting it); part 2 is refused; Lambda retries.
    slack.fail('chat.postMessage', { status: 200, body: { ok: true, channel: 'CALERTS', ts: '1700000001.000001' } });
    fail('chat.postMessage', { status: 200, body: { ok: false, error: 'fatal_error' } });
    await expect(n.run({ scopes: [n.scope] })).rejects.toThrow(/fatal_error/);
    const firstTry = slack.callsOf('chat.postMessage').length;
    expect(firstTry).toBe(2);
    const retry = await n.run({ scopes: [n.scope] });
    // What the channel shows: part 1 (accepted by the queued answer) and every post the server made; the refused
    // call (index 1) posted nothing.
    const shown = slack.callsOf('chat.postMessage').filter((_, i) => i < 1);
    const channel = [...shown.map((c) => c.body as unknown as PostedMessage), ...slack.messages];
    const parts = channel.length;
    expect(channel.filter((c) => c.thread_ts === undefined)).toHaveLength(1);
    record({
      area: 'Slack',
      scenario: 'threaded report refused at part 2, then Lambda retries',
      outcome: `resumed at part 2 in the same thread (${parts} parts, none twice)`,
      ...(await measure(n, roles, [n.baseId, retry.scopes[0].scanId], channel)),
    });
  });
});
