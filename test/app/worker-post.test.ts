/**
 * An on-demand scan (the Slack worker's `scan`) stores into the same snapshot series as the nightly scan, so its
 * snapshot is the next nightly baseline: a regression it finds must reach the alert channel, once, before the snapshot
 * is stored. Real parts: the manifests collector, the local store, the Slack SDK against the local Slack API server;
 * the bot token comes from a mocked SSM parameter.
 */
import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { buildRuntime, channelPublisher } from '../../src/app/runtime';
import { scanWith } from '../../src/app/worker';
import { createLogger } from '../../src/aws/logger';
import { openStores } from '../../src/store/open';
import { LocalSlackServer } from '../slack/server';

const DEMO_RBAC = join(__dirname, '../../examples/demo-cluster/rbac');
const TOKEN = 'xoxb-worker-post';
const silent = createLogger({}, () => {});
const ssm = mockClient(SSMClient);
const slack = new LocalSlackServer();
let work: string;

const config = (channel: boolean) => `
scope: od
store: { type: local, dir: ${JSON.stringify(join(work, 'store'))} }
clusters:
  - { name: prod, manifests: ${JSON.stringify(join(work, 'prod'))} }
${channel ? 'slack: { channel: CALERTS, allClear: false, minSeverity: low }' : ''}
`;

function runtime(channel = true) {
  return buildRuntime({ COMPLIANCE_BOT_CONFIG: config(channel), SLACK_API_URL: slack.apiUrl }, 'scan-worker', {
    ssm: new SSMClient({}),
    collectorDeps: { baseDir: work },
    logger: silent,
  });
}

const stored = async () => openStores({ type: 'local', dir: join(work, 'store') }).snapshots.list('od/cluster/prod');

function addClusterAdminBinding() {
  writeFileSync(
    join(work, 'prod', 'rbac', 'alice.yaml'),
    'apiVersion: rbac.authorization.k8s.io/v1\nkind: ClusterRoleBinding\nmetadata: { name: alice-admin }\n' +
      'roleRef: { apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: cluster-admin }\n' +
      'subjects: [{ apiGroup: rbac.authorization.k8s.io, kind: User, name: alice }]\n',
  );
}

beforeAll(() => slack.start());
afterAll(() => slack.stop());
beforeEach(() => {
  work = mkdtempSync(join(tmpdir(), 'worker-post-'));
  cpSync(DEMO_RBAC, join(work, 'prod', 'rbac'), { recursive: true });
  slack.reset();
  ssm.reset();
  ssm.on(GetParameterCommand, { Name: '/compliance-bot/slack/bot-token' }).resolves({ Parameter: { Value: TOKEN } });
});
afterEach(() => rmSync(work, { recursive: true, force: true }));

const channelPosts = () => slack.callsOf('chat.postMessage').filter((c) => c.body.channel === 'CALERTS');

describe('The Slack worker scan and the alert channel', () => {
  it('posts a regression found on demand to the alert channel before storing the snapshot', async () => {
    const rt = runtime();
    const first = await scanWith(rt)({ kind: 'all' });
    expect(first.every((s) => !('error' in s))).toBe(true);
    expect(await stored()).toHaveLength(1);
    const before = channelPosts().length;

    addClusterAdminBinding();
    const second = await scanWith(rt)({ kind: 'all' });
    expect(second.every((s) => !('error' in s))).toBe(true);
    const regressions = second.flatMap((s) => ('diff' in s ? s.diff.regressions : []));
    expect(JSON.stringify(regressions)).toContain('alice-admin');
    const posts = channelPosts().slice(before);
    expect(posts.length).toBeGreaterThan(0);
    expect(JSON.stringify(posts.map((p) => p.body))).toContain('alice');
    expect(await stored()).toHaveLength(2);
  }, 60_000);

  it('stores nothing when the post fails, so the next scan compares with the same baseline and posts again', async () => {
    const rt = runtime();
    await scanWith(rt)({ kind: 'all' });
    addClusterAdminBinding();
    for (let i = 0; i < 5; i++) slack.fail('chat.postMessage', { status: 500 });
    const failed = await scanWith(rt)({ kind: 'all' });
    expect(failed).toEqual([{ scope: 'od/cluster/prod', error: expect.any(String) }]);
    expect(await stored()).toHaveLength(1);

    const retried = await scanWith(rt)({ kind: 'all' });
    expect(retried.every((s) => !('error' in s))).toBe(true);
    expect(JSON.stringify(channelPosts().map((p) => p.body))).toContain('alice');
    expect(await stored()).toHaveLength(2);
  }, 60_000);

  it('posts nothing and still stores when no alert channel is configured', async () => {
    const rt = runtime(false);
    expect(channelPublisher(rt)).toBeNull();
    await scanWith(rt)({ kind: 'all' });
    addClusterAdminBinding();
    await scanWith(rt)({ kind: 'all' });
    expect(slack.callsOf('chat.postMessage')).toEqual([]);
    expect(await stored()).toHaveLength(2);
  }, 60_000);
});
