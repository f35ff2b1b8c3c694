import { describeNetworkError, retryAfterMs } from './live';

describe('Function: retryAfterMs', () => {
  it.each([
    ['3', 3000],
    [' 0 ', 0],
    [undefined, 1000],
    ['soon', 1000],
    [['7', '9'], 7000],
  ])('reads Retry-After %j as %d ms', (value, ms) => {
    expect(retryAfterMs(value as string | string[] | undefined, 0)).toBe(ms);
  });

  it('reads an HTTP date relative to now, never negative', () => {
    const now = Date.parse('2026-06-01T00:00:00Z');
    expect(retryAfterMs('Mon, 01 Jun 2026 00:00:05 GMT', now)).toBe(5000);
    expect(retryAfterMs('Sun, 31 May 2026 23:59:00 GMT', now)).toBe(0);
  });
});

describe('Function: describeNetworkError', () => {
  it.each([
    [
      'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
      'TLS error talking to https://k:6443: the server certificate is not signed by the configured CA',
    ],
    ['CERT_HAS_EXPIRED', 'the server certificate has expired'],
    ['ERR_TLS_CERT_ALTNAME_INVALID', 'does not name this host'],
    ['ECONNREFUSED', 'connection refused by https://k:6443.'],
    ['ENOTFOUND', 'cannot resolve the host of https://k:6443 (ENOTFOUND).'],
  ])('explains %s', (code, text) => {
    expect(describeNetworkError('https://k:6443', Object.assign(new Error('x'), { code }))).toContain(text);
  });
});
