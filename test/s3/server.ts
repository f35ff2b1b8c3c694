/**
 * An S3 server speaking the real protocol over real HTTP on 127.0.0.1 (s3rver, in a child process), for store
 * tests. Start it in beforeAll, stop it in afterAll.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Client } from '@aws-sdk/client-s3';

export interface S3TestServer {
  /** `http://127.0.0.1:PORT` */
  endpoint: string;
  /** Where s3rver keeps the objects (a bucket is a folder; objects are files named `KEY._S3rver_object`). */
  directory: string;
  /** A client for it: path-style, fixed test credentials, no retries hidden behind the store's own. */
  client(): S3Client;
  stop(): Promise<void>;
}

export const S3RVER_CREDENTIALS = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export async function startS3Server(buckets: string[]): Promise<S3TestServer> {
  const directory = mkdtempSync(join(tmpdir(), 'cb-s3rver-'));
  const child: ChildProcess = spawn(process.execPath, [join(__dirname, 's3rver-child.js'), directory, ...buckets], {
    env: { ...process.env, NODE_OPTIONS: '--openssl-legacy-provider' },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (d) => {
    stderr += String(d);
  });
  const port = await new Promise<number>((resolve, reject) => {
    let out = '';
    child.stdout?.on('data', (d) => {
      out += String(d);
      const line = out.split('\n')[0];
      if (out.includes('\n')) {
        try {
          resolve((JSON.parse(line) as { port: number }).port);
        } catch (err) {
          reject(new Error(`s3rver printed something unexpected: ${line}`, { cause: err }));
        }
      }
    });
    child.once('exit', (code) => reject(new Error(`s3rver exited with ${code}: ${stderr}`)));
    child.once('error', reject);
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const clients: S3Client[] = [];
  return {
    endpoint,
    directory,
    client() {
      const c = new S3Client({
        endpoint,
        region: 'us-east-1',
        forcePathStyle: true,
        credentials: S3RVER_CREDENTIALS,
        maxAttempts: 1,
      });
      clients.push(c);
      return c;
    },
    async stop() {
      for (const c of clients) c.destroy();
      if (child.exitCode === null) {
        const exited = new Promise<void>((r) => child.once('exit', () => r()));
        child.stdin?.end();
        await exited;
      }
      rmSync(directory, { recursive: true, force: true });
    },
  };
}
