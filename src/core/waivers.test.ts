import { fingerprint } from './fingerprint';
import type { Result, Waiver } from './model';
import { activeWaiver, activeWaiverFor, expiringWaivers, globToRegExp, waiverCovers } from './waivers';

const NOW = new Date('2026-11-30T00:00:00.000Z');

function result(checkId: string, target: string, resource: Result['resource']) {
  return { checkId, target, resource, fingerprint: fingerprint(checkId, target, resource) };
}

function waiver(overrides: Partial<Waiver>): Waiver {
  return {
    fingerprint: '*',
    reason: 'Accepted.',
    expires: '2026-12-10T00:00:00.000Z',
    createdBy: 'alice',
    createdAt: '2026-11-29T00:00:00.000Z',
    ...overrides,
  };
}

const pattern = waiver({
  match: { checkId: 'k8s.rbac.secrets-read', target: 'prod', resource: 'team-a/*' },
});

describe('Function: waiverCovers', () => {
  it('covers a result by its fingerprint', () => {
    const r = result('k8s.rbac.cluster-admin', 'prod', { kind: 'User', name: 'alice' });
    expect(waiverCovers(waiver({ fingerprint: r.fingerprint }), r)).toBe(true);
    expect(waiverCovers(waiver({ fingerprint: '0'.repeat(20) }), r)).toBe(false);
  });

  it('covers results of the check and target whose namespace/name matches the resource pattern', () => {
    expect(
      waiverCovers(pattern, result('k8s.rbac.secrets-read', 'prod', { kind: 'Role', namespace: 'team-a', name: 'x' })),
    ).toBe(true);
  });

  it.each([
    ['another check', result('k8s.rbac.pod-exec', 'prod', { kind: 'Role', namespace: 'team-a', name: 'x' })],
    ['another target', result('k8s.rbac.secrets-read', 'staging', { kind: 'Role', namespace: 'team-a', name: 'x' })],
    ['another namespace', result('k8s.rbac.secrets-read', 'prod', { kind: 'Role', namespace: 'team-ab', name: 'x' })],
    [
      'a cluster-scoped resource named like the namespace',
      result('k8s.rbac.secrets-read', 'prod', { kind: 'ClusterRole', name: 'team-a' }),
    ],
  ])('does not cover %s', (_what, r) => {
    expect(waiverCovers(pattern, r)).toBe(false);
  });

  it('honours the kind when the pattern names one', () => {
    const w = waiver({ match: { checkId: 'c', target: 't', resource: '*', kind: 'ServiceAccount' } });
    expect(waiverCovers(w, result('c', 't', { kind: 'ServiceAccount', namespace: 'n', name: 'a' }))).toBe(true);
    expect(waiverCovers(w, result('c', 't', { kind: 'User', name: 'a' }))).toBe(false);
  });

  it('never treats a pattern waiver as a fingerprint waiver', () => {
    expect(activeWaiver([pattern], '*', NOW)).toBe(pattern);
    expect(
      activeWaiver([pattern], fingerprint('k8s.rbac.secrets-read', 'prod', { kind: 'Role', name: 'x' }), NOW),
    ).toBeUndefined();
  });
});

describe('Function: activeWaiverFor', () => {
  const r = result('k8s.rbac.secrets-read', 'prod', { kind: 'Role', namespace: 'team-a', name: 'reader' });

  it('picks the covering waiver that lasts longest, pattern or fingerprint', () => {
    const byFp = waiver({ fingerprint: r.fingerprint, expires: '2026-12-20T00:00:00.000Z' });
    expect(activeWaiverFor([pattern, byFp], r, NOW)).toBe(byFp);
    expect(activeWaiverFor([pattern], r, NOW)).toBe(pattern);
  });

  it('ignores an expired waiver (the finding becomes a regression: waiver expired)', () => {
    expect(activeWaiverFor([pattern], r, new Date('2026-12-10T00:00:00.000Z'))).toBeUndefined();
  });
});

describe('Function: globToRegExp', () => {
  it('treats * and ? as wildcards and everything else literally', () => {
    expect(globToRegExp('a.b*').test('a.bcd')).toBe(true);
    expect(globToRegExp('a.b*').test('axbcd')).toBe(false);
    expect(globToRegExp('x?z').test('xyz')).toBe(true);
    expect(globToRegExp('(a)[b]').test('(a)[b]')).toBe(true);
  });
});

describe('Function: expiringWaivers', () => {
  it('lists pattern waivers ending soon too', () => {
    expect(expiringWaivers([pattern], NOW, 14)).toEqual([pattern]);
  });
});
