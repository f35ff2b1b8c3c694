/**
 * S3 retries are the client's alone: the stores' S3 client (storeRetry) retries throttling and server errors, and
 * the store does not retry on top of it. Requests are counted at the HTTP handler, under the SDK's whole stack.
 */
import { Readable } from 'node:stream';
import { S3Client } from '@aws-sdk/client-s3';
import type { HttpRequest } from '@smithy/protocol-http';
import { HttpResponse } from '@smithy/protocol-http';
import { snapshot } from '../../test/s3/snapshots';
import { STORE_MAX_ATTEMPTS, storeRetry } from '../aws/retry';
import { encodeSnapshot } from './codec';
import { snapshotKey } from './layout';
import { S3SnapshotStore } from './s3';

type Answer = { status: number; body?: string | Buffer; headers?: Record<string, string> };

const slowDown: Answer = {
  status: 503,
  body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message></Error>',
  headers: { 'content-type': 'application/xml' },
};

/** An S3 endpoint answering each request from `answer`, recording the requests' methods and paths. */
function endpoint(answer: (req: HttpRequest) => Answer) {
  const requests: string[] = [];
  const requestHandler = {
    handle: async (req: HttpRequest) => {
      requests.push(`${req.method} ${req.path}${req.query?.prefix ? `?prefix=${req.query.prefix}` : ''}`);
      const a = answer(req);
      return {
        response: new HttpResponse({
          statusCode: a.status,
          headers: { 'x-amz-request-id': 'r', ...a.headers },
          body: Readable.from([Buffer.from(a.body ?? '')]),
        }),
      };
    },
  };
  const client = new S3Client({
    region: 'eu-west-1',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    endpoint: 'http://127.0.0.1:9',
    forcePathStyle: true,
    requestHandler,
    ...storeRetry(() => 0),
  });
  return { client, requests };
}

const snap = snapshot({ startedAt: '2026-11-30T02:00:00.000Z' });
const key = snapshotKey(snap);
const store = (client: S3Client) =>
  new S3SnapshotStore(client, { bucket: 'b', prefix: 'p', sleep: async () => {}, onProblem: () => {} });

describe('S3 retries (the client, not the store)', () => {
  it(`gives up after ${STORE_MAX_ATTEMPTS} requests in all when S3 keeps answering 503 SlowDown`, async () => {
    const e = endpoint(() => slowDown);
    await expect(store(e.client).save(snap)).rejects.toThrow(
      `S3 PutObject s3://b/p/${key} failed after ${STORE_MAX_ATTEMPTS} attempts: SlowDown`,
    );
    expect(e.requests).toEqual(Array(STORE_MAX_ATTEMPTS).fill(`PUT /b/p/${key}`));
  });

  it('stores the snapshot once when 503 SlowDown passes', async () => {
    let puts = 0;
    const e = endpoint((req) => {
      if (req.method === 'PUT' && req.path === `/b/p/${key}` && ++puts <= 2) return slowDown;
      return { status: 200, headers: { etag: '"e"' } };
    });
    const { ref } = await store(e.client).save(snap);
    expect(ref.key).toBe(key);
    expect(e.requests.filter((r) => r === `PUT /b/p/${key}`)).toHaveLength(3);
  });

  it('retries a throttled listing and reads the newest snapshot', async () => {
    const { bytes } = encodeSnapshot(snap);
    let throttled = false;
    const day = 'p/local/_snapshots/2026-11-30/';
    const list = (prefixes: string[], keys: string[]) =>
      `<?xml version="1.0" encoding="UTF-8"?><ListBucketResult><IsTruncated>false</IsTruncated>${keys.map((k) => `<Contents><Key>${k}</Key></Contents>`).join('')}${prefixes.map((p) => `<CommonPrefixes><Prefix>${p}</Prefix></CommonPrefixes>`).join('')}</ListBucketResult>`;
    const e = endpoint((req) => {
      const prefix = req.query?.prefix;
      if (prefix === 'p/local/_snapshots/') {
        if (!throttled) {
          throttled = true;
          return slowDown;
        }
        return { status: 200, body: list([day], []), headers: { 'content-type': 'application/xml' } };
      }
      if (prefix === day)
        return { status: 200, body: list([], [`p/${key}`]), headers: { 'content-type': 'application/xml' } };
      if (req.method === 'GET' && req.path === `/b/p/${key}`)
        return { status: 200, body: bytes, headers: { etag: '"e"' } };
      return {
        status: 404,
        body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>NoSuchKey</Code><Message>no</Message></Error>',
        headers: { 'content-type': 'application/xml' },
      };
    });
    expect((await store(e.client).latest('local'))?.snapshot).toEqual(snap);
    expect(e.requests.filter((r) => r.endsWith('?prefix=p/local/_snapshots/'))).toHaveLength(2);
  });
});
