/**
 * End to end through the real Lambda handlers (handlers/slack.ts, handlers/scan-worker.ts): signed requests in
 * API Gateway events, Bolt's AwsLambdaReceiver, the local Slack API server over HTTP recording every call, the
 * worker invocation recorded on the Lambda client, and the worker answering through response_url.
 */
import { InvokeCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetParameterCommand, SSMClient } from '@aws-sdk/client-ssm';
import { mockClient } from 'aws-sdk-client-mock';
import { buildWorker } from '../../handlers/scan-worker';
import { handler, resetForTests } from '../../handlers/slack';
import { openStores } from '../../src/store/open';
import { LocalSlackServer } from './server';
import { interactionBody, SIGNING_SECRET, signedEvent, slashCommandBody } from './signing';
import { BOT_TOKEN, captureLogs, configYaml, realScan, tempDir } from './support';

const ssm = mockClient(SSMClient);
const lambda = mockClient(LambdaClient);
const slack = new LocalSlackServer();
let storeDir: string;
const saved = { ...process.env };
const ctx = {} as never;

type HttpResult = { statusCode: number; body: string };
const call = async (event: unknown): Promise<HttpResult> => (await handler(event as never, ctx)) as HttpResult;
const json = (r: HttpResult) => JSON.parse(r.body) as { text?: string; response_type?: string; blocks?: unknown[] };

function invokedJobs(): Record<string, unknown>[] {
  return lambda.commandCalls(InvokeCommand).map((c) => {
    expect(c.args[0].input.InvocationType).toBe('Event');
    expect(c.args[0].input.FunctionName).toBe('compliance-bot-scan-worker');
    return JSON.parse(Buffer.from(c.args[0].input.Payload as Uint8Array).toString('utf8'));
  });
}

beforeAll(async () => {
  await slack.start();
  // Set before the first lookup: the handler caches group membership per container for 5 minutes.
  slack.userGroups.set('SPLATFORM', ['UCAROL']);
  storeDir = tempDir();
  Object.assign(process.env, {
    // waivers.maxDays below the default (90): the command, the modal and its submission must all honour it.
    COMPLIANCE_BOT_CONFIG: configYaml(storeDir, 'waivers: { maxDays: 60 }'),
    SCAN_WORKER_FUNCTION: 'compliance-bot-scan-worker',
    SLACK_BOT_ID: 'BBOT',
    SLACK_BOT_USER_ID: 'UBOT',
    SLACK_API_URL: slack.apiUrl,
    SLACK_RESPONSE_URL_PREFIXES: `http://127.0.0.1:${slack.port}/response/`,
  });
  resetForTests();
});

afterAll(async () => {
  await slack.stop();
  process.env = saved;
});

beforeEach(() => {
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
});

describe('Handler: slack (POST /slack/events)', () => {
  it('acks `scan cluster prod-eu` before any scan runs (an asynchronous worker invocation); the worker answers through response_url', async () => {
    const logs = captureLogs();
    const responseUrl = slack.responseUrl('scan-1');
    const res = await call(
      signedEvent(
        slashCommandBody({ text: 'scan cluster prod-eu', response_url: responseUrl, trigger_id: 'trig-scan-1' }),
      ),
    );
    logs.restore();

    // Slack wants the ack within 3 s: the handler answers without scanning (the worker is invoked as an Event, and
    // nothing is answered through response_url until the worker runs below), so its time does not grow with a scan.
    expect(res.statusCode).toBe(200);
    expect(slack.callsOf('response_url')).toHaveLength(0);
    // Only the requester sees the answers unless slack.answers is in_channel.
    expect(json(res)).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('Scanning cluster *prod-eu*'),
    });
    const jobs = invokedJobs();
    expect(jobs).toEqual([
      expect.objectContaining({
        v: 1,
        id: 'cmd-trig-scan-1',
        userId: 'UALICE',
        channelId: 'CSECOPS',
        responseUrl,
        command: { name: 'scan', selection: { kind: 'cluster', name: 'prod-eu' } },
      }),
    ]);
    // Bolt never called auth.test (botId and botUserId are passed); only the account type was looked up (guests are
    // refused); nothing was posted yet.
    expect(slack.calls.map((c) => c.method)).toEqual(['users.info']);
    // The audit trail: user, channel, arguments.
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({
        audit: true,
        user: 'UALICE',
        channel: 'CSECOPS',
        command: 'scan',
        decision: 'accepted',
        args: { name: 'scan', selection: { kind: 'cluster', name: 'prod-eu' } },
      }),
    );

    // The worker (real handler, real runScan over a fake cluster) answers through the response_url.
    const stores = openStores({ type: 'local', dir: storeDir });
    const roles = { value: ['wild-1', 'ok'] };
    const worker = await buildWorker(process.env, { ssm: new SSMClient({}), scan: realScan(stores, roles) });
    const first = await worker(jobs[0]);
    expect(first).toEqual({ status: 'done', via: 'response_url', messages: 1 });
    const answers = slack.callsOf('response_url');
    expect(answers).toHaveLength(1);
    expect(answers[0].path).toBe('/response/scan-1');
    expect(answers[0].body).toMatchObject({
      response_type: 'ephemeral',
      text: expect.stringContaining('Baseline for nightly'),
    });
  });

  it('posts a regression through response_url with Explain and Waive buttons, once per job delivery', async () => {
    const stores = openStores({ type: 'local', dir: storeDir });
    const roles = { value: ['ok'] };
    const worker = await buildWorker(process.env, { ssm: new SSMClient({}), scan: realScan(stores, roles) });
    const job = (id: string) => ({
      v: 1,
      id,
      command: { name: 'scan', selection: { kind: 'all' } },
      userId: 'UBOB',
      channelId: 'CSECOPS',
      responseUrl: slack.responseUrl(id),
      requestedAt: Date.now(),
    });
    await worker(job('base'));
    roles.value = ['ok', 'wild-2'];
    slack.reset();
    const j = job('regress');
    expect(await worker(j)).toMatchObject({ status: 'done', via: 'response_url' });
    // Lambda delivers the same async event again: nothing more is sent.
    expect(await worker(j)).toEqual({ status: 'duplicate', why: 'done' });
    const answers = slack.callsOf('response_url');
    expect(answers).toHaveLength(1);
    const body = answers[0].body as { text: string; blocks: { type: string; elements?: { action_id: string }[] }[] };
    expect(body.text).toMatch(/^1 regression in nightly/);
    const actions = body.blocks.find((b) => b.type === 'actions');
    expect(actions?.elements?.map((e) => e.action_id)).toEqual(['compliance_explain', 'compliance_waive']);
  });

  it('refuses a bad signature with 401 and invokes nothing', async () => {
    const res = await call(
      signedEvent(slashCommandBody({ text: 'scan', response_url: slack.responseUrl() }), { signature: 'v0=deadbeef' }),
    );
    expect(res.statusCode).toBe(401);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it('refuses a body signed with another secret', async () => {
    const res = await call(
      signedEvent(slashCommandBody({ text: 'scan', response_url: slack.responseUrl() }), { secret: 'not-the-secret' }),
    );
    expect(res.statusCode).toBe(401);
  });

  it('refuses a stale timestamp (10 minutes old) with 401', async () => {
    const res = await call(
      signedEvent(slashCommandBody({ text: 'scan', response_url: slack.responseUrl() }), {
        timestamp: Math.floor(Date.now() / 1000) - 600,
      }),
    );
    expect(res.statusCode).toBe(401);
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it('acks a Slack retry (X-Slack-Retry-Num) of a handled request without invoking the worker again', async () => {
    const body = slashCommandBody({
      text: 'status',
      response_url: slack.responseUrl(),
      trigger_id: 'trig-retry-1',
      user_id: 'UEVE',
      channel_id: 'CRANDOM',
    });
    const first = await call(signedEvent(body));
    const retry = await call(signedEvent(body, { retryNum: 1 }));
    expect(first.statusCode).toBe(200);
    expect(retry.statusCode).toBe(200);
    expect(retry.body).toBe('');
    expect(invokedJobs()).toHaveLength(1);
  });

  it('answers a waive command for more days than waivers.maxDays with help naming the limit, and invokes nothing', async () => {
    const res = await call(
      signedEvent(
        slashCommandBody({
          text: 'waive 0123456789abcdef0123 75 vendor fix due',
          user_id: 'UALICE',
          channel_id: 'CSECOPS',
          response_url: slack.responseUrl(),
        }),
      ),
    );
    expect(res.statusCode).toBe(200);
    expect(JSON.stringify(json(res))).toContain('days must be a whole number from 1 to 60');
    expect(invokedJobs()).toHaveLength(0);
  });

  it('answers a refused user with a clear ephemeral message, logs the refusal, and invokes nothing', async () => {
    const logs = captureLogs();
    const res = await call(
      signedEvent(
        slashCommandBody({
          text: 'scan all',
          user_id: 'UEVE',
          channel_id: 'CRANDOM',
          response_url: slack.responseUrl(),
        }),
      ),
    );
    logs.restore();
    expect(res.statusCode).toBe(200);
    expect(json(res)).toEqual({
      response_type: 'ephemeral',
      text: expect.stringMatching(/^:no_entry: You may not run `scan` here: you are not on the allow-list for `scan`/),
    });
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({ audit: true, user: 'UEVE', command: 'scan', decision: 'refused' }),
    );
  });

  it('lets a member of an allow-listed user group scan (usergroups.users.list on the local server)', async () => {
    const res = await call(
      signedEvent(
        slashCommandBody({
          text: 'scan hosts',
          user_id: 'UCAROL',
          channel_id: 'CRANDOM',
          response_url: slack.responseUrl(),
        }),
      ),
    );
    expect(json(res).text).toContain('Scanning hosts');
    expect(invokedJobs()).toHaveLength(1);
  });

  it.each([
    ['unbalanced quotes', 'scan cluster "prod-eu', /a quote is not closed/],
    ['shell metacharacters', 'scan cluster prod-eu; rm -rf / && $(curl x) | sh', /one cluster name/],
    ['backticks', 'scan `reboot`', /takes `all`/],
    ['5 KB of text', `scan ${'A'.repeat(5 * 1024)}`, /too long/],
    ['an unknown cluster name', 'scan cluster nowhere', /unknown cluster "nowhere" \(known: prod-eu, staging\)/],
    ['an unknown command', 'drop table', /unknown command "drop"/],
    ['a mention', '<!channel> hi', /unknown command "\?!channel\?"/],
  ])('answers %s with help, never an exception', async (_label, text, problem) => {
    const res = await call(signedEvent(slashCommandBody({ text, response_url: slack.responseUrl() })));
    expect(res.statusCode).toBe(200);
    const body = json(res);
    expect(body.response_type).toBe('ephemeral');
    expect(body.text).toMatch(problem);
    expect(body.text).toContain('*/compliance* commands:');
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it('answers `explain` at once from the registry', async () => {
    const res = await call(
      signedEvent(slashCommandBody({ text: 'explain k8s.rbac.cluster-admin', response_url: slack.responseUrl() })),
    );
    const body = json(res);
    expect(body.text).toMatch(/^k8s\.rbac\.cluster-admin: /);
    expect(JSON.stringify(body.blocks)).toContain('How to fix');
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it('tells the user when the worker cannot be invoked, and lets a retry through', async () => {
    lambda.on(InvokeCommand).rejects(new Error('TooManyRequestsException'));
    const body = slashCommandBody({ text: 'diff', response_url: slack.responseUrl(), trigger_id: 'trig-fail-1' });
    expect(json(await call(signedEvent(body))).text).toMatch(/could not start this job/);
    lambda.on(InvokeCommand).resolves({ StatusCode: 202 });
    expect(json(await call(signedEvent(body, { retryNum: 1 }))).text).toMatch(/Comparing/);
  });
});

describe('Handler: slack (interactions)', () => {
  const ref = { c: 'k8s.rbac.cluster-admin', f: '0123456789abcdef0123', t: 'prod-eu', s: 'nightly' };
  const buttonPayload = (actionId: string, user: string, value = JSON.stringify(ref)) => ({
    type: 'block_actions',
    user: { id: user, username: user.toLowerCase(), team_id: 'T1' },
    api_app_id: 'A1',
    token: 'x',
    team: { id: 'T1', domain: 'example' },
    channel: { id: 'CALERTS', name: 'alerts' },
    container: { type: 'message', message_ts: '1700000000.000001', channel_id: 'CALERTS', is_ephemeral: false },
    trigger_id: 'trig-button-1',
    response_url: slack.responseUrl('button'),
    message: { ts: '1700000000.000001', text: 'x' },
    actions: [
      {
        type: 'button',
        action_id: actionId,
        block_id: 'finding_x',
        value,
        text: { type: 'plain_text', text: 'x' },
        action_ts: '1700000001.000000',
      },
    ],
  });

  it('answers "Explain" through response_url with the check and the finding', async () => {
    const res = await call(signedEvent(interactionBody(buttonPayload('compliance_explain', 'UEVE'))));
    expect(res.statusCode).toBe(200);
    const answers = slack.callsOf('response_url');
    expect(answers).toHaveLength(1);
    expect(answers[0].body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(JSON.stringify(answers[0].body)).toContain('0123456789abcdef0123');
  });

  it('opens the waiver modal for an allow-listed user', async () => {
    await call(signedEvent(interactionBody(buttonPayload('compliance_waive', 'UALICE'))));
    const opened = slack.callsOf('views.open');
    expect(opened).toHaveLength(1);
    const view = opened[0].body.view as { callback_id: string; private_metadata: string };
    expect(view.callback_id).toBe('compliance_waive');
    expect(JSON.parse(view.private_metadata)).toEqual({ ...ref, ch: 'CALERTS' });
    expect(JSON.stringify(view)).toContain('"max_value":"60"');
  });

  it('refuses the waiver modal to a user not on the waive list', async () => {
    await call(signedEvent(interactionBody(buttonPayload('compliance_waive', 'UEVE'))));
    expect(slack.callsOf('views.open')).toHaveLength(0);
    expect(JSON.stringify(slack.callsOf('response_url')[0].body)).toContain('You may not waive findings');
  });

  it('tells the user when the waiver form cannot be opened, without the Slack error, and audits no acceptance', async () => {
    slack.fail('views.open', { status: 200, body: { ok: false, error: 'expired_trigger_id' } });
    const logs = captureLogs();
    try {
      await call(signedEvent(interactionBody(buttonPayload('compliance_waive', 'UALICE'))));
    } finally {
      logs.restore();
    }
    const answers = slack.callsOf('response_url');
    expect(answers).toHaveLength(1);
    expect(answers[0].body).toMatchObject({ response_type: 'ephemeral', replace_original: false });
    expect(String(answers[0].body.text)).toMatch(/could not open the waiver form/);
    expect(JSON.stringify(answers[0].body)).not.toContain('expired_trigger_id');
    const audit = logs.lines().filter((l) => l.audit === true && l.command === 'waive-button');
    expect(audit.map((l) => l.decision)).toEqual([]);
  });

  it('ignores a forged button value', async () => {
    await call(signedEvent(interactionBody(buttonPayload('compliance_waive', 'UALICE', '{"c":"../../etc","f":"x"}'))));
    expect(slack.callsOf('views.open')).toHaveLength(0);
  });

  const submission = (user: string, days: string, reason: string) => ({
    type: 'view_submission',
    team: { id: 'T1', domain: 'example' },
    user: { id: user, username: 'u', name: 'u', team_id: 'T1' },
    api_app_id: 'A1',
    token: 'x',
    trigger_id: 'trig-view-1',
    view: {
      id: 'VWAIVE1',
      team_id: 'T1',
      type: 'modal',
      callback_id: 'compliance_waive',
      private_metadata: JSON.stringify({ ...ref, ch: 'CALERTS' }),
      state: {
        values: {
          waive_days: { value: { type: 'number_input', value: days } },
          waive_reason: { value: { type: 'plain_text_input', value: reason } },
        },
      },
      hash: 'h',
      blocks: [],
      title: { type: 'plain_text', text: 'Waive a finding' },
      app_id: 'A1',
      bot_id: 'BBOT',
    },
  });

  it('refuses in the modal more days than waivers.maxDays allows', async () => {
    const res = await call(signedEvent(interactionBody(submission('UALICE', '75', 'vendor fix due'))));
    expect(JSON.parse(res.body)).toEqual({
      response_action: 'errors',
      errors: { waive_days: 'days must be a whole number from 1 to 60' },
    });
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it('shows the error in the modal for 0 days', async () => {
    const res = await call(signedEvent(interactionBody(submission('UALICE', '0', 'vendor fix due'))));
    expect(JSON.parse(res.body)).toEqual({
      response_action: 'errors',
      errors: { waive_days: 'days must be a whole number from 1 to 60' },
    });
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
  });

  it('refuses the submission of a user not on the waive list in the modal, auditing the waiver asked for', async () => {
    const logs = captureLogs();
    let res: HttpResult;
    try {
      res = await call(signedEvent(interactionBody(submission('UEVE', '30', 'vendor fix due in March'))));
    } finally {
      logs.restore();
    }
    expect(JSON.parse(res.body)).toEqual({
      response_action: 'errors',
      errors: { waive_reason: expect.stringMatching(/^You may not waive findings: /) },
    });
    expect(lambda.commandCalls(InvokeCommand)).toHaveLength(0);
    expect(logs.lines()).toContainEqual(
      expect.objectContaining({
        audit: true,
        user: 'UEVE',
        channel: 'CALERTS',
        command: 'waive-modal',
        decision: 'refused',
        args: expect.objectContaining({
          name: 'waive',
          fingerprint: ref.f,
          days: 30,
          reason: 'vendor fix due in March',
        }),
      }),
    );
  });

  it('hands a valid waiver to the worker, which records it and confirms in the channel', async () => {
    const res = await call(signedEvent(interactionBody(submission('UALICE', '30', 'vendor fix due in March'))));
    expect(res.statusCode).toBe(200);
    const jobs = invokedJobs();
    expect(jobs[0]).toMatchObject({
      id: 'view-VWAIVE1',
      userId: 'UALICE',
      command: { name: 'waive', days: 30, reason: 'vendor fix due in March', fingerprint: ref.f },
    });
    const worker = await buildWorker(process.env, { ssm: new SSMClient({}), scan: async () => [] });
    const out = await worker(jobs[0]);
    // No open finding has this fingerprint in the store: nothing is waived, and the user is told so by DM.
    expect(out).toMatchObject({ status: 'done', via: 'channel' });
    const posted = slack.callsOf('chat.postMessage');
    expect(posted[0].body).toMatchObject({ channel: 'UALICE' });
    expect(String(posted[0].body.text)).toContain('No open finding has fingerprint');
  });
});

describe('Handler: slack (API Gateway encodings)', () => {
  it('verifies a base64-encoded body with non-ASCII text (HTTP API encodes form bodies)', async () => {
    const res = await call(
      signedEvent(slashCommandBody({ text: 'scan cluster “prod-eu” ✓', response_url: slack.responseUrl() }), {
        base64: true,
      }),
    );
    expect(res.statusCode).toBe(200);
    expect(json(res).text).toMatch(/one cluster name/);
  });

  it('accepts a base64-encoded ASCII body', async () => {
    const res = await call(
      signedEvent(slashCommandBody({ text: 'help', response_url: slack.responseUrl() }), { base64: true }),
    );
    expect(res.statusCode).toBe(200);
    expect(json(res).text).toContain('*/compliance* commands:');
  });
});
