/**
 * Slack faults through the real handlers and the local Slack API server (HTTP, 127.0.0.1): the nightly handler
 * (runScan, then the Slack publisher with delivery markers, then the store) under 429 with Retry-After, 5xx, a
 * failure half-way through a threaded report followed by Lambda's retry, and a timeout whose post landed; the
 * Slack handler given the same slash command twice (X-Slack-Retry-Num); the worker given the same asynchronous
 * event twice, at once and one after the other, and a worker whose answer could not be delivered, retried.
 * No message is posted twice, none is dropped.
 */
import { rmSync } from 'node:fs';
import { createNightlyHandler, type NightlyDeps, planNightly } from '../../handlers/nightly-scan';
import { createLogger } from '../../src/aws/logger';
import { createMetrics } from '../../src/aws/metrics';
import { slackPublisher } from '../../src/aws/publish';
import { parseConfig } from '../../src/config/load';
import type { Config } from '../../src/config/schema';
import type { TargetSelection } from '../../src/scan/targets';
import { openStores, type Stores } from '../../src/store/open';
import { LocalSlackServer, type RecordedCall } from '../slack/server';
import { BOT_TOKEN, configYaml, fakeCluster, wildcardCheck } from '../slack/support';
import { tempDir } from './support/invariants';
import { CLEAN, record } from './support/ledger';

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

/**
 * Duplicates among posts: a finding (its `finding_<fingerprint>` block) posted to the same channel more than once,
 * or a top-level report message whose text repeats one already posted there.
 */
function duplicates(calls: RecordedCall[]): number {
  const seen = new Set<string>();
  let dups = 0;
  for (const c of calls) {
    const blocks = (c.body.blocks as { block_id?: string }[] | undefined) ?? [];
    const keys = blocks.filter((b) => b.block_id?.startsWith('finding_')).map((b) => `${c.body.channel}:${b.block_id}`);
    if (c.body.thread_ts === undefined) keys.push(`${c.body.channel}:top:${c.body.text}`);
    for (const k of keys) {
      if (seen.has(k)) dups++;
      seen.add(k);
    }
  }
  return dups;
}

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
    return n;
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
    const posted = calls.slice(1);
    expect(String(posted[0].body.text)).toMatch(/3 regressions/);
    expect(duplicates(posted)).toBe(0);
    record({
      area: 'Slack',
      scenario: 'chat.postMessage answers 429 Retry-After: 1',
      outcome: 'waited, posted once, snapshot stored after the post',
      ...CLEAN,
      duplicatePosts: duplicates(posted),
    });
  });

  it('retries a 5xx and posts once', async () => {
    const roles = { value: ['ok'] };
    const n = await baseline(roles);
    roles.value = wild(2);
    fail('chat.postMessage', { status: 503 });
    const out = await n.run({ scopes: [n.scope] });
    expect(out.scopes[0].posted).toBe(true);
    const posted = slack.callsOf('chat.postMessage').slice(1);
    expect(posted).toHaveLength(1);
    record({
      area: 'Slack',
      scenario: 'chat.postMessage answers 503 once',
      outcome: 'channel history checked, then posted again; posted once',
      ...CLEAN,
      duplicatePosts: duplicates(posted),
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
    const posted = slack.callsOf('chat.postMessage').slice(1);
    expect(posted).toHaveLength(1);
    expect(await stores.snapshots.list(n.scope)).toHaveLength(2);
    record({
      area: 'Slack',
      scenario: 'post refused (ok:false), then Lambda retries the nightly scan',
      outcome: 'invocation failed, nothing stored; the retry posted once and stored',
      ...CLEAN,
      duplicatePosts: duplicates(posted),
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
    const posted = slack.callsOf('chat.postMessage');
    expect(posted).toHaveLength(1);
    expect(await stores.snapshots.list(n.scope)).toHaveLength(2);
    record({
      area: 'Slack',
      scenario: 'post landed, snapshot store failed, Lambda retries the nightly scan',
      outcome: 'invocation failed; the retry stored the snapshot and posted nothing twice',
      ...CLEAN,
      duplicatePosts: duplicates(posted),
    });
  });

  it('resumes a threaded report that failed half-way without posting its first parts again', async () => {
    const roles = { value: ['ok'] };
    const n = await baseline(roles);
    roles.value = wild(150);
    // Part 1 is posted; part 2 is refused; Lambda retries the invocation.
    slack.fail('chat.postMessage', { status: 200, body: { ok: true, channel: 'CALERTS', ts: '1700000001.000001' } });
    fail('chat.postMessage', { status: 200, body: { ok: false, error: 'fatal_error' } });
    await expect(n.run({ scopes: [n.scope] })).rejects.toThrow(/fatal_error/);
    const firstTry = slack.callsOf('chat.postMessage').length;
    expect(firstTry).toBe(2);
    await n.run({ scopes: [n.scope] });
    // The server records the refused call too (index 1): it posted nothing.
    const all = slack.callsOf('chat.postMessage').filter((_, i) => i !== 1);
    const parts = all.length;
    const tops = all.filter((c) => c.body.thread_ts === undefined);
    expect(tops).toHaveLength(1);
    expect(duplicates(all)).toBe(0);
    record({
      area: 'Slack',
      scenario: 'threaded report refused at part 2, then Lambda retries',
      outcome: `resumed at part 2 in the same thread (${parts} parts, none twice)`,
      ...CLEAN,
      duplicatePosts: duplicates(all),
    });
  });
});
