/**
 * What s3rver cannot do: conditional-write failures (412, 409), denied access, SSE-KMS. Retries of throttling and
 * server errors are the client's (s3.retry.test.ts).
 */
import {
  GetObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
  S3Client,
  S3ServiceException,
} from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import 'aws-sdk-client-mock-jest';
import { snapshot } from '../../test/s3/snapshots';
import { encodeSnapshot } from './codec';
import { snapshotKey } from './layout';
import { S3SnapshotStore, S3WaiverBackend } from './s3';
import { DocumentWaiverStore, encodeWaiverDocument } from './waivers';

const s3 = new S3Client({ region: 'eu-west-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
const mock = mockClient(s3);
const noSleep = async () => {};

function s3Error(name: string, status: number): S3ServiceException {
  return new S3ServiceException({
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    message: name,
  });
}

/** The part of the SDK's stream mixin the store uses. */
function body(bytes: Buffer) {
  return { transformToByteArray: async () => new Uint8Array(bytes) };
}

const snap = snapshot({ startedAt: '2026-11-30T02:00:00.000Z' });
const firstKey = snapshotKey(snap);

beforeEach(() => mock.reset());

function store(extra: { kmsKeyId?: string } = {}) {
  return new S3SnapshotStore(s3, { bucket: 'b', prefix: 'p', sleep: noSleep, onProblem: () => {}, ...extra });
}

describe('Class: S3SnapshotStore (mocked S3)', () => {
  describe('Method: save', () => {
    it('puts with If-None-Match: * and SSE-S3 by default', async () => {
      mock.on(PutObjectCommand).resolves({});
      await store().save(snap);
      expect(mock).toHaveReceivedCommandWith(PutObjectCommand, {
        Bucket: 'b',
        Key: `p/${firstKey}`,
        IfNoneMatch: '*',
        ServerSideEncryption: 'AES256',
        ContentType: 'application/gzip',
      });
    });

    it('uses SSE-KMS with the configured key', async () => {
      mock.on(PutObjectCommand).resolves({});
      await store({ kmsKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/abc' }).save(snap);
      expect(mock).toHaveReceivedCommandWith(PutObjectCommand, {
        Key: `p/${firstKey}`,
        ServerSideEncryption: 'aws:kms',
        SSEKMSKeyId: 'arn:aws:kms:eu-west-1:111122223333:key/abc',
      });
    });

    it('on 412 (the key exists) stores the snapshot under a new key and never overwrites', async () => {
      mock.on(PutObjectCommand).resolves({});
      mock.on(PutObjectCommand, { Key: `p/${firstKey}` }).rejects(s3Error('PreconditionFailed', 412));
      const { ref, sha256 } = await store().save(snap);
      expect(ref.key).not.toBe(firstKey);
      expect(ref.key).toMatch(
        /^local\/_snapshots\/2026-11-30\/20261130T020000000Z_20261130T020000Z-abc123_[0-9a-f]{8}\.json\.gz$/,
      );
      expect(ref.scanId).toBe(snap.scanId);
      expect(sha256).toBe(encodeSnapshot(snap).sha256);
      const snapshotPuts = mock
        .commandCalls(PutObjectCommand)
        .map((c) => c.args[0].input)
        .filter((i) => i.Key?.endsWith('.json.gz'));
      expect(snapshotPuts.map((i) => i.Key)).toEqual([`p/${firstKey}`, `p/${ref.key}`]);
      expect(snapshotPuts.every((i) => i.IfNoneMatch === '*' && i.IfMatch === undefined)).toBe(true);
    });

    it('on 412 from its own earlier write (a retry after the write landed) keeps that object: stored once', async () => {
      const { bytes } = encodeSnapshot(snap);
      mock.on(PutObjectCommand).resolves({});
      mock.on(PutObjectCommand, { Key: `p/${firstKey}` }).rejects(s3Error('PreconditionFailed', 412));
      mock.on(GetObjectCommand, { Key: `p/${firstKey}` }).resolves({ Body: body(bytes) } as never);
      const { ref } = await store().save(snap);
      expect(ref.key).toBe(firstKey);
      const snapshotPuts = mock.commandCalls(PutObjectCommand).filter((c) => c.args[0].input.Key?.endsWith('.json.gz'));
      expect(snapshotPuts).toHaveLength(1);
    });

    it('on 409 (a concurrent conditional write) retries and succeeds', async () => {
      mock.on(PutObjectCommand).resolves({});
      mock
        .on(PutObjectCommand, { Key: `p/${firstKey}` })
        .rejectsOnce(s3Error('ConditionalRequestConflict', 409))
        .resolves({});
      const { ref } = await store().save(snap);
      expect(ref.key).toBe(firstKey);
      expect(mock.commandCalls(PutObjectCommand, { Key: `p/${firstKey}` })).toHaveLength(2);
    });

    it('says what to check when access is denied', async () => {
      mock.on(PutObjectCommand).rejects(s3Error('AccessDenied', 403));
      await expect(store().save(snap)).rejects.toThrow(/AccessDenied.*check the IAM policy/);
      expect(mock.commandCalls(PutObjectCommand)).toHaveLength(1);
    });
  });

  describe('Method: latest', () => {
    it('does not skip over a snapshot it was denied access to: the error is raised, not a silent older baseline', async () => {
      mock
        .on(ListObjectsV2Command, { Prefix: 'p/local/_snapshots/' })
        .resolves({ CommonPrefixes: [{ Prefix: 'p/local/_snapshots/2026-11-30/' }] });
      mock
        .on(ListObjectsV2Command, { Prefix: 'p/local/_snapshots/2026-11-30/' })
        .resolves({ Contents: [{ Key: `p/${firstKey}` }] });
      mock.on(GetObjectCommand).rejects(s3Error('AccessDenied', 403));
      await expect(store().latest('local')).rejects.toThrow(/GetObject .* failed: AccessDenied/);
    });
  });
});

describe('Class: S3WaiverBackend (mocked S3)', () => {
  const waiver = {
    fingerprint: '0123456789abcdef0123',
    reason: 'Accepted until the migration.',
    expires: '2026-12-15T00:00:00.000Z',
    createdBy: 'alice',
    createdAt: '2026-11-30T00:00:00.000Z',
  };
  const other = { ...waiver, id: 'w-aaaaaaaaaa', fingerprint: 'ffffffffffffffffffff' };

  it('writes with If-Match on the ETag it read, and on 412 re-reads and retries without losing the other waiver', async () => {
    const backend = new S3WaiverBackend(s3, { bucket: 'b', prefix: 'p/', sleep: noSleep });
    const store = new DocumentWaiverStore(backend, { clock: () => new Date('2026-11-30T00:00:00Z'), sleep: noSleep });
    mock
      .on(GetObjectCommand, { Key: 'p/_waivers.json' })
      .resolvesOnce({ Body: body(encodeWaiverDocument([])), ETag: '"v1"' } as never)
      .resolves({ Body: body(encodeWaiverDocument([other])), ETag: '"v2"' } as never);
    mock
      .on(PutObjectCommand, { IfMatch: '"v1"' })
      .rejects(s3Error('PreconditionFailed', 412))
      .on(PutObjectCommand, { IfMatch: '"v2"' })
      .resolves({});
    const added = await store.add(waiver);
    expect(added.id).toMatch(/^w-[0-9a-f]{10}$/);
    const puts = mock.commandCalls(PutObjectCommand).map((c) => c.args[0].input);
    expect(puts.map((p) => p.IfMatch)).toEqual(['"v1"', '"v2"']);
    const written = JSON.parse(String(puts[1].Body));
    expect(written.waivers.map((w: { fingerprint: string }) => w.fingerprint)).toEqual([
      other.fingerprint,
      waiver.fingerprint,
    ]);
  });

  it('creates the document with If-None-Match: * when there is none', async () => {
    const backend = new S3WaiverBackend(s3, { bucket: 'b', prefix: 'p/', sleep: noSleep });
    const store = new DocumentWaiverStore(backend, { clock: () => new Date('2026-11-30T00:00:00Z'), sleep: noSleep });
    mock.on(GetObjectCommand).rejects(s3Error('NoSuchKey', 404));
    mock.on(PutObjectCommand).resolves({});
    await store.add(waiver);
    expect(mock).toHaveReceivedCommandWith(PutObjectCommand, { Key: 'p/_waivers.json', IfNoneMatch: '*' });
  });

  it('gives up with a clear error when the document keeps changing', async () => {
    const backend = new S3WaiverBackend(s3, { bucket: 'b', prefix: 'p/', sleep: noSleep });
    const store = new DocumentWaiverStore(backend, {
      clock: () => new Date('2026-11-30T00:00:00Z'),
      sleep: noSleep,
      maxAttempts: 3,
    });
    mock.on(GetObjectCommand).callsFake(async () => ({ Body: body(encodeWaiverDocument([])), ETag: '"v"' }));
    mock.on(PutObjectCommand).rejects(s3Error('ConditionalRequestConflict', 409));
    await expect(store.add(waiver)).rejects.toThrow(/kept changing during 3 attempts/);
    expect(mock.commandCalls(PutObjectCommand)).toHaveLength(3);
  });
});
