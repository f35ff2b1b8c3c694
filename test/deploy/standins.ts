/**
 * Local stand-ins for `serverless invoke local` of the nightly scan: the test Kubernetes API server (HTTPS, real list
 * protocol), the local Slack API, an SSM Parameter Store stand-in speaking the SSM JSON protocol (the bot token), and a
 * local snapshot store, with a configuration and a kubeconfig written to a temporary folder.
 *
 * As a development command (prints the invoke command, runs until Ctrl-C):
 *   node bin/run-ts.js test/deploy/standins.ts
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { FIXTURE_OBJECTS } from '../k8s/fixture-cluster';
import { startTestApiServer, type TestApiServer } from '../k8s-server/server';
import { LocalSlackServer } from '../slack/server';

export const BOT_TOKEN = 'xoxb-local-standin-token';
export const BOT_TOKEN_PARAMETER = '/compliance-bot/slack/bot-token';

/** SSM Parameter Store over its real JSON protocol (`X-Amz-Target: AmazonSSM.GetParameter`), on 127.0.0.1. */
export class SsmStandIn {
  readonly parameters = new Map<string, string>();
  readonly requests: { target: string; name?: string }[] = [];
  private server: Server | null = null;
  port = 0;

  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  async start(): Promise<this> {
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((err) =>
        this.reply(res, 500, { __type: 'InternalServerError', message: String(err) }),
      );
    });
    await new Promise<void>((resolve) => this.server?.listen(0, '127.0.0.1', resolve));
    this.port = (this.server.address() as AddressInfo).port;
    return this;
  }

  async stop(): Promise<void> {
    if (!this.server) return;
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server?.close(() => resolve()));
  }

  private reply(res: ServerResponse, status: number, body: unknown) {
    res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' });
    res.end(JSON.stringify(body));
  }

  private async handle(req: IncomingMessage, res: ServerResponse) {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const target = String(req.headers['x-amz-target'] ?? '');
    let body: { Name?: string } = {};
    try {
      body = JSON.parse(Buffer.concat(chunks).toString('utf8') || '{}');
    } catch {
      return this.reply(res, 400, { __type: 'SerializationException', message: 'invalid JSON' });
    }
    this.requests.push({ target, name: body.Name });
    if (!String(req.headers.authorization ?? '').startsWith('AWS4-HMAC-SHA256 ')) {
      return this.reply(res, 400, { __type: 'MissingAuthenticationTokenException', message: 'unsigned request' });
    }
    if (target !== 'AmazonSSM.GetParameter') {
      return this.reply(res, 400, { __type: 'UnknownOperationException', message: target });
    }
    const value = body.Name ? this.parameters.get(body.Name) : undefined;
    if (value === undefined) return this.reply(res, 400, { __type: 'ParameterNotFound', message: 'not found' });
    return this.reply(res, 200, {
      Parameter: { Name: body.Name, Type: 'SecureString', Value: value, Version: 1, DataType: 'text' },
    });
  }
}

export interface StandIns {
  dir: string;
  configFile: string;
  storeDir: string;
  api: TestApiServer;
  slack: LocalSlackServer;
  ssm: SsmStandIn;
  /** `-e` options of `serverless invoke local`. */
  env: Record<string, string>;
  stop(): Promise<void>;
}

export async function startStandIns(): Promise<StandIns> {
  const dir = mkdtempSync(join(tmpdir(), 'compliance-bot-local-'));
  const storeDir = join(dir, 'store');
  mkdirSync(storeDir);
  const api = await startTestApiServer({ objects: FIXTURE_OBJECTS });
  const slack = await new LocalSlackServer().start();
  const ssm = await new SsmStandIn().start();
  ssm.parameters.set(BOT_TOKEN_PARAMETER, BOT_TOKEN);
  writeFileSync(join(dir, 'kubeconfig.yaml'), api.kubeconfig());
  const configFile = join(dir, 'compliance-bot.config.yaml');
  writeFileSync(
    configFile,
    [
      'scope: local',
      `store: { type: local, dir: ${JSON.stringify(storeDir)} }`,
      'clusters:',
      `  - name: standin`,
      `    kubeconfig: { file: ${JSON.stringify(join(dir, 'kubeconfig.yaml'))} }`,
      'slack:',
      '  channel: CLOCAL',
      `  botTokenParameter: ${BOT_TOKEN_PARAMETER}`,
      '',
    ].join('\n'),
  );
  return {
    dir,
    configFile,
    storeDir,
    api,
    slack,
    ssm,
    env: {
      SLACK_API_URL: slack.apiUrl,
      AWS_ENDPOINT_URL_SSM: ssm.url,
      AWS_ACCESS_KEY_ID: 'local',
      AWS_SECRET_ACCESS_KEY: 'local',
      AWS_REGION: 'eu-west-1',
    },
    async stop() {
      await Promise.all([api.close(), slack.stop(), ssm.stop()]);
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The `serverless invoke local` arguments for the nightly scan against the stand-ins. */
export function invokeLocalArgs(s: StandIns): string[] {
  return [
    'invoke',
    'local',
    '--function',
    'nightlyScan',
    '--stage',
    'local',
    '--param=invokeLocal=true',
    `--param=configFile=${s.configFile}`,
    ...Object.entries(s.env).flatMap(([k, v]) => ['--env', `${k}=${v}`]),
    '--data',
    '{"source":"compliance-bot.schedule","kind":"nightly"}',
  ];
}

// Run directly (`node bin/run-ts.js test/deploy/standins.ts` bundles it, so require.main is run-ts.js).
if (require.main === module || /standins\.ts$/.test(process.argv[1] ?? '')) {
  startStandIns().then((s) => {
    const quote = (a: string) => (/^[A-Za-z0-9_./:=@-]+$/.test(a) ? a : `'${a.replace(/'/g, "'\\''")}'`);
    process.stdout.write(
      `Stand-ins running (Ctrl-C to stop):\n  Kubernetes API ${s.api.url}\n  Slack API ${s.slack.apiUrl}\n  SSM ${s.ssm.url}\n  store ${s.storeDir}\n\nIn another terminal, from the checkout:\n  SLS_TELEMETRY_DISABLED=1 npx serverless ${invokeLocalArgs(s).map(quote).join(' ')}\n`,
    );
    const stop = () => {
      s.stop().finally(() => process.exit(0));
    };
    process.on('SIGINT', stop);
    process.on('SIGTERM', stop);
  });
}
