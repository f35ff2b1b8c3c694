import { createHash } from 'node:crypto';
import { gzipSync } from 'node:zlib';
import { snapshot } from '../../test/s3/snapshots';
import type { Snapshot } from '../core/model';
import {
  decodeJson,
  decodeSnapshot,
  encodeSnapshot,
  MAX_SNAPSHOT_BYTES,
  parseSnapshot,
  SCAN_ID_PATTERN,
} from './codec';
import { StoreError } from './types';

// The module object codec.ts calls through, so a spy on it sees the options it passes.
const zlib: typeof import('node:zlib') = jest.requireActual('node:zlib');

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

const base = () => snapshot({ startedAt: '2026-11-30T02:00:00.000Z' });
const messageOf = (fn: () => unknown): string => {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(StoreError);
    return (e as Error).message;
  }
  throw new Error('expected a StoreError');
};

describe('Function: encodeSnapshot, header checks', () => {
  it.each<[string, Record<string, unknown>, RegExp]>([
    ['a newer schemaVersion', { schemaVersion: 2 }, /schemaVersion/],
    ['a scanId outside the safe alphabet', { scanId: '../x' }, /scanId: letters, digits and "-"/],
    ['an unreadable startedAt', { startedAt: 'yesterday' }, /startedAt: an ISO date-time/],
    ['an unreadable finishedAt', { finishedAt: 'later' }, /finishedAt: an ISO date-time/],
    ['an unknown trigger', { trigger: 'cron' }, /trigger/],
    ['a previousSha256 that is no sha256', { previousSha256: 'abc' }, /previousSha256: a sha256 in hex/],
  ])('refuses %s', (_what, change, message) => {
    const snap = { ...base(), ...change } as unknown as Snapshot;
    expect(messageOf(() => encodeSnapshot(snap))).toMatch(message);
  });

  it('refuses results or carried that are not arrays', () => {
    const noResults = { ...base(), results: {} } as unknown as Snapshot;
    const noCarried = { ...base(), carried: null } as unknown as Snapshot;
    expect(messageOf(() => encodeSnapshot(noResults))).toBe(
      'refusing to store an invalid snapshot: results and carried must be arrays',
    );
    expect(messageOf(() => encodeSnapshot(noCarried))).toBe(
      'refusing to store an invalid snapshot: results and carried must be arrays',
    );
  });

  it('names a top-level problem as such and lists at most three problems', () => {
    expect(messageOf(() => encodeSnapshot('x' as unknown as Snapshot))).toMatch(
      /^refusing to store an invalid snapshot: \(top level\): /,
    );
    const bad = { ...base(), scanId: '-', startedAt: 'x', finishedAt: 'y', trigger: 'z' } as unknown as Snapshot;
    const message = messageOf(() => encodeSnapshot(bad));
    expect(message.split('; ')).toHaveLength(3);
    expect(message).toMatch(/^refusing to store an invalid snapshot: scanId: .*; startedAt: .*; finishedAt: /);
  });

  it('compresses a chained snapshot that names its parent by sha256', () => {
    const snap = { ...base(), previousSha256: 'a'.repeat(64) };
    expect(decodeSnapshot(encodeSnapshot(snap).bytes, 'k')).toEqual(snap);
  });
});

describe('Constant: SCAN_ID_PATTERN', () => {
  it('allows letters, digits and inner "-", at most 64 characters', () => {
    expect(SCAN_ID_PATTERN.test('20261130T020000Z-abc123')).toBe(true);
    expect(SCAN_ID_PATTERN.test('A'.repeat(64))).toBe(true);
    expect(SCAN_ID_PATTERN.test('A'.repeat(65))).toBe(false);
    expect(SCAN_ID_PATTERN.test('-abc')).toBe(false);
    expect(SCAN_ID_PATTERN.test('a_b')).toBe(false);
    expect(SCAN_ID_PATTERN.test('ab/')).toBe(false);
    expect(SCAN_ID_PATTERN.test('')).toBe(false);
  });
});

describe('Function: parseSnapshot', () => {
  it.each([
    ['an array', []],
    ['null', null],
    ['a string', 'snapshot'],
  ])('says %s is not an object', (_what, value) => {
    expect(messageOf(() => parseSnapshot(value, 'k'))).toBe(
      'k: not a compliance-bot snapshot (the JSON is not an object)',
    );
  });

  it.each([
    ['a string', '1'],
    ['a fraction', 1.5],
    ['zero', 0],
    ['a negative number', -1],
  ])('says a schemaVersion that is %s is not valid', (_what, schemaVersion) => {
    expect(messageOf(() => parseSnapshot({ ...base(), schemaVersion }, 'k'))).toBe(
      'k: not a compliance-bot snapshot (no valid schemaVersion)',
    );
  });

  it('reads schema version 1 and returns the value itself', () => {
    const value = JSON.parse(JSON.stringify(base()));
    expect(parseSnapshot(value, 'k')).toBe(value);
  });

  it.each<[string, (s: Snapshot) => unknown, RegExp]>([
    ['a result with an empty checkId', (s) => ({ ...s, results: [{ ...s.results[0], checkId: '' }] }), /checkId/],
    ['a result with an empty target', (s) => ({ ...s, results: [{ ...s.results[0], target: '' }] }), /target/],
    ['a result with an unknown severity', (s) => ({ ...s, results: [{ ...s.results[0], severity: 'x' }] }), /severity/],
    [
      'a result with an empty fingerprint',
      (s) => ({ ...s, results: [{ ...s.results[0], fingerprint: '' }] }),
      /fingerprint/,
    ],
    ['a result without a message', (s) => ({ ...s, results: [{ ...s.results[0], message: 1 }] }), /message/],
    [
      'a resource with an empty kind',
      (s) => ({ ...s, results: [{ ...s.results[0], resource: { kind: '', name: 'a' } }] }),
      /resource\.kind/,
    ],
    [
      'a resource without a name',
      (s) => ({ ...s, results: [{ ...s.results[0], resource: { kind: 'User' } }] }),
      /resource\.name/,
    ],
    [
      'a resource with a non-text namespace',
      (s) => ({ ...s, results: [{ ...s.results[0], resource: { kind: 'Role', namespace: 3, name: 'a' } }] }),
      /resource\.namespace/,
    ],
    ['evidence that is not a record', (s) => ({ ...s, results: [{ ...s.results[0], evidence: 'x' }] }), /evidence/],
    ['an unreadable firstSeen', (s) => ({ ...s, results: [{ ...s.results[0], firstSeen: 'then' }] }), /firstSeen/],
    [
      'a waiver with an unreadable expiry',
      (s) => ({ ...s, results: [{ ...s.results[0], waiver: { reason: 'r', expires: 'x', createdBy: 'a' } }] }),
      /waiver\.expires/,
    ],
    [
      'a waiver without its author',
      (s) => ({ ...s, results: [{ ...s.results[0], waiver: { reason: 'r', expires: '2026-12-01T00:00:00Z' } }] }),
      /waiver\.createdBy/,
    ],
    ['a carried result of the wrong shape', (s) => ({ ...s, carried: [{ checkId: 'c' }] }), /carried\.0/],
    ['an invalid scope', (s) => ({ ...s, scope: 'A/../b' }), /scope: a valid scope/],
    ['a tool without a version', (s) => ({ ...s, tool: { name: 'x' } }), /tool\.version/],
    ['checks that are not names', (s) => ({ ...s, checks: [1] }), /checks\.0/],
    [
      'a target without a name',
      (s) => ({ ...s, targets: [{ name: '', kind: 'host', status: 'assessed' }] }),
      /targets\.0\.name/,
    ],
    [
      'a target of an unknown kind',
      (s) => ({ ...s, targets: [{ name: 'a', kind: 'vm', status: 'assessed' }] }),
      /targets\.0\.kind/,
    ],
    [
      'a target of an unknown status',
      (s) => ({ ...s, targets: [{ name: 'a', kind: 'host', status: 'fine' }] }),
      /targets\.0\.status/,
    ],
    [
      'a target reason that is not text',
      (s) => ({ ...s, targets: [{ name: 'a', kind: 'host', status: 'partial', reason: 1 }] }),
      /targets\.0\.reason/,
    ],
    ['an upper-case previousSha256', (s) => ({ ...s, previousSha256: 'A'.repeat(64) }), /previousSha256/],
    ['a previousSha256 too long', (s) => ({ ...s, previousSha256: 'a'.repeat(65) }), /previousSha256/],
  ])('rejects %s, naming the field', (_what, change, field) => {
    const message = messageOf(() => parseSnapshot(change(base()), 'k'));
    expect(message).toMatch(/^k: not a valid snapshot: /);
    expect(message).toMatch(field);
  });

  it('accepts the optional fields when they are well formed', () => {
    const s = base();
    const full = {
      ...s,
      targets: [{ name: 'a', kind: 'host', status: 'partial', reason: 'sshd -T failed' }],
      results: [
        {
          ...s.results[0],
          resource: { kind: 'Role', namespace: 'ns', name: 'r' },
          evidence: { rule: 1 },
          firstSeen: '2026-11-01T00:00:00.000Z',
          waiver: { reason: 'r', expires: '2026-12-01T00:00:00.000Z', createdBy: 'alice' },
        },
      ],
      carried: [s.results[1]],
    };
    expect(parseSnapshot(full, 'k')).toBe(full);
  });
});

describe('Function: decodeJson', () => {
  it('reads plain JSON when the bytes are not gzipped', () => {
    expect(decodeJson(Buffer.from('{"a":[1,"é"]}', 'utf8'), 'k', false)).toEqual({ a: [1, 'é'] });
    expect(decodeJson(gzipSync(Buffer.from('{"a":"é"}', 'utf8')), 'k', true)).toEqual({ a: 'é' });
  });

  it('keeps the underlying error as the cause', () => {
    const causeOf = (fn: () => unknown) => {
      try {
        fn();
      } catch (e) {
        return (e as Error).cause;
      }
      return undefined;
    };
    expect(causeOf(() => decodeJson(Buffer.from('{'), 'k', false))).toBeInstanceOf(SyntaxError);
    // zlib's error comes from another realm than the test's Error.
    expect(causeOf(() => decodeJson(Buffer.from([0x1f, 0x8b]), 'k', true))).toMatchObject({
      message: expect.any(String),
    });
  });

  it('names plain bytes that are not JSON', () => {
    expect(messageOf(() => decodeJson(Buffer.from('{'), 'w.json', false))).toMatch(/^w\.json: not valid JSON: /);
  });

  it.each([
    ['one byte', Buffer.from([0x1f])],
    ['a wrong first magic byte', Buffer.from([0x1e, 0x8b, 0x08, 0x00])],
    ['a wrong second magic byte', Buffer.from([0x1f, 0x8c, 0x08, 0x00])],
    ['nothing', Buffer.alloc(0)],
  ])('says %s is not gzip data', (_what, bytes) => {
    expect(messageOf(() => decodeJson(bytes, 'k', true))).toBe(
      'k: not gzip data (the file is corrupt or is not a snapshot)',
    );
  });

  it('calls the bare two-byte gzip magic truncated, not foreign', () => {
    expect(messageOf(() => decodeJson(Buffer.from([0x1f, 0x8b]), 'k', true))).toMatch(
      /^k: gzip data is truncated or corrupt: /,
    );
  });

  it('caps decompression at MAX_SNAPSHOT_BYTES and says when a stored object is too large', () => {
    const spy = jest.spyOn(zlib, 'gunzipSync').mockImplementation((_bytes, options) => {
      expect(options?.maxOutputLength).toBe(MAX_SNAPSHOT_BYTES);
      throw Object.assign(new RangeError('Cannot create a Buffer larger than the limit'), {
        code: 'ERR_BUFFER_TOO_LARGE',
      });
    });
    try {
      expect(messageOf(() => decodeJson(gzipSync(Buffer.from('{}')), 'big', true))).toBe(
        'big: gzip data is too large: Cannot create a Buffer larger than the limit',
      );
      expect(spy).toHaveBeenCalledTimes(1);
    } finally {
      spy.mockRestore();
    }
    expect(MAX_SNAPSHOT_BYTES).toBe(512 * 1024 * 1024);
  });
});
