/**
 * A chat.postMessage that Slack performs but answers after the client's timeout: the real notifyScan() over a real
 * scan, local delivery markers, the local Slack API server behind a proxy on 127.0.0.1 that holds Slack's answer
 * until the client has given up (Slack posted) or swallows the request (Slack never saw it). Each part carries
 * message metadata and an uncertain attempt is looked for in the channel before anything is sent again. Duplicate
 * and dropped posts are counted from the channel against the scan's regressions (support/posts.ts), false
 * resolutions by the oracle, lost snapshots from the store.
 */
import { rmSync } from 'node:fs';
import { parseConfig } from '../../src/config/load';
import type { Config } from '../../src/config/schema';
import { runScan, type ScanResponse } from '../../src/scan/run-scan';
import { createWebClient } from '../../src/slack/delivery';
import { notifyScan } from '../../src/slack/notify';
import { LocalMarkerStore, type MarkerStore } from '../../src/store/markers';
import { openStores, type Stores } from '../../src/store/open';
import { LocalSlackServer } from '../slack/server';
import { BOT_TOKEN, configYaml, fakeCluster, wildcardCheck } from '../slack/support';
import { DropProxy } from './support/drop-proxy';
import { tempDir } from './support/invariants';
import { record } from './support/ledger';
import { lostSnapshots, Oracle } from './support/oracle';
import { countPosts } from './support/posts';
import { SlowProxy } from './support/slow-proxy';

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
  slack.tsSeconds = () => Math.floor(Date.now() / 1000);
  dir = tempDir();
  config = parseConfig(configYaml(dir));
  stores = openStores(config.store);
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A baseline scan, then one with `n` regressions: what the nightly run would post. */
async function regressedScan(n: number) {
  const roles = { value: ['ok'] };
  const scan = (store: Stores['snapshots'] | null = stores.snapshots) =>
    runScan({
      scope: 'timeout',
      trigger: 'test',
      collectors: [fakeCluster('prod-eu', roles)],
      checks: [wildcardCheck],
      store,
    });
  const first = await scan();
  roles.value = ['ok', ...Array.from({ length: n }, (_, i) => `wild-${String(i).padStart(3, '0')}`)];
  const second = await scan();
  const reference = await scan(null);
  return Object.assign(second, { first, truth: new Oracle([wildcardCheck]).knowWorld(reference.snapshot.results) });
}

/** The scenario's counts, from the store, the channel and the oracle. */
async function measure(second: ScanResponse & { first: ScanResponse; truth: Oracle }) {
  const m = {
    snapshotsLost: lostSnapshots(
      [second.first.snapshot.scanId, second.snapshot.scanId],
      await stores.snapshots.list('timeout'),
    ),
    falseResolved: second.truth.falseResolutions(second.diff).length,
    ...countPosts(slack.messages, config.slack?.channel ?? 'no channel configured', second.diff),
  };
  expect([m.snapshotsLost, m.falseResolved, m.droppedPosts, m.duplicatePosts]).toEqual([0, 0, 0, 0]);
  return m;
}

const upstream = () => `http://127.0.0.1:${slack.port}`;
const deps = (apiUrl: string, markers: MarkerStore = new LocalMarkerStore(dir)) => ({
  // Held and swallowed requests are never answered: the timeout fires whatever the load, and is long enough
  // for an answer that does come.
  web: createWebClient(BOT_TOKEN, { slackApiUrl: apiUrl, timeoutMs: 2_000 }),
  markers,
  slack: config.slack!,
  remediationOf: () => 'Fix it.',
});

describe('Scenario: Slack answers chat.postMessage after the client timeout', () => {
  it('posts the report once when Slack posted before the timeout fired', async () => {
    const proxy = await new SlowProxy(upstream()).start();
    try {
      const second = await regressedScan(1);
      proxy.hold.set('chat.postMessage', { times: 1 });
      const out = await notifyScan(deps(proxy.apiUrl), second.snapshot, second.diff);
      expect(out).toMatchObject({ status: 'posted', recovered: 1 });
      expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
      expect(slack.messages).toHaveLength(1);
      record({
        area: 'Slack',
        scenario: 'chat.postMessage posted by Slack, answered after the client timeout',
        outcome: 'found by its metadata in conversations.history; recorded, not posted again',
        ...(await measure(second)),
      });
    } finally {
      await proxy.stop();
    }
  });

  it('posts the report once on the retry when the timed-out request never reached Slack', async () => {
    const proxy = await new DropProxy(upstream()).start();
    try {
      const second = await regressedScan(2);
      proxy.drop = 1;
      const out = await notifyScan(deps(proxy.apiUrl), second.snapshot, second.diff);
      expect(out).toMatchObject({ status: 'posted' });
      expect(slack.messages).toHaveLength(1);
      expect(String(slack.messages[0].text)).toMatch(/2 regressions/);
      record({
        area: 'Slack',
        scenario: 'chat.postMessage lost before Slack (no answer, client timeout)',
        outcome: 'not in the channel; posted once on the checked retry',
        ...(await measure(second)),
      });
    } finally {
      await proxy.stop();
    }
  });

  it('does not post again when the invocation died after Slack posted, before the post was recorded', async () => {
    const second = await regressedScan(3);
    const markers = new LocalMarkerStore(dir);
    // Recording the posted part fails (the invocation's end): notifyScan throws, Lambda retries the whole run.
    let failOnce = true;
    const dying: MarkerStore = {
      get: (k) => markers.get(k),
      remove: (k) => markers.remove(k),
      create: async (k, b) => {
        if (failOnce && /\/part-\d{4}$/.test(k)) {
          failOnce = false;
          throw new Error('Task timed out after 900.00 seconds');
        }
        return markers.create(k, b);
      },
    };
    await expect(notifyScan(deps(slack.apiUrl, dying), second.snapshot, second.diff)).rejects.toThrow(/timed out/);
    expect(slack.messages).toHaveLength(1);
    const retry = await notifyScan(deps(slack.apiUrl, markers), second.snapshot, second.diff);
    expect(retry).toMatchObject({ status: 'posted', recovered: 1 });
    expect(slack.callsOf('chat.postMessage')).toHaveLength(1);
    expect(await notifyScan(deps(slack.apiUrl, markers), second.snapshot, second.diff)).toEqual({
      status: 'duplicate',
      why: 'done',
    });
    record({
      area: 'Slack',
      scenario: 'post landed, the invocation died before recording it, Lambda retries the run',
      outcome: 'the try marker without a post sent the retry to conversations.history: found, not posted again',
      ...(await measure(second)),
    });
  });

  it('falls back to posting with a warning when the history lookup is refused (missing scope)', async () => {
    const proxy = await new DropProxy(upstream()).start();
    try {
      const second = await regressedScan(1);
      proxy.drop = 1;
      slack.fail('conversations.history', { status: 200, body: { ok: false, error: 'missing_scope' } });
      const out = await notifyScan(deps(proxy.apiUrl), second.snapshot, second.diff);
      expect(out).toMatchObject({ status: 'posted' });
      const warnings = out.status === 'posted' ? (out.warnings ?? []) : [];
      expect(warnings).toHaveLength(1);
      expect(warnings[0]).toMatch(/conversations\.history: missing_scope.*channels:history and groups:history/);
      expect(slack.messages).toHaveLength(1);
      record({
        area: 'Slack',
        scenario: 'post timed out and conversations.history answers missing_scope',
        outcome: 'warned (names the scopes to grant) and posted again; no crash',
        ...(await measure(second)),
      });
    } finally {
      await proxy.stop();
    }
  });
});
