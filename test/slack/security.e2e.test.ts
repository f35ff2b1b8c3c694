/**
 * Who may ask what, and how often, through the real Slack handler (handlers/slack.ts: Bolt, signed requests, the
 * local Slack server) and the real worker (handlers/scan-worker.ts, a real scan of a manifests cluster into a local
 * store): guests refused, rate limits answered clearly, answers ephemeral by default, and `who-can` answered from
 * the RBAC facts the scan stored (saying how old) or from a fresh collection when they are too old or absent.
 * Clocks are injected: the rate-limit window and the facts' age never depend on the time the tests run.
 */
import { join } from 'node:path';
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { buildWorker } from '../../handlers/scan-worker';
import { buildSlackHandler } from '../../handlers/slack';
import type { KRbac } from '../../src/core/facts/k8s';
import type { Fact } from '../../src/core/model';
import { openStores } from '../../src/store/open';
import { ROOT } from '../deploy/sls';
import { LocalSlackServer } from './server';
import { SIGNING_SECRET, signedEvent, slashCommandBody } from './signing';
import { BOT_TOKEN, tempDir } from './support';

const ssm = mockClient(SSMClient);
const lambda = mockClient(LambdaClient);
const slack = new LocalSlackServer();
const DEMO = join(ROOT, 'examples', 'demo-cluster');
/** A fixed instant, 400 s into a 15-minute rate-limit window. */
const T0 = Date.parse('2026-11-30T10:06:40.000Z');

type HttpResult = { statusCode: number; body: string };

function env(storeDir: string, slackExtra = ''): NodeJS.ProcessEnv {
  return {
    COMPLIANCE_BOT_CONFIG: `
scope: nightly
store: { type: local, dir: ${JSON.stringify(storeDir)} }
clusters:
  - { name: prod-eu, manifests: ${JSON.stringify(DEMO)} }
  - { name: staging, manifests: ${JSON.stringify(DEMO)} }
slack:
  channel: CALERTS
  allow:
    scan: { channels: [CSECOPS], users: [], userGroups: [] }
    waive: { channels: [], users: [], userGroups: [] }
  rateLimit: { windowMinutes: 15, perUser: 2, perWorkspace: 3 }
${slackExtra}`,
    SCAN_WORKER_FUNCTION: 'compliance-bot-scan-worker',
    SLACK_BOT_ID: 'BBOT',
    SLACK_BOT_USER_ID: 'UBOT',
    SLACK_API_URL: slack.apiUrl,
    SLACK_RESPONSE_URL_PREFIXES: `http://127.0.0.1:${slack.port}/response/`,
  };
}

async function slackHandler(e: NodeJS.ProcessEnv, now: () => number) {
  const h = await buildSlackHandler(e, { now });
  return async (body: string): Promise<{ statusCode: number; json: { text?: string; response_type?: string } }> => {
    const res = (await h(signedEvent(body) as never, {} as never)) as HttpResult;
    return { statusCode: res.statusCode, json: res.body ? JSON.parse(res.body) : {} };
  };
}

let trigger = 0;
const command = (text: string, user = 'UALICE', channel = 'CSECOPS') =>
  slashCommandBody({
    text,
    user_id: user,
    channel_id: channel,
    trigger_id: `trig-sec-${++trigger}`,
    response_url: slack.responseUrl(`sec-${trigger}`),
  });

function invokedJobs(): Record<string, unknown>[] {
  return lambda
    .commandCalls(InvokeCommand)
    .map((c) => JSON.parse(Buffer.from(c.args[0].input.Payload as Uint8Array).toString('utf8')));
}

beforeAll(() => slack.start());
afterAll(() => slack.stop());
beforeEach(() => {
  slack.reset();
  slack.users.clear();
  ssm.reset();
  lambda.reset();
  ssm
    .on(GetParameterCommand, { Name: '/compliance-bot/slack/bot-token' })
    .resolves({ Parameter: { Value: BOT_TOKEN } });
  ssm
    .on(GetParameterCommand, { Name: '/compliance-bot/slack/signing-secret' })
    .resolves({ Parameter: { Value: SIGNING_SECRET } });
  lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
});

describe('Slack guests', () => {
  it('refuses multi- and single-channel guests (users.info), ephemerally, and invokes nothing', async () => {
    slack.users.set('UGUEST', { is_restricted: true });
    slack.users.set('USINGLE', { is_ultra_restricted: true });
    const call = await slackHandler(env(tempDir()), () => T0);
    for (const user of ['UGUEST', 'USINGLE']) {
      const res = await call(command('status', user));
      expect(res.statusCode).toBe(200);
      expect(res.json).toEqual({
        response_type: 'ephemeral',
        text: expect.stringMatching(/^:no_entry: You may not use this bot: guest accounts may not use this bot/),
      });
    }
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
    // A member is served; the account type was looked up once per user (cached).
    expect((await call(command('status', 'UMEMBER'))).json.text).toMatch(/Reading the latest snapshots/);
    expect(slack.callsOf('users.info').map((c) => c.body.user)).toEqual(['UGUEST', 'USINGLE', 'UMEMBER']);
  });

  it('lets guests in when slack.allowGuests is true', async () => {
    slack.users.set('UGUEST', { is_restricted: true });
    const call = await slackHandler(env(tempDir(), '  allowGuests: true'), () => T0);
    expect((await call(command('status', 'UGUEST'))).json.text).toMatch(/Reading the latest snapshots/);
    expect(invokedJobs()).toHaveLength(1);
  });

  it('refuses when Slack cannot say whether the user is a guest', async () => {
    slack.fail('users.info', { status: 200, body: { ok: false, error: 'user_not_found' } });
    const call = await slackHandler(env(tempDir()), () => T0);
    expect((await call(command('status', 'UNEW'))).json.text).toMatch(/could not be checked with Slack/);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });
});

describe('Rate limits on scan and who-can', () => {
  it('answers a limited user clearly, counts across containers, and lets them in again in the next window', async () => {
    let now = T0;
    const storeDir = tempDir();
    // Two containers of the Slack function sharing the store's markers.
    const a = await slackHandler(env(storeDir), () => now);
    const b = await slackHandler(env(storeDir), () => now);
    expect((await a(command('scan cluster prod-eu'))).json.text).toMatch(/Scanning cluster/);
    expect((await b(command('who-can get secrets'))).json.text).toMatch(/Reading RBAC/);
    const limited = await a(command('who-can get secrets'));
    expect(limited.json).toEqual({
      response_type: 'ephemeral',
      text: ':hourglass: Rate limit: you have used all 2 `scan`/`who-can` requests allowed per 15 minutes. Try again in 9 min.',
    });
    // Queries that only read the store are not limited.
    expect((await b(command('status'))).json.text).toMatch(/Reading the latest snapshots/);
    expect(invokedJobs().map((j) => (j.command as { name: string }).name)).toEqual(['scan', 'who-can', 'status']);
    // The workspace as a whole: a third costly request by another user fits, a fourth does not.
    expect((await b(command('who-can list pods', 'UBOB'))).json.text).toMatch(/Reading RBAC/);
    expect((await a(command('who-can list pods', 'UCAROL'))).json.text).toMatch(
      /^:hourglass: Rate limit: this workspace has used all 3/,
    );
    now = T0 + 9 * 60_000;
    expect((await b(command('who-can get secrets'))).json.text).toMatch(/Reading RBAC/);
  });
});

describe('Answers and who-can through the worker', () => {
  /** A fresh collection the test can tell apart from the stored facts: one binding of a user named fresh-user. */
  const freshRbac = (): Fact<KRbac> => ({
    ok: true,
    value: {
      roles: [
        {
          kind: 'ClusterRole',
          name: 'fresh-secrets',
          labels: {},
          rules: [{ apiGroups: [''], resources: ['secrets'], verbs: ['get'] }],
        },
      ],
      bindings: [
        {
          kind: 'ClusterRoleBinding',
          name: 'fresh',
          labels: {},
          roleRef: { kind: 'ClusterRole', name: 'fresh-secrets' },
          subjects: [{ kind: 'User', name: 'fresh-user' }],
        },
      ],
    },
  });

  it('scans into the store with its RBAC facts, then answers who-can from them (with their age) or afresh', async () => {
    const storeDir = tempDir();
    const e = env(storeDir);
    // The Slack function and the worker share one clock per step (the worker checks the response_url's 30 minutes).
    const at = async (now: number) => ({
      call: await slackHandler(e, () => now),
      worker: await buildWorker(e, { ssm: new SSMClient({}), collectRbac, now: () => now }),
    });
    const collected: (string | undefined)[] = [];
    const collectRbac = async (cluster?: string) => {
      collected.push(cluster);
      return [{ cluster: cluster ?? 'all', rbac: freshRbac() }];
    };

    // A scan from Slack: acknowledged and answered only to the requester (slack.answers defaults to ephemeral).
    const first = await at(Date.now());
    expect((await first.call(command('scan cluster prod-eu'))).json.response_type).toBe('ephemeral');
    expect(await first.worker(invokedJobs()[0])).toMatchObject({ status: 'done', via: 'response_url' });
    expect(slack.callsOf('response_url')[0].body).toMatchObject({ response_type: 'ephemeral' });
    const stored = await openStores({ type: 'local', dir: storeDir }).rbac.latest('nightly/cluster/prod-eu');
    expect(stored?.target).toBe('prod-eu');
    const scannedAt = Date.parse(stored?.collectedAt ?? '');

    // Three hours later: prod-eu from the stored facts (no collection), staging (never scanned) collected afresh.
    lambda.reset();
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    slack.reset();
    const at3h = await at(scannedAt + 3 * 3_600_000);
    await at3h.call(command('who-can get secrets'));
    await at3h.worker(invokedJobs()[0]);
    const answer = slack.callsOf('response_url')[0].body as { response_type: string };
    expect(answer.response_type).toBe('ephemeral');
    const text = JSON.stringify(answer);
    expect(text).toMatch(/\*prod-eu\* \(RBAC as of 3 h ago \(scan `[^`]+`\)\): \d+ subject/);
    expect(text).toContain('ci/deployer');
    expect(text).toMatch(/\*staging\* \(RBAC collected just now\): 1 subject/);
    expect(collected).toEqual(['staging']);

    // Two days later the stored facts are too old (slack.whoCan.maxFactsAgeMinutes, 1440): collected afresh.
    collected.length = 0;
    lambda.reset();
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    slack.reset();
    const at2d = await at(scannedAt + 49 * 3_600_000);
    await at2d.call(command('who-can get secrets', 'UBOB'));
    await at2d.worker(invokedJobs()[0]);
    const later = JSON.stringify(slack.callsOf('response_url')[0].body);
    expect(later).toMatch(/\*prod-eu\* \(RBAC collected just now \(the stored facts were 2 d 1 h old\)\): 1 subject/);
    expect(later).toContain('fresh-user');
    expect(later).not.toContain('ci/deployer');
    expect(collected).toEqual(['prod-eu', 'staging']);
  });
});
