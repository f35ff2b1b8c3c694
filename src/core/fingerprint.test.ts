import { createHash } from 'node:crypto';
import {
  FINGERPRINT_LENGTH,
  fingerprint,
  isFingerprint,
  isFingerprintPrefix,
  MIN_FINGERPRINT_PREFIX,
} from './fingerprint';

describe('Function: fingerprint', () => {
  it('is the first 20 hex characters of the sha256 of the NUL-joined identity', () => {
    const expected = createHash('sha256').update('k8s.rbac.x\u0000prod\u0000Role\u0000ns\u0000r').digest('hex');
    expect(fingerprint('k8s.rbac.x', 'prod', { kind: 'Role', namespace: 'ns', name: 'r' })).toBe(expected.slice(0, 20));
  });

  it('treats a missing namespace as an empty one', () => {
    const expected = createHash('sha256').update('c\u0000t\u0000Node\u0000\u0000n1').digest('hex').slice(0, 20);
    expect(fingerprint('c', 't', { kind: 'Node', name: 'n1' })).toBe(expected);
  });

  it('tells apart identities that plain concatenation would confuse', () => {
    expect(fingerprint('c', 't', { kind: 'Role', namespace: 'ab', name: 'c' })).not.toBe(
      fingerprint('c', 't', { kind: 'Role', namespace: 'a', name: 'bc' }),
    );
  });
});

describe('Function: isFingerprint', () => {
  it('accepts what fingerprint() makes', () => {
    const fp = fingerprint('c', 't', { kind: 'Node', name: 'n1' });
    expect(fp).toHaveLength(FINGERPRINT_LENGTH);
    expect(isFingerprint(fp)).toBe(true);
  });

  it.each([
    ['upper case', 'ABCDEF0123456789ABCD'],
    ['19 characters', 'abcdef0123456789abc'],
    ['21 characters', 'abcdef0123456789abcde'],
    ['a non-hex letter', 'abcdef0123456789abcg'],
    ['a trailing newline', 'abcdef0123456789abcd\n'],
    ['the pattern-waiver star', '*'],
    ['empty', ''],
  ])('rejects %s', (_name, text) => {
    expect(isFingerprint(text)).toBe(false);
  });
});

describe('Function: isFingerprintPrefix', () => {
  it('accepts a whole fingerprint and every prefix of at least the shortest length', () => {
    const fp = fingerprint('c', 't', { kind: 'Node', name: 'n1' });
    for (let n = MIN_FINGERPRINT_PREFIX; n <= FINGERPRINT_LENGTH; n++)
      expect(isFingerprintPrefix(fp.slice(0, n))).toBe(true);
  });

  it.each([
    ['one character short', 'abcde'],
    ['longer than a fingerprint', 'abcdef0123456789abcde'],
    ['upper case', 'ABCDEF'],
    ['a non-hex letter', 'abcdeg'],
    ['a trailing newline', 'abcdef\n'],
    ['empty', ''],
  ])('rejects %s', (_name, text) => {
    expect(isFingerprintPrefix(text)).toBe(false);
  });
});
