/**
 * The canary: one unique secret planted, in the shapes credentials really take, in every input that can hold one
 * (kubeconfigs valid and malformed, credential plugins, configuration files, manifests, a live cluster's objects, a
 * host root, the Slack and AWS secrets of the handlers). Every CLI command and every Lambda handler then runs over
 * them, and nothing they print, log, write, store or send to Slack may contain the canary (docs/trust.md).
 */
import { randomBytes } from 'node:crypto';
import { cpSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gunzipSync } from 'node:zlib';
import type { LambdaClient } from '@aws-sdk/client-lambda';
import { handler as nightlyHandler } from '../../handlers/nightly-scan';
import { buildWorker } from '../../handlers/scan-worker';
import { buildSlackHandler } from '../../handlers/slack';
import { runWeeklyDigest } from '../../handlers/weekly-digest';
import { main } from '../../src/cli/main';
import { SsmStandIn } from '../deploy/standins';
import { FIXTURE_OBJECTS } from '../k8s/fixture-cluster';
import { startTestApiServer, type TestApiServer } from '../k8s-server/server';
import { LocalSlackServer } from '../slack/server';
import { signedEvent, slashCommandBody } from '../slack/signing';
import { recordingIo } from '../support/cli';

const CANARY = `CANARY${randomBytes(5).toString('hex').toUpperCase()}`;
const b64 = (s: string) => Buffer.from(s).toString('base64');

/** The canary in the shapes real credentials take. */
const SECRET = {
  jwt: `eyJhbGciOiJSUzI1NiIsImtpZCI6IjEifQ.eyJzdWIiOiJ${CANARY}.c2lnbmF0dXJl`,
  pem: `-----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA${CANARY}u1SU1LfVLPHCozMxH2Mo4lgOEePzNm0tRgeLezV6ffAt0\n-----END RSA PRIVATE KEY-----\n`,
  password: `S3cr3t-${CANARY}!`,
  slackBot: `xoxb-1234567890-0987654321-${CANARY}`,
  slackSigning: `8f14e45fceea167a${CANARY}`,
  awsKeyId: `AKIA${CANARY}`,
  awsSecret: `wJalrXUtnFEMI/${CANARY}/bPxRfiCY`,
  awsSession: `IQoJb3JpZ2luX2VjE${CANARY}`,
  shadow: `$6$rounds=5000$Zq3v9xYb$${CANARY}6z/tCvjwuhGjVSyQBWPiF8F2egJrF`,
};
/** What must never appear: the canary, and the base64 forms a leak of an encoded field would take. */
const NEEDLES = [CANARY, b64(SECRET.pem), b64(SECRET.password), b64(SECRET.jwt)];

const seen: { label: string; text: string }[] = [];

function leaks(texts: { label: string; text: string }[]): string[] {
  const out: string[] = [];
  for (const { label, text } of texts) {
    for (const needle of NEEDLES) {
      const i = text.indexOf(needle);
      if (i >= 0) {
        out.push(`${label}: …${text.slice(Math.max(0, i - 120), i + needle.length + 20).replace(/\n/g, '⏎')}…`);
        break;
      }
    }
  }
  return out;
}

/** Records outputs and fails with where the canary leaked. */
function expectClean(label: string, ...texts: string[]): void {
  const entries = texts.map((text, i) => ({ label: `${label}[${i}]`, text }));
  seen.push(...entries);
  expect(leaks(entries)).toEqual([]);
}

/** Everything under a folder, gzipped snapshots unzipped. */
function filesText(dir: string): { label: string; text: string }[] {
  const out: { label: string; text: string }[] = [];
  for (const rel of readdirSync(dir, { recursive: true, encoding: 'utf8' })) {
    const p = join(dir, rel);
    if (!statSync(p).isFile()) continue;
    const raw = readFileSync(p);
    const text = raw[0] === 0x1f && raw[1] === 0x8b ? gunzipSync(raw).toString('utf8') : raw.toString('utf8');
    out.push({ label: p, text });
  }
  return out;
}

/** Captures process.stdout/stderr (pino writes there) while `fn` runs. */
async function captureProcess<T>(fn: () => Promise<T>): Promise<{ value?: T; error?: unknown; out: string }> {
  let out = '';
  const o = jest.spyOn(process.stdout, 'write').mockImplementation((c: string | Uint8Array) => {
    out += String(c);
    return true;
  });
  const e = jest.spyOn(process.stderr, 'write').mockImplementation((c: string | Uint8Array) => {
    out += String(c);
    return true;
  });
  try {
    return { value: await fn(), out };
  } catch (error) {
    return { error, out };
  } finally {
    o.mockRestore();
    e.mockRestore();
  }
}

let work: string;
let api: TestApiServer;
const slack = new LocalSlackServer();
const ssm = new SsmStandIn();
const savedEnv = { ...process.env };

const path = (...p: string[]) => join(work, ...p);

async function cli(args: string[], env: Record<string, string> = {}): Promise<{ code: number; all: string }> {
  const { io, stdout, stderr } = recordingIo({ cwd: work, env: { HOME: work, ...env } });
  const run = await captureProcess(() => main(args, io));
  const all = `${stdout()}\n${stderr()}\n${run.out}\n${run.error instanceof Error ? `${run.error.message}\n${run.error.stack}` : ''}`;
  return { code: run.value ?? -1, all };
}

// ---------------------------------------------------------------------------------------------------------------
// Inputs

/** The reproduced case: a kubeconfig broken two lines below its credentials. */
function malformedKubeconfig(server: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: broken',
    '  cluster:',
    `    server: ${server}`,
    'users:',
    '- name: admin',
    '  user:',
    '    exec:',
    '      env:',
    `      - { name: AWS_SECRET_ACCESS_KEY, value: ${SECRET.awsSecret} }`,
    `    client-key-data: ${b64(SECRET.pem)}`,
    `    password: ${SECRET.password}`,
    `    token: ${SECRET.jwt}`,
    '   bad: : indentation',
    'contexts:',
    '- name: broken',
    '  context: { cluster: broken, user: admin }',
    'current-context: broken',
    '',
  ].join('\n');
}

/** A kubeconfig whose user has a credential plugin (`exec`), running `script` through /bin/sh. */
function execKubeconfig(server: string, caPem: string, script: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: plugin',
    `  cluster: { server: "${server}", certificate-authority-data: ${b64(caPem)} }`,
    'users:',
    '- name: plugin',
    '  user:',
    '    exec:',
    '      apiVersion: client.authentication.k8s.io/v1beta1',
    '      command: /bin/sh',
    `      args: ["-c", ${JSON.stringify(script)}]`,
    '      env:',
    `      - { name: AWS_SECRET_ACCESS_KEY, value: "${SECRET.awsSecret}" }`,
    'contexts:',
    '- name: plugin',
    '  context: { cluster: plugin, user: plugin }',
    'current-context: plugin',
    '',
  ].join('\n');
}

/** A kubeconfig with a client key that is not a key: the TLS layer refuses it. */
function badKeyKubeconfig(server: string, caPem: string): string {
  return [
    'apiVersion: v1',
    'kind: Config',
    'clusters:',
    '- name: badkey',
    `  cluster: { server: "${server}", certificate-authority-data: ${b64(caPem)} }`,
    'users:',
    '- name: badkey',
    '  user:',
    `    client-certificate-data: ${b64(caPem)}`,
    `    client-key-data: ${b64(SECRET.pem)}`,
    'contexts:',
    '- name: badkey',
    '  context: { cluster: badkey, user: badkey }',
    'current-context: badkey',
    '',
  ].join('\n');
}

const SECRET_OBJECTS = [
  {
    apiVersion: 'v1',
    kind: 'Secret',
    metadata: {
      name: 'db-credentials',
      namespace: 'web',
      annotations: {
        'kubectl.kubernetes.io/last-applied-configuration': JSON.stringify({
          apiVersion: 'v1',
          kind: 'Secret',
          stringData: { password: SECRET.password },
        }),
      },
    },
    type: 'Opaque',
    data: { password: b64(SECRET.password), token: b64(SECRET.jwt) },
    stringData: { 'aws-secret': SECRET.awsSecret },
  },
  {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: { name: 'api-0', namespace: 'web' },
    spec: {
      containers: [
        {
          name: 'api',
          image: 'registry.example/api:1.0',
          env: [
            { name: 'DB_PASSWORD', value: SECRET.password },
            { name: 'SLACK_BOT_TOKEN', value: SECRET.slackBot },
          ],
        },
      ],
    },
  },
];

function writeManifests(dir: string): void {
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'objects.json'), JSON.stringify({ apiVersion: 'v1', kind: 'List', items: SECRET_OBJECTS }));
  writeFileSync(
    join(dir, 'broken-secret.yaml'),
    [
      'apiVersion: v1',
      'kind: Secret',
      'metadata: { name: broken, namespace: web }',
      'stringData:',
      `  password: ${SECRET.password}`,
      `  token: ${SECRET.jwt}`,
      '   oops: : here',
      '',
    ].join('\n'),
  );
  writeFileSync(join(dir, 'broken.json'), `{"kind": "Secret", "data": {"token": "${SECRET.jwt}" x}}`);
  writeFileSync(
    join(dir, 'static-pod.yaml'),
    [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: kube-apiserver-cp-1, namespace: kube-system, labels: { component: kube-apiserver } }',
      'spec:',
      '  containers:',
      '  - name: kube-apiserver',
      '    command: [kube-apiserver, --anonymous-auth=false]',
      '    env:',
      `    - { name: ETCD_PASSWORD, value: "${SECRET.password}" }`,
      '',
    ].join('\n'),
  );
}

function writeHostRoot(dir: string): void {
  cpSync(join(__dirname, '../host/roots/node-a'), dir, { recursive: true });
  writeFileSync(join(dir, 'etc/shadow'), `root:${SECRET.shadow}:19000:0:99999:7:::\nalice:!:19000::::::\n`);
  writeFileSync(join(dir, 'etc/kubernetes/pki/apiserver.key'), SECRET.pem);
  mkdirSync(join(dir, 'etc/kubernetes/manifests'), { recursive: true });
  writeFileSync(
    join(dir, 'etc/kubernetes/manifests/kube-apiserver.yaml'),
    [
      'apiVersion: v1',
      'kind: Pod',
      'metadata: { name: kube-apiserver, namespace: kube-system }',
      'spec:',
      '  containers:',
      '  - name: kube-apiserver',
      '    command: [kube-apiserver, --anonymous-auth=false]',
      '    env:',
      `    - { name: ETCD_PASSWORD, value: "${SECRET.password}" }`,
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dir, 'etc/kubernetes/manifests/etcd.yaml'),
    [
      'apiVersion: v1',
      'kind: Pod',
      'spec:',
      '  containers:',
      '  - name: etcd',
      `    args: ["--peer-key=${SECRET.password}"`,
      `     bad: "${SECRET.jwt}`,
      '',
    ].join('\n'),
  );
}

function configText(storeDir: string, extra = ''): string {
  return [
    'scope: canary',
    `store: { type: local, dir: ${JSON.stringify(storeDir)} }`,
    'clusters:',
    `  - { name: valid, kubeconfig: { file: ${JSON.stringify(path('kube', 'valid.yaml'))} } }`,
    `  - { name: broken, kubeconfig: { file: ${JSON.stringify(path('kube', 'malformed.yaml'))} } }`,
    `  - { name: plugin-stderr, kubeconfig: { file: ${JSON.stringify(path('kube', 'exec-stderr.yaml'))} } }`,
    `  - { name: plugin-stdout, kubeconfig: { file: ${JSON.stringify(path('kube', 'exec-stdout.yaml'))} } }`,
    `  - { name: badkey, kubeconfig: { file: ${JSON.stringify(path('kube', 'badkey.yaml'))} } }`,
    `  - { name: rejected, kubeconfig: { file: ${JSON.stringify(path('kube', 'rejected.yaml'))} } }`,
    `  - { name: gitops, manifests: ${JSON.stringify(path('manifests'))} }`,
    'slack:',
    '  channel: CALERTS',
    '  minSeverity: low',
    '  allow:',
    '    scan: { channels: [CSECOPS], users: [UALICE], userGroups: [] }',
    '    waive: { channels: [CSECOPS], users: [UALICE], userGroups: [] }',
    extra,
    '',
  ].join('\n');
}

beforeAll(async () => {
  work = mkdtempSync(join(tmpdir(), 'cb-canary-'));
  api = await startTestApiServer({ objects: [...FIXTURE_OBJECTS, ...SECRET_OBJECTS], tokens: [SECRET.jwt] });
  await slack.start();
  await ssm.start();
  ssm.parameters.set('/compliance-bot/slack/bot-token', SECRET.slackBot);
  ssm.parameters.set('/compliance-bot/slack/signing-secret', SECRET.slackSigning);

  mkdirSync(path('kube'));
  writeFileSync(path('kube', 'valid.yaml'), api.kubeconfig({ token: SECRET.jwt }));
  writeFileSync(path('kube', 'rejected.yaml'), api.kubeconfig({ token: `${SECRET.jwt}x` }));
  writeFileSync(path('kube', 'malformed.yaml'), malformedKubeconfig(api.url));
  writeFileSync(
    path('kube', 'exec-stderr.yaml'),
    execKubeconfig(api.url, api.caPem, `echo "error: refresh token ${SECRET.jwt} expired" >&2; exit 1`),
  );
  writeFileSync(
    path('kube', 'exec-stdout.yaml'),
    execKubeconfig(api.url, api.caPem, `echo "using cached credentials ${CANARY}"`),
  );
  writeFileSync(path('kube', 'badkey.yaml'), badKeyKubeconfig(api.url, api.caPem));
  writeManifests(path('manifests'));
  writeHostRoot(path('host-root'));
  writeFileSync(path('config.yaml'), configText(path('store')));
  writeFileSync(
    path('config-broken.yaml'),
    configText(path('store'), `  signingSecret: ${SECRET.slackSigning}\n  botToken: ${SECRET.slackBot}\n   bad: : x`),
  );
  writeFileSync(
    path('config-invalid.yaml'),
    `scope: canary\nslack: { channel: CALERTS, botToken: ${SECRET.slackBot} }\n`,
  );

  Object.assign(process.env, {
    AWS_ENDPOINT_URL_SSM: ssm.url,
    AWS_ACCESS_KEY_ID: SECRET.awsKeyId,
    AWS_SECRET_ACCESS_KEY: SECRET.awsSecret,
    AWS_SESSION_TOKEN: SECRET.awsSession,
    AWS_REGION: 'eu-west-1',
    SLACK_API_URL: slack.apiUrl,
  });
}, 60_000);

afterAll(async () => {
  process.env = savedEnv;
  await Promise.all([api?.close(), slack.stop(), ssm.stop()]);
  rmSync(work, { recursive: true, force: true });
});

// ---------------------------------------------------------------------------------------------------------------

describe('the canary never leaves the scanner', () => {
  it('a malformed kubeconfig: its parse error names the position, never the lines around it', async () => {
    // The default kubeconfig (not an explicit option) broken: the cluster is reported unreachable with the reason.
    for (const format of ['json', 'text', 'markdown', 'sarif', 'junit']) {
      const r = await cli(['scan', '--no-host', '--store', 'store-default', '--format', format, '--verbose'], {
        KUBECONFIG: path('kube', 'malformed.yaml'),
      });
      expectClean(`scan default kubeconfig --format ${format}`, r.all);
      if (format === 'json') expect(r.all).toMatch(/line 16, column \d+/);
    }
    const explicit = await cli(['scan', '--kubeconfig', path('kube', 'malformed.yaml'), '--no-store']);
    expect(explicit.code).toBe(2);
    expectClean('scan --kubeconfig malformed', explicit.all);
    const who = await cli(['who-can', 'get', 'secrets', '--kubeconfig', path('kube', 'malformed.yaml')]);
    expectClean('who-can --kubeconfig malformed', who.all);
  });

  it('scan of every configured cluster (live, plugins, bad key, manifests) in every format, with every report file', async () => {
    for (const format of ['json', 'sarif', 'junit', 'markdown', 'text']) {
      const r = await cli([
        'scan',
        '--config',
        path('config.yaml'),
        '--format',
        format,
        '--output',
        path('reports', `report.${format}`),
        '--verbose',
      ]);
      expect(r.code).toBeGreaterThanOrEqual(0);
      expectClean(`scan --config --format ${format}`, r.all);
    }
    const stdout = await cli(['scan', '--config', path('config.yaml'), '--verbose', '--no-color']);
    expectClean('scan --config (text on stdout)', stdout.all);
    // The live cluster was read with the canary token, and its Secret and Pod env were listed.
    expect(api.requests.some((q) => q.authenticated)).toBe(true);
  }, 120_000);

  it('scan of a host root, manifests and the live cluster given as options', async () => {
    for (const format of ['json', 'text', 'markdown', 'sarif', 'junit']) {
      const r = await cli([
        'scan',
        '--host-root',
        path('host-root'),
        '--manifests',
        path('manifests'),
        '--kubeconfig',
        path('kube', 'valid.yaml'),
        '--store',
        path('store-options'),
        '--format',
        format,
        '--verbose',
      ]);
      expectClean(`scan --host-root --manifests --kubeconfig --format ${format}`, r.all);
    }
  }, 120_000);

  it('a malformed or invalid configuration file: the error names the position or the key, never the value', async () => {
    for (const file of ['config-broken.yaml', 'config-invalid.yaml']) {
      for (const cmd of [['scan'], ['notify', '--dry-run'], ['digest', '--dry-run'], ['waivers'], ['verify']]) {
        const r = await cli([...cmd, '--config', path(file)]);
        expect(r.code).not.toBe(0);
        expectClean(`${cmd.join(' ')} --config ${file}`, r.all);
      }
    }
  });

  it('the other commands: checks, diff, who-can, waive, waivers, verify, notify, digest', async () => {
    const cfg = ['--config', path('config.yaml')];
    const runs: [string, string[], Record<string, string>?][] = [
      ['checks', ['checks', '--format', 'json']],
      ['checks markdown', ['checks', '--format', 'markdown']],
      ...['json', 'sarif', 'junit', 'markdown', 'text'].map((f): [string, string[]] => [
        `diff ${f}`,
        ['diff', '--store', path('store'), '--format', f],
      ]),
      ['who-can live', ['who-can', 'get', 'secrets', '--kubeconfig', path('kube', 'valid.yaml')]],
      ['who-can rejected', ['who-can', 'get', 'secrets', '--kubeconfig', path('kube', 'rejected.yaml')]],
      ['who-can plugin', ['who-can', 'list', 'pods', '--kubeconfig', path('kube', 'exec-stdout.yaml')]],
      ['who-can manifests', ['who-can', 'list', 'secrets', '--manifests', path('manifests')]],
      ['waivers', ['waivers', ...cfg, '--all']],
      ['waivers json', ['waivers', ...cfg, '--format', 'json']],
      ['verify', ['verify', ...cfg]],
      ['verify json', ['verify', ...cfg, '--format', 'json']],
      ['notify --dry-run', ['notify', ...cfg, '--dry-run']],
      ['digest --dry-run', ['digest', ...cfg, '--dry-run']],
      ['notify', ['notify', ...cfg], { SLACK_BOT_TOKEN: SECRET.slackBot, SLACK_API_URL: slack.apiUrl }],
    ];
    const report = JSON.parse(readFileSync(path('reports', 'report.json'), 'utf8')) as {
      results: { fingerprint: string; status: string }[];
    };
    const failing = report.results.find((r) => r.status === 'fail');
    expect(failing).toBeDefined();
    runs.push([
      'waive',
      ['waive', String(failing?.fingerprint), '--days', '5', '--reason', 'vendor fix due', '--by', 'alice', ...cfg],
    ]);
    runs.push(['waivers after waive', ['waivers', ...cfg]]);
    for (const [label, args, env] of runs) {
      const r = await cli(args, env);
      expectClean(label, r.all);
    }
    // A Slack error answer (the client echoes nothing of the request).
    slack.fail('chat.postMessage', { status: 200, body: { ok: false, error: 'invalid_auth' } });
    const failed = await cli(['notify', ...cfg], { SLACK_BOT_TOKEN: SECRET.slackBot, SLACK_API_URL: slack.apiUrl });
    expectClean('notify with invalid_auth', failed.all);
    // A token pasted with a second line: fetch's own error would quote the whole header value.
    const pasted = await cli(['notify', ...cfg, '--channel', 'C0PASTED1'], {
      SLACK_BOT_TOKEN: `${SECRET.slackBot}\nsigning: ${CANARY}`,
      SLACK_API_URL: slack.apiUrl,
    });
    expect(pasted.code).not.toBe(0);
    expectClean('notify with a two-line token', pasted.all);
  }, 120_000);

  it('the nightly Lambda: logs (CloudWatch), its outcome or error, stored snapshots, Slack posts', async () => {
    process.env.COMPLIANCE_BOT_CONFIG_FILE = path('config.yaml');
    delete process.env.COMPLIANCE_BOT_CONFIG;
    const run = await captureProcess(() =>
      nightlyHandler({ source: 'compliance-bot.schedule' }, { awsRequestId: 'req-1' }),
    );
    expectClean(
      'nightly',
      run.out,
      JSON.stringify(run.value ?? null),
      run.error instanceof Error ? `${run.error.message}\n${run.error.stack}` : String(run.error ?? ''),
    );
    expect(run.out).toMatch(/"message":"scan evaluated"/);

    // A malformed configuration: the start failure is logged as one JSON line.
    process.env.COMPLIANCE_BOT_CONFIG = readFileSync(path('config-broken.yaml'), 'utf8');
    const broken = await captureProcess(() => nightlyHandler({}, { awsRequestId: 'req-2' }));
    expect(broken.error).toBeDefined();
    expect(broken.out).toMatch(/nightly scan could not start/);
    expectClean('nightly with a malformed configuration', broken.out, String((broken.error as Error)?.message));
    delete process.env.COMPLIANCE_BOT_CONFIG;
  }, 120_000);

  it('the Slack handlers: the command handler, the worker (scan, who-can), the weekly digest', async () => {
    const env = {
      ...process.env,
      COMPLIANCE_BOT_CONFIG: configText(path('store')),
      SCAN_WORKER_FUNCTION: 'compliance-bot-scan-worker',
      SLACK_BOT_ID: 'BBOT',
      SLACK_BOT_USER_ID: 'UBOT',
      SLACK_API_URL: slack.apiUrl,
      SLACK_RESPONSE_URL_PREFIXES: `http://127.0.0.1:${slack.port}/response/`,
    };
    const jobs: unknown[] = [];
    const lambda = {
      send: async (cmd: { input: { Payload?: Uint8Array } }) => {
        jobs.push(JSON.parse(Buffer.from(cmd.input.Payload ?? new Uint8Array()).toString('utf8')));
        return { StatusCode: 202 };
      },
    } as unknown as LambdaClient;
    const run = await captureProcess(async () => {
      const h = await buildSlackHandler(env, { lambda });
      const ctx = {} as never;
      const out: unknown[] = [];
      for (const text of ['help', 'scan cluster valid', 'who-can get secrets', 'status']) {
        out.push(
          await h(
            signedEvent(slashCommandBody({ text, response_url: slack.responseUrl(text.replace(/\W/g, '-')) }), {
              secret: SECRET.slackSigning,
            }) as never,
            ctx,
          ),
        );
      }
      // A forged request and one signed with a wrong secret are refused and logged.
      out.push(
        await h(signedEvent(slashCommandBody({ text: 'help', response_url: 'x' }), { secret: 'wrong' }) as never, ctx),
      );
      const worker = await buildWorker(env, { collectorDeps: { baseDir: work } });
      for (const job of jobs) out.push(await worker(job).catch((err: Error) => err.message));
      const worker2 = await buildWorker(env, { collectorDeps: { baseDir: work } });
      out.push(
        await worker2({
          v: 1,
          id: 'job-all',
          command: { name: 'scan', selection: { kind: 'all' } },
          userId: 'UALICE',
          channelId: 'CSECOPS',
          responseUrl: slack.responseUrl('job-all'),
          requestedAt: Date.now(),
        }).catch((err: Error) => err.message),
      );
      out.push(
        await runWeeklyDigest({ ...env, COMPLIANCE_BOT_CONFIG: configText(path('store')) }).catch(
          (err: Error) => err.message,
        ),
      );
      return out;
    });
    expect(jobs.length).toBeGreaterThan(0);
    expectClean(
      'slack handlers',
      run.out,
      JSON.stringify(run.value ?? null),
      run.error instanceof Error ? `${run.error.message}\n${run.error.stack}` : '',
    );
  }, 120_000);

  it('every Slack API request the local Slack server received', () => {
    expect(slack.calls.length).toBeGreaterThan(0);
    expectClean(
      'Slack requests',
      ...slack.calls.map((c) => `${c.method} ${c.path} ${JSON.stringify(c.body)} ${c.raw.toString('utf8')}`),
    );
  });

  it('every stored object (snapshots unzipped, markers, waivers) and every report file', () => {
    const files = filesText(work).filter(
      (f) =>
        !f.label.startsWith(path('kube')) &&
        !f.label.startsWith(path('manifests')) &&
        !f.label.startsWith(path('host-root')) &&
        !/config[^/]*\.yaml$/.test(f.label),
    );
    expect(files.some((f) => f.label.includes('_snapshots'))).toBe(true);
    expect(files.some((f) => f.label.startsWith(path('reports')))).toBe(true);
    seen.push(...files);
    expect(leaks(files)).toEqual([]);
  });

  it('the sweep saw the planted inputs (the test would catch a leak)', () => {
    expect(leaks([{ label: 'input', text: readFileSync(path('kube', 'malformed.yaml'), 'utf8') }])).toHaveLength(1);
    expect(seen.length).toBeGreaterThan(50);
  });
});

// CANARY_DUMP=FILE writes every output the test inspected, to review what it saw.
afterAll(() => {
  if (process.env.CANARY_DUMP)
    writeFileSync(process.env.CANARY_DUMP, seen.map((s) => `==== ${s.label}\n${s.text}`).join('\n'));
});
