import { PutObjectCommand, S3Client, S3ServiceException } from '@aws-sdk/client-s3';
import { mockClient } from 'aws-sdk-client-mock';
import { tempDir } from '../../test/slack/support';
import { LocalMarkerStore, MemoryMarkerStore, once, S3MarkerStore } from './markers';

describe('Class: LocalMarkerStore', () => {
  it('creates a marker once; the second create says it exists', async () => {
    const m = new LocalMarkerStore(tempDir());
    expect(await m.create('posts/scan-1/done', '{}')).toBe(true);
    expect(await m.create('posts/scan-1/done', '{}')).toBe(false);
    expect(await m.get('posts/scan-1/done')).toBe('{}');
    await m.remove('posts/scan-1/done');
    expect(await m.get('posts/scan-1/done')).toBeNull();
  });
  it('lets exactly one of 20 concurrent creates win', async () => {
    const m = new LocalMarkerStore(tempDir());
    const wins = await Promise.all(Array.from({ length: 20 }, () => m.create('k/claim', 'x')));
    expect(wins.filter(Boolean)).toHaveLength(1);
  });
  it('refuses a path-like key', async () => {
    const m = new LocalMarkerStore(tempDir());
    await expect(m.create('../../etc/passwd', 'x')).rejects.toThrow(/invalid marker key/);
    await expect(m.get('a/../b')).rejects.toThrow(/invalid marker key/);
  });
});

describe('Class: S3MarkerStore', () => {
  const s3 = mockClient(S3Client);
  beforeEach(() => s3.reset());
  it('writes with If-None-Match: * and reads a 412 as "exists"', async () => {
    s3.on(PutObjectCommand)
      .resolvesOnce({})
      .rejects(
        new S3ServiceException({ name: 'PreconditionFailed', $fault: 'client', $metadata: { httpStatusCode: 412 } }),
      );
    const m = new S3MarkerStore(new S3Client({ region: 'eu-west-1' }), 'bucket', 'snapshots/markers/');
    expect(await m.create('posts/s1/claim', '{}')).toBe(true);
    expect(await m.create('posts/s1/claim', '{}')).toBe(false);
    const input = s3.commandCalls(PutObjectCommand)[0].args[0].input;
    expect(input).toMatchObject({ Bucket: 'bucket', Key: 'snapshots/markers/posts/s1/claim.json', IfNoneMatch: '*' });
  });
  it('rethrows other S3 errors', async () => {
    s3.on(PutObjectCommand).rejects(
      new S3ServiceException({ name: 'AccessDenied', $fault: 'client', $metadata: { httpStatusCode: 403 } }),
    );
    const m = new S3MarkerStore(new S3Client({ region: 'eu-west-1' }), 'bucket');
    await expect(m.create('x', '{}')).rejects.toThrow();
  });
});

describe('Function: once', () => {
  it('runs once, then reports done', async () => {
    const m = new MemoryMarkerStore();
    let n = 0;
    expect(await once(m, 'job/1', async () => ++n)).toEqual({ ran: true, value: 1 });
    expect(await once(m, 'job/1', async () => ++n)).toEqual({ ran: false, why: 'done' });
    expect(n).toBe(1);
  });
  it('skips while another delivery holds a fresh claim, takes over a stale one', async () => {
    const m = new MemoryMarkerStore();
    let t = Date.parse('2026-11-30T02:00:00Z');
    await m.create('job/2/claim', JSON.stringify({ at: new Date(t).toISOString() }));
    expect(await once(m, 'job/2', async () => 'x', { now: () => t, leaseMs: 60_000 })).toEqual({
      ran: false,
      why: 'in-progress',
    });
    t += 61_000;
    expect(await once(m, 'job/2', async () => 'x', { now: () => t, leaseMs: 60_000 })).toEqual({
      ran: true,
      value: 'x',
    });
  });
  it('releases the claim and rethrows when the work fails, so a retry runs it', async () => {
    const m = new MemoryMarkerStore();
    await expect(once(m, 'job/3', async () => Promise.reject(new Error('slack down')))).rejects.toThrow('slack down');
    expect(await once(m, 'job/3', async () => 'ok')).toEqual({ ran: true, value: 'ok' });
  });
});
