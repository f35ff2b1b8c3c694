/**
 * `serverless invoke local` of the nightly scan, the development command of docs/deploy.md: the bundled handler
 * (serverless-esbuild, the deployment's plugins) against the test Kubernetes API server over HTTPS, the local Slack
 * API, an SSM stand-in holding the bot token, and a local snapshot store. No AWS credentials, no network.
 */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { copyService, offlineEnv, type ServiceCopy, serverless } from './sls';
import { BOT_TOKEN, BOT_TOKEN_PARAMETER, invokeLocalArgs, type StandIns, startStandIns } from './standins';

type Line = Record<string, unknown>;

describe('serverless invoke local --function nightlyScan', () => {
  let copy: ServiceCopy;
  let s: StandIns;
  let lines: Line[];
  let result: { scopes: { scope: string; scanId: string; stored: string; posted: boolean; error?: string }[] };

  beforeAll(async () => {
    s = await startStandIns();
    copy = copyService();
    const { stdout } = await serverless(copy.dir, invokeLocalArgs(s), offlineEnv());
    lines = stdout
      .split('\n')
      .filter((l) => l.startsWith('{"'))
      .map((l) => JSON.parse(l) as Line);
    // The handler's return value is printed last, pretty-printed.
    result = JSON.parse(stdout.slice(stdout.lastIndexOf('\n{\n') + 1, stdout.lastIndexOf('\n}') + 2));
  }, 300_000);

  afterAll(async () => {
    await s?.stop();
    copy?.remove();
  });

  it('scans the stand-in cluster over HTTPS with the kubeconfig token and stores the snapshot', () => {
    expect(result.scopes).toHaveLength(1);
    const [scope] = result.scopes;
    expect(scope.scope).toBe('local/cluster/standin');
    expect(scope.error).toBeUndefined();
    expect(existsSync(join(s.storeDir, scope.stored))).toBe(true);
    // Every list with the kubeconfig's token; the only unauthenticated requests are the anonymous-access probe's.
    const lists = s.api.requests.filter((r) => r.authenticated && r.query.limit !== undefined);
    expect(lists.map((r) => r.path)).toEqual(
      expect.arrayContaining(['/apis/rbac.authorization.k8s.io/v1/clusterroles', '/api/v1/namespaces']),
    );
    const anonymous = s.api.requests.filter((r) => !r.authenticated).map((r) => r.path);
    for (const p of anonymous) expect(['/version', '/api', '/apis', '/api/v1/namespaces/default/pods']).toContain(p);
  });

  it('reads the bot token from SSM at run time and posts the baseline to the configured channel', () => {
    expect(s.ssm.requests).toContainEqual({ target: 'AmazonSSM.GetParameter', name: BOT_TOKEN_PARAMETER });
    const posts = s.slack.calls.filter((c) => c.method === 'chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0].body.channel).toBe('CLOCAL');
    expect(posts[0].headers.authorization).toBe(`Bearer ${BOT_TOKEN}`);
    expect(result.scopes[0].posted).toBe(true);
  });

  it('logs JSON lines that carry the request, and the scan ID and target on every scan line', () => {
    const logs = lines.filter((l) => typeof l.level === 'string');
    expect(logs.length).toBeGreaterThan(3);
    for (const l of logs) expect(typeof l.requestId).toBe('string');
    const scanLines = logs.filter((l) =>
      ['scan evaluated', 'slack delivery', 'snapshot stored'].includes(String(l.message)),
    );
    expect(scanLines).toHaveLength(3);
    for (const l of scanLines)
      expect(l).toMatchObject({ target: 'local/cluster/standin', scanId: result.scopes[0].scanId });
    // The token never reaches the logs.
    expect(JSON.stringify(lines)).not.toContain(BOT_TOKEN);
  });

  it('writes the scan metrics in embedded metric format', () => {
    const emf = lines.filter((l) => '_aws' in l);
    expect(emf.length).toBe(11);
    const summary = emf.find((l) => 'ScanDuration' in l);
    expect(summary).toMatchObject({ Stage: 'local', Scope: 'local/cluster/standin', Targets: 1 });
    const results = emf.filter((l) => 'Results' in l).reduce((n, l) => n + Number(l.Results), 0);
    expect(results).toBeGreaterThan(10);
  });
});
