import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { snapshot } from '../../test/s3/snapshots';
import { decodeSnapshot, encodeSnapshot } from './codec';
import { StoreError } from './types';

const gz = (value: unknown) => gzipSync(Buffer.from(JSON.stringify(value)));

describe('Function: encodeSnapshot', () => {
  it('returns gzip bytes and the sha256 of exactly those bytes', () => {
    const snap = snapshot({ startedAt: '2026-11-30T02:00:00.000Z' });
    const { bytes, sha256 } = encodeSnapshot(snap);
    expect(bytes.subarray(0, 2)).toEqual(Buffer.from([0x1f, 0x8b]));
    expect(sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
  });

  it('gives identical bytes for identical snapshots', () => {
    const snap = snapshot({ startedAt: '2026-11-30T02:00:00.000Z' });
    expect(encodeSnapshot(snap).sha256).toBe(encodeSnapshot(structuredClone(snap)).sha256);
  });

  it('refuses a snapshot with an invalid scope', () => {
    const snap = snapshot({ startedAt: '2026-11-30T02:00:00.000Z', scope: '../etc' });
    expect(() => encodeSnapshot(snap)).toThrow(/refusing to store an invalid snapshot: scope/);
  });
});

describe('Function: decodeSnapshot', () => {
  it('reads back what encodeSnapshot wrote', () => {
    const snap = snapshot({ startedAt: '2026-11-30T02:00:00.000Z' });
    expect(decodeSnapshot(encodeSnapshot(snap).bytes, 'k')).toEqual(snap);
  });

  it('rejects bytes that are not gzip, naming the key', () => {
    expect(() => decodeSnapshot(Buffer.from('{"schemaVersion":1}'), 'a/b.json.gz')).toThrow(
      'a/b.json.gz: not gzip data',
    );
  });

  it('rejects truncated gzip data', () => {
    const bytes = encodeSnapshot(snapshot({ startedAt: '2026-11-30T02:00:00.000Z' })).bytes;
    expect(() => decodeSnapshot(bytes.subarray(0, bytes.length - 10), 'k')).toThrow(
      /gzip data is truncated or corrupt/,
    );
  });

  it('rejects gzip that holds no JSON', () => {
    expect(() => decodeSnapshot(gzipSync(Buffer.from('not json')), 'k')).toThrow(/k: not valid JSON/);
  });

  it('rejects JSON without a schemaVersion as not a snapshot', () => {
    expect(() => decodeSnapshot(gz({ hello: 'world' }), 'k')).toThrow(/not a compliance-bot snapshot/);
  });

  it('rejects a snapshot written by a newer compliance-bot with a message that says so', () => {
    const snap = { ...snapshot({ startedAt: '2026-11-30T02:00:00.000Z' }), schemaVersion: 2 };
    expect(() => decodeSnapshot(gz(snap), 'k')).toThrow(
      /written by a newer compliance-bot \(snapshot schema version 2; this version reads up to 1\)/,
    );
  });

  it('rejects a snapshot whose results have the wrong shape, naming the field', () => {
    const snap = snapshot({ startedAt: '2026-11-30T02:00:00.000Z' });
    const bad = { ...snap, results: [{ ...snap.results[0], status: 'maybe' }] };
    const err = (() => {
      try {
        decodeSnapshot(gz(bad), 'k');
      } catch (e) {
        return e;
      }
    })();
    expect(err).toBeInstanceOf(StoreError);
    expect((err as StoreError).message).toMatch(/k: not a valid snapshot: results\.0\.status/);
  });

  it('keeps unknown extra fields (the hash covers them)', () => {
    const snap = { ...snapshot({ startedAt: '2026-11-30T02:00:00.000Z' }), note: 'extra' };
    expect(decodeSnapshot(gz(snap), 'k')).toMatchObject({ note: 'extra' });
  });
});
