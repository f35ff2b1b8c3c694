/**
 * End to end: the real `compliance-bot` command, run twice with `--store s3://bucket/prefix` against an
 * S3-compatible endpoint (s3rver on 127.0.0.1) named by the SDK's standard AWS_ENDPOINT_URL_S3. Two snapshots are
 * stored, the second diffed against the first; `verify` then finds the chain intact.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { run as verify } from '../../src/cli/commands/verify';
import { S3SnapshotStore } from '../../src/store/s3';
import { s3ClientFromEnv } from '../../src/store/s3-client';
import { S3RVER_CREDENTIALS, type S3TestServer, startS3Server } from './server';

const root = join(__dirname, '..', '..');
let server: S3TestServer;

beforeAll(async () => {
  server = await startS3Server(['cli-bucket']);
});
afterAll(async () => {
  await server?.stop();
});

function env(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    AWS_ENDPOINT_URL_S3: server.endpoint,
    AWS_ACCESS_KEY_ID: S3RVER_CREDENTIALS.accessKeyId,
    AWS_SECRET_ACCESS_KEY: S3RVER_CREDENTIALS.secretAccessKey,
    AWS_EC2_METADATA_DISABLED: 'true',
    KUBECONFIG: join(root, 'does-not-exist'),
    NO_COLOR: '1',
  };
}

async function scan(): Promise<{
  diff: { baseline: boolean; previousScanId: string | null; regressions: unknown[] };
  scan: { id: string };
}> {
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [
      join(root, 'bin', 'compliance-bot.js'),
      'scan',
      '--manifests',
      join(root, 'examples', 'demo-cluster'),
      '--store',
      's3://cli-bucket/team-a',
      '--scope',
      'demo',
      '--format',
      'json',
      '--quiet',
    ],
    { cwd: root, env: env(), maxBuffer: 64 * 1024 * 1024 },
  );
  return JSON.parse(stdout);
}

it('stores two scans in S3 through AWS_ENDPOINT_URL_S3, the second diffed against the first', async () => {
  const first = await scan();
  const second = await scan();
  expect(first.diff.baseline).toBe(true);
  expect(second.diff).toMatchObject({ baseline: false, previousScanId: first.scan.id, regressions: [] });

  const client = s3ClientFromEnv(env(), { credentials: S3RVER_CREDENTIALS });
  try {
    const store = new S3SnapshotStore(client, { bucket: 'cli-bucket', prefix: 'team-a/' });
    expect((await store.list('demo')).map((r) => r.scanId)).toEqual([first.scan.id, second.scan.id]);
    expect((await store.history('demo')).map((s) => s.scanId)).toEqual([first.scan.id, second.scan.id]);
  } finally {
    client.destroy();
  }

  let out = '';
  const code = await verify(['--store', 's3://cli-bucket/team-a'], {
    stdout: (s) => {
      out += s;
    },
    stderr: () => {},
    cwd: root,
    env: env(),
  });
  expect({ code, out }).toEqual({
    code: 0,
    out: expect.stringMatching(/^demo \(s3:\/\/cli-bucket\/team-a\/\): intact: 2 snapshot/),
  });
}, 180_000);
