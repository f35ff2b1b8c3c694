/**
 * The packaged nightly run state machine, executed by aws-local-stepfunctions with every Task bound to the production
 * entry point (handlers/nightly-scan.ts `handler`), configured only through its environment and reaching only local
 * stand-ins over their real protocols: two clusters on test Kubernetes API servers (HTTPS, a real CA), an SSM host
 * group behind aws-sdk-client-mock printing the real probe's output, the snapshot store and delivery markers on s3rver
 * (S3 over HTTP), and Slack on the local Slack API. Each scenario counts what s3rver holds and what Slack received.
 *
 * The Lambda service around the handler is emulated (./lambda-emulation.ts): a 15-minute budget per invocation on a
 * virtual clock, answers and errors across Lambda's JSON boundary. Retry intervals are overridden to 0: nothing waits.
 * One package, one s3rver, one Slack server and one API server per cluster serve every scenario; each scenario has
 * its own store prefix and scope.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { ServerResponse } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { StateMachine } from 'aws-local-stepfunctions';
import { runProbe } from '../../src/collectors/host/local';
import type { Result } from '../../src/core/model';
import { shardOf } from '../../src/core/shard';
import { S3SnapshotStore } from '../../src/store/s3';
import { FIXTURE_OBJECTS } from '../k8s/fixture-cluster';
import { makeTestPki } from '../k8s-server/pki';
import { startTestApiServer, type TestApiServer } from '../k8s-server/server';
import { S3RVER_CREDENTIALS, type S3TestServer, startS3Server } from '../s3/server';
import { LocalSlackServer } from '../slack/server';
import { type InvocationContext, LambdaEmulation } from './lambda-emulation';
import { type Json, type PackagedStateMachine, packageStateMachine } from './packaged-state-machine';
import { SsmFleetStandIn } from './ssm-fleet-standin';

type Handler = (event: unknown, context: InvocationContext) => Promise<unknown>;

const BUCKET = 'nightly-store';
const BOT_TOKEN = 'xoxb-standins-token';
const BOT_TOKEN_PARAMETER = '/compliance-bot/slack/bot-token';
const CHANNEL = 'CNIGHT';
/** Above the plan's default of 500 hosts per shard: the next night splits the group in two. */
const LARGE_GROUP = 501;
/** Nodes of the large group whose agent answers (the rest are offline: cheap to scan, still targets). */
const LARGE_GROUP_ONLINE = 16;

const ENV_KEYS = [
  'COMPLIANCE_BOT_CONFIG',
  'COMPLIANCE_BOT_CONFIG_FILE',
  'SLACK_API_URL',
  'AWS_ENDPOINT_URL_S3',
  'AWS_ACCESS_KEY_ID',
  'AWS_SECRET_ACCESS_KEY',
  'AWS_SESSION_TOKEN',
  'AWS_REGION',
  'AWS_EC2_METADATA_DISABLED',
  'LOG_LEVEL',
] as const;
const savedEnv: Record<string, string | undefined> = {};

let packaged: PackagedStateMachine;
let s3: S3TestServer;
let s3Client: S3Client;
let prodApi: TestApiServer;
let stagingApi: TestApiServer;
let fleet: SsmFleetStandIn;
let handler: Handler;
let probeOutput: string;
let dir: string;
const slack = new LocalSlackServer();
const lambda = new LambdaEmulation('compliance-bot-ci-nightlyScan');
const metrics: Json[] = [];
let writeSpy: jest.SpyInstance;

// Each test runs whole nights of the packaged state machine (seconds on an idle machine, minutes on a busy one). The
// timeout only guards against a hang: a test cut short would leave its execution running into the next test.
jest.setTimeout(600_000);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), 'sfn-standins-'));
  // One CA and server certificate for both clusters' API servers (each has its own kubeconfig and port).
  const pki = makeTestPki();
  let probe: { stdout: string };
  [packaged, s3, prodApi, stagingApi, probe] = await Promise.all([
    packageStateMachine(),
    startS3Server([BUCKET]),
    startTestApiServer({ objects: FIXTURE_OBJECTS, pki }),
    startTestApiServer({ objects: FIXTURE_OBJECTS.filter((o) => o.kind !== 'ClusterRoleBinding'), pki }),
    // The real probe over the committed demo node: its planted weaknesses are findings.
    runProbe(join(__dirname, '..', 'host', 'roots', 'node-a')),
    slack.start(),
  ]);
  probeOutput = probe.stdout;
  writeFileSync(join(dir, 'prod.kubeconfig'), prodApi.kubeconfig({ context: 'prod' }));
  writeFileSync(join(dir, 'staging.kubeconfig'), stagingApi.kubeconfig({ context: 'staging' }));
  s3Client = s3.client();

  for (const k of ENV_KEYS) savedEnv[k] = process.env[k];
  Object.assign(process.env, {
    SLACK_API_URL: slack.apiUrl,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    AWS_REGION: 'eu-west-1',
    AWS_EC2_METADATA_DISABLED: 'true',
    LOG_LEVEL: 'error',
  });
  delete process.env.AWS_SESSION_TOKEN;
  delete process.env.COMPLIANCE_BOT_CONFIG_FILE;
  // The scan metrics (EMF lines on stdout) are kept for the assertions instead of filling the test output.
  const write = process.stdout.write.bind(process.stdout);
  writeSpy = jest.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
    const text = String(chunk);
    if (text.startsWith('{"_aws"')) {
      metrics.push(JSON.parse(text));
      return true;
    }
    return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
  }) as typeof process.stdout.write);
  fleet = new SsmFleetStandIn();
  lambda.install();
  // The production entry, loaded once its environment is set, as Lambda loads it in a container.
  ({ handler } = require('../../handlers/nightly-scan') as { handler: Handler });
}, 300_000);

afterAll(async () => {
  lambda.uninstall();
  fleet?.restore();
  writeSpy?.mockRestore();
  for (const k of ENV_KEYS) {
    if (savedEnv[k] === undefined) delete process.env[k];
    else process.env[k] = savedEnv[k];
  }
  s3Client?.destroy();
  await Promise.all([s3?.stop(), prodApi?.close(), stagingApi?.close(), slack.stop()]);
  rmSync(dir, { recursive: true, force: true });
});

/** A node ID as EC2 makes them. */
const nodeId = (i: number) => `i-0${(0xa0000 + i).toString(16).padStart(16, '0')}`;

interface Scenario {
  scope: string;
  prefix: string;
}

/**
 * A scenario's world: its own scope and store prefix, a fleet of `nodes` healthy nodes, nothing else failing, and
 * every check unless `checks` names some (the configuration's checks.include).
 */
function scenario(name: string, { nodes = 4, checks = ['*'] }: { nodes?: number; checks?: string[] } = {}): Scenario {
  const sc = { scope: name, prefix: `${name}/` };
  slack.reset();
  fleet.reset();
  fleet.parameters.set(BOT_TOKEN_PARAMETER, BOT_TOKEN);
  for (let i = 0; i < nodes; i++) fleet.nodes.set(nodeId(i), probeOutput);
  prodApi.faults.page = undefined;
  stagingApi.faults.page = undefined;
  prodApi.requests.length = 0;
  stagingApi.requests.length = 0;
  process.env.COMPLIANCE_BOT_CONFIG = [
    `scope: ${sc.scope}`,
    `store: { type: s3, bucket: ${BUCKET}, prefix: ${sc.prefix} }`,
    'clusters:',
    `  - { name: prod, kubeconfig: { file: ${JSON.stringify(join(dir, 'prod.kubeconfig'))} } }`,
    `  - { name: staging, kubeconfig: { file: ${JSON.stringify(join(dir, 'staging.kubeconfig'))} } }`,
    'hostGroups:',
    '  - { name: workers, ssm: { tags: { role: [worker] } } }',
    `slack: { channel: ${CHANNEL}, botTokenParameter: ${BOT_TOKEN_PARAMETER} }`,
    `checks: { include: ${JSON.stringify(checks)} }`,
    '',
  ].join('\n');
  metrics.length = 0;
  for (const state of Object.keys(platformFailures)) delete platformFailures[state];
  return sc;
}

const SCOPES = (sc: Scenario) => [
  `${sc.scope}/cluster/prod`,
  `${sc.scope}/cluster/staging`,
  `${sc.scope}/hosts/workers`,
];

/** By Task state: how many more of its invocations run but reach Step Functions as Lambda's own failure. */
const platformFailures: Record<string, number> = {};

/** One execution of the packaged definition named `name` (its ID, the run's ID, is the same for a redrive). */
async function execute(name: string): Promise<Json> {
  const input = { source: 'compliance-bot.schedule', kind: 'nightly' };
  const task = (state: string) => async (event: Json) => {
    const out = await lambda.invoke(handler, event);
    if ((platformFailures[state] ?? 0) > 0) {
      platformFailures[state]--;
      // The invocation ran; Lambda lost its answer.
      throw Object.assign(new Error('Lambda is unable to handle the request'), { name: 'Lambda.ServiceException' });
    }
    return out;
  };
  const run = new StateMachine(packaged.definition).run(input, {
    context: {
      Execution: {
        Id: `arn:aws:states:eu-west-1:123456789012:execution:compliance-bot-ci-nightly-run:${name}`,
        Name: name,
      },
    } as Json,
    overrides: {
      taskResourceLocalHandlers: {
        Plan: task('Plan'),
        ScanScope: task('ScanScope'),
        FanIn: task('FanIn'),
        Summary: task('Summary'),
      },
      retryIntervalOverrides: { Plan: 0, ScanScope: 0, FanIn: 0, Summary: 0 },
    },
  });
  return run.result;
}

/** What the scenario's store prefix holds in s3rver. */
async function storedKeys(sc: Scenario): Promise<string[]> {
  const keys: string[] = [];
  let token: string | undefined;
  do {
    const page = await s3Client.send(
      new ListObjectsV2Command({ Bucket: BUCKET, Prefix: sc.prefix, ContinuationToken: token }),
    );
    keys.push(...(page.Contents ?? []).map((o) => o.Key!));
    token = page.NextContinuationToken;
  } while (token);
  return keys.sort();
}

const storeOf = (sc: Scenario) => new S3SnapshotStore(s3Client, { bucket: BUCKET, prefix: sc.prefix });

/** Snapshots stored per scope of the scenario. */
async function snapshotCounts(sc: Scenario): Promise<Record<string, number>> {
  const store = storeOf(sc);
  const out: Record<string, number> = {};
  for (const scope of SCOPES(sc)) out[scope] = (await store.list(scope)).length;
  return out;
}

/** The texts of the top-level messages posted to the alert channel. */
const posted = () =>
  slack.messages.filter((m) => m.channel === CHANNEL && m.thread_ts === undefined).map((m) => String(m.text));

/** The scans of a cluster: each starts with an authenticated GET /version. */
const versionRequests = (api: TestApiServer) =>
  api.requests.filter((r) => r.path === '/version' && r.authenticated).length;

/** Fingerprints of the findings a snapshot holds open: failing now, or carried because they could not be assessed. */
const openFindings = (snap: { results: Result[]; carried: Result[] }) =>
  new Set([...snap.results.filter((r) => r.status === 'fail'), ...snap.carried].map((r) => r.fingerprint));

/** Snapshot and post-delivery objects of the scenario's store (what "stored twice" would add to). */
const deliveredObjects = async (sc: Scenario) =>
  (await storedKeys(sc)).filter((k) => /\/_snapshots\/|\/markers\/posts\//.test(k));

describe('the packaged nightly run against the production handler and local stand-ins', () => {
  it('(a) every scope succeeds: one snapshot per scope a night; the baseline summarised, then regressions posted once', async () => {
    const sc = scenario('all-ok');
    expect(await execute('all-ok-1')).toEqual({ scopes: 3, failed: 0, regressions: expect.any(Number) });
    expect(await snapshotCounts(sc)).toEqual(Object.fromEntries(SCOPES(sc).map((s) => [s, 1])));
    expect(posted().sort()).toEqual(
      SCOPES(sc).map((s) => expect.stringMatching(new RegExp(`^Baseline for ${s}: \\d+ failing findings\\.$`))),
    );

    // The next night a node joins the group: its findings are the night's only regressions.
    slack.reset();
    fleet.nodes.set(nodeId(99), probeOutput);
    const second = await execute('all-ok-2');
    expect(second).toMatchObject({ scopes: 3, failed: 0 });
    expect(second.regressions).toBeGreaterThan(0);
    expect(await snapshotCounts(sc)).toEqual(Object.fromEntries(SCOPES(sc).map((s) => [s, 2])));
    expect(posted()).toEqual([expect.stringMatching(/^\d+ regressions in all-ok\/hosts\/workers: /)]);
    const replies = slack.messages.filter((m) => m.thread_ts !== undefined).map((m) => JSON.stringify(m));
    expect(replies.length).toBeGreaterThan(0);
    expect(replies.filter((r) => !r.includes(nodeId(99)))).toEqual([]);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(slack.messages.length);
    // The EC2 facts under each node were read (the SDK's paginators take the handler's clients).
    const hosts = (await storeOf(sc).latest(`${sc.scope}/hosts/workers`))!.snapshot;
    expect(hosts.targets.filter((t) => /Invalid client/.test(t.reason ?? ''))).toEqual([]);
    // One run metric a night.
    expect(metrics.filter((m) => m.RunScopes !== undefined)).toEqual([
      expect.objectContaining({ RunScopes: 3, FailedScopes: 0 }),
      expect.objectContaining({ RunScopes: 3, FailedScopes: 0 }),
    ]);
  });

  it('(b) a scope whose post fails (Slack answers fatal_error) is retried alone, then posted and stored once', async () => {
    const sc = scenario('retry');
    slack.fail('chat.postMessage', { status: 200, body: { ok: false, error: 'fatal_error' } });
    expect(await execute('retry-1')).toMatchObject({ scopes: 3, failed: 0 });
    const scans = [versionRequests(prodApi), versionRequests(stagingApi), fleet.callsOf('SendCommandCommand')];
    // Whichever scope's post met the 500, it alone ran twice.
    expect([...scans].sort()).toEqual([1, 1, 2]);
    expect(await snapshotCounts(sc)).toEqual(Object.fromEntries(SCOPES(sc).map((s) => [s, 1])));
    expect(
      posted()
        .map((t) => /^Baseline for (\S+):/.exec(t)?.[1])
        .sort(),
    ).toEqual(SCOPES(sc));
    expect(slack.callsOf('chat.postMessage')).toHaveLength(4);
  });

  it('(b) a cluster whose API server hangs up on its first list is not retried: that list unknown, stored and posted once', async () => {
    const sc = scenario('hangup');
    let first = true;
    prodApi.faults.page = ({ res }) => {
      if (!first) return false;
      first = false;
      (res as ServerResponse).socket?.destroy();
      return true;
    };
    expect(await execute('hangup-1')).toMatchObject({ scopes: 3, failed: 0 });
    expect(versionRequests(prodApi)).toBe(1);
    expect(await snapshotCounts(sc)).toEqual(Object.fromEntries(SCOPES(sc).map((s) => [s, 1])));
    expect(
      posted()
        .map((t) => /^Baseline for (\S+):/.exec(t)?.[1])
        .sort(),
    ).toEqual(SCOPES(sc));
    const prod = (await storeOf(sc).latest(`${sc.scope}/cluster/prod`))!.snapshot;
    expect(prod.targets).toEqual([
      expect.objectContaining({
        name: 'prod',
        status: 'partial',
        reason: expect.stringMatching(
          /list \S+ failed: network error talking to https:\/\/127\.0\.0\.1:\d+ \(ECONNRESET\)/,
        ),
      }),
    ]);
  });

  it('(c) a cluster that never answers within its budget is recorded unassessed; its findings stay open; the others post', async () => {
    const sc = scenario('budget');
    await execute('budget-1');
    const before = (await storeOf(sc).latest(`${sc.scope}/cluster/prod`))!.snapshot;
    expect(openFindings(before).size).toBeGreaterThan(0);
    slack.reset();
    // The API server takes the lists and never answers them; a node joins the host group.
    const held: ServerResponse[] = [];
    prodApi.faults.page = ({ res }) => {
      held.push(res as ServerResponse);
      lambda.stallUntilAlone();
      return true;
    };
    fleet.nodes.set(nodeId(99), probeOutput);
    expect(await execute('budget-2')).toMatchObject({ scopes: 3, failed: 0 });
    expect(held.length).toBeGreaterThan(0);
    expect(versionRequests(prodApi)).toBe(2);
    expect(await snapshotCounts(sc)).toEqual(Object.fromEntries(SCOPES(sc).map((s) => [s, 2])));
    const after = (await storeOf(sc).latest(`${sc.scope}/cluster/prod`))!.snapshot;
    expect(after.targets).toEqual([
      expect.objectContaining({
        name: 'prod',
        status: 'partial',
        reason: expect.stringContaining('the time budget of the scan ran out'),
      }),
    ]);
    // Nothing seen is nothing resolved: every finding open before is open after.
    const open = openFindings(after);
    expect([...openFindings(before)].filter((fp) => !open.has(fp))).toEqual([]);
    expect(posted().sort()).toEqual(
      [
        expect.stringMatching(/^\d+ regressions in budget\/hosts\/workers: /),
        expect.stringMatching(
          new RegExp(
            `^white_check_mark No regressions in budget/cluster/prod\\..* ${after.carried.length} open findings could not be re-assessed and stay open\\.$`,
          ),
        ),
      ].sort(),
    );
  });

  it('(d) a shard whose SSM calls fail leaves its host group partial: no finding of the group resolved', async () => {
    // Fewer checks keep 501 hosts quick to evaluate; the SSH checks find the demo node's planted weaknesses.
    const sc = scenario('shards', { nodes: LARGE_GROUP, checks: ['host.ssh.*', 'k8s.rbac.*'] });
    for (let i = LARGE_GROUP_ONLINE; i < LARGE_GROUP; i++) fleet.offline.add(nodeId(i));
    await execute('shards-1');
    // The plan lists the group once and finds it larger than a shard: from the first night, each of the two shards
    // sends the probe to its own online members, by ID.
    const online = [...fleet.nodes.keys()].filter((id) => !fleet.offline.has(id));
    expect(fleet.sent).toHaveLength(2);
    expect(fleet.sent.map((c) => [...c.instanceIds].sort())).toEqual(
      expect.arrayContaining([0, 1].map((k) => online.filter((id) => shardOf(id, 2) === k).sort())),
    );
    const before = (await storeOf(sc).latest(`${sc.scope}/hosts/workers`))!.snapshot;

    slack.reset();
    fleet.sent.length = 0;
    const sendsBefore = fleet.callsOf('SendCommandCommand');
    const lost = online.filter((id) => shardOf(id, 2) === 1);
    expect(lost.length).toBeGreaterThan(0);
    for (const id of lost) fleet.refused.add(id);
    expect(await execute('shards-2')).toMatchObject({ scopes: 3, failed: 0 });
    // Two shards: each sent its own online nodes by ID; the second shard's send was refused.
    expect(fleet.sent.flatMap((c) => c.instanceIds).sort()).toEqual(online.filter((id) => shardOf(id, 2) === 0).sort());
    expect(fleet.callsOf('SendCommandCommand') - sendsBefore).toBe(fleet.sent.length + 1);

    expect((await snapshotCounts(sc))[`${sc.scope}/hosts/workers`]).toBe(2);
    const after = (await storeOf(sc).latest(`${sc.scope}/hosts/workers`))!.snapshot;
    expect(after.targets.filter((t) => lost.includes(t.name))).toEqual(
      lost.map((id) =>
        expect.objectContaining({
          name: id,
          status: 'unreachable',
          reason: expect.stringMatching(/^the probe could not be sent: .*not in a valid state/),
        }),
      ),
    );
    const open = openFindings(after);
    expect([...openFindings(before)].filter((fp) => !open.has(fp))).toEqual([]);
    const texts = posted();
    expect(texts).toEqual([
      expect.stringMatching(
        /^white_check_mark No regressions in shards\/hosts\/workers\..* could not be assessed.* open findings could not be re-assessed and stay open\.$/,
      ),
    ]);
    expect(slack.messages.filter((m) => /resolved/i.test(JSON.stringify(m)))).toEqual([]);
  });

  it('(e) an execution that failed is redriven: nothing is posted or stored twice', async () => {
    const sc = scenario('redrive');
    // The fan-in ran, but Lambda never delivered its answer, on every attempt: the execution fails.
    platformFailures.FanIn = 99;
    await expect(execute('redrive-1')).rejects.toThrow(/Lambda is unable to handle the request/);
    platformFailures.FanIn = 0;
    const stored = await deliveredObjects(sc);
    expect(Object.values(await snapshotCounts(sc))).toEqual([1, 1, 1]);
    expect(posted()).toHaveLength(3);
    const calls = slack.callsOf('chat.postMessage').length;
    const scans = [versionRequests(prodApi), versionRequests(stagingApi), fleet.callsOf('SendCommandCommand')];

    expect(await execute('redrive-1')).toMatchObject({ scopes: 3, failed: 0 });
    expect(await deliveredObjects(sc)).toEqual(stored);
    expect(posted()).toHaveLength(3);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(calls);
    // Scopes the failed execution stored are not scanned again.
    expect([versionRequests(prodApi), versionRequests(stagingApi), fleet.callsOf('SendCommandCommand')]).toEqual(scans);
  });

  it("(e) a scope's answer is lost after it posted and stored: the retried invocation scans, posts and stores nothing", async () => {
    const sc = scenario('lost-answer');
    platformFailures.ScanScope = 1;
    expect(await execute('lost-answer-1')).toMatchObject({ scopes: 3, failed: 0 });
    expect(platformFailures.ScanScope).toBe(0);
    expect(await snapshotCounts(sc)).toEqual(Object.fromEntries(SCOPES(sc).map((s) => [s, 1])));
    expect(posted()).toHaveLength(3);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(3);
    expect([versionRequests(prodApi), versionRequests(stagingApi), fleet.callsOf('SendCommandCommand')]).toEqual([
      1, 1, 1,
    ]);
  });

  it('(f) Slack refuses every scope post twice: each scope recorded unassessed by the Catch, one warning line, sent once', async () => {
    const sc = scenario('slack-down');
    for (let i = 0; i < 6; i++)
      slack.fail('chat.postMessage', { status: 200, body: { ok: false, error: 'fatal_error' } });
    // The summary ran, but Lambda lost its answer twice: it runs three times.
    platformFailures.Summary = 2;
    expect(await execute('slack-down-1')).toEqual({ scopes: 3, failed: 3, regressions: 0 });
    expect(Object.values(await snapshotCounts(sc))).toEqual([0, 0, 0]);
    expect(posted()).toEqual([
      `:warning: Nightly scan: 3 of 3 scope(s) could not be assessed: ${sc.scope}/hosts/workers, ${sc.scope}/cluster/prod, ${sc.scope}/cluster/staging. Their findings are carried forward, not resolved.`,
    ]);
    expect(slack.callsOf('chat.postMessage')).toHaveLength(6 + 1);
  });
});
