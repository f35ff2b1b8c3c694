import { fingerprint } from './fingerprint';
import type { Result, Waiver } from './model';
import { activeWaiver, activeWaiverFor, expiringWaivers, isExpiring, isPatternWaiver, waiverCovers } from './waivers';

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

describe('Function: expiringWaivers', () => {
  it('lists pattern waivers ending soon too', () => {
    expect(expiringWaivers([pattern], NOW, 14)).toEqual([pattern]);
  });
});

describe('Function: isExpiring', () => {
  const DAY = 86_400_000;
  const granted = (days: number) =>
    waiver({ createdAt: NOW.toISOString(), expires: new Date(NOW.getTime() + days * DAY).toISOString() });
  const at = (days: number) => new Date(NOW.getTime() + days * DAY);

  it('never flags a waiver the day it is granted, whatever its length', () => {
    for (const days of [1, 3, 14, 30, 90, 365]) expect(isExpiring(granted(days), NOW)).toBe(false);
  });

  it('flags a 14-day waiver in its last quarter (3.5 days), not before', () => {
    expect(isExpiring(granted(14), at(10.4))).toBe(false);
    expect(isExpiring(granted(14), at(10.5))).toBe(true);
  });

  it('flags a long waiver a week before it ends', () => {
    expect(isExpiring(granted(90), at(82.9))).toBe(false);
    expect(isExpiring(granted(90), at(83))).toBe(true);
  });

  it('does not flag an expired waiver (it is expired, not expiring)', () => {
    expect(isExpiring(granted(14), at(14))).toBe(false);
  });

  it('falls back to the week when the waiver has no length (created the instant it expires)', () => {
    const w = { ...granted(30), createdAt: new Date(NOW.getTime() + 30 * DAY).toISOString() };
    expect(isExpiring(w, at(22.9))).toBe(false);
    expect(isExpiring(w, at(23))).toBe(true);
  });

  it('falls back to the week when the creation date cannot be read', () => {
    const w = { ...granted(30), createdAt: 'yesterday' };
    expect(isExpiring(w, at(22.9))).toBe(false);
    expect(isExpiring(w, at(23))).toBe(true);
  });
});

describe('Function: activeWaiver', () => {
  const fp = 'a'.repeat(20);

  it('picks the waiver of the fingerprint that lasts longest, whatever the order', () => {
    const short = waiver({ fingerprint: fp, expires: '2026-12-05T00:00:00.000Z' });
    const long = waiver({ fingerprint: fp, expires: '2026-12-25T00:00:00.000Z' });
    expect(activeWaiver([short, long], fp, NOW)).toBe(long);
    expect(activeWaiver([long, short], fp, NOW)).toBe(long);
  });

  it('keeps the first listed of waivers that end at the same time', () => {
    const first = waiver({ fingerprint: fp, reason: 'first' });
    const second = waiver({ fingerprint: fp, reason: 'second' });
    expect(activeWaiver([first, second], fp, NOW)).toBe(first);
    const r = result('c', 't', { kind: 'Role', namespace: 'n', name: 'a' });
    const a = waiver({ fingerprint: r.fingerprint, reason: 'a' });
    const b = waiver({ fingerprint: r.fingerprint, reason: 'b' });
    expect(activeWaiverFor([a, b], r, NOW)).toBe(a);
  });

  it('ignores waivers of other fingerprints, even when they last longer', () => {
    const mine = waiver({ fingerprint: fp, expires: '2026-12-05T00:00:00.000Z' });
    const other = waiver({ fingerprint: 'b'.repeat(20), expires: '2027-01-01T00:00:00.000Z' });
    expect(activeWaiver([other, mine], fp, NOW)).toBe(mine);
  });

  it('treats a waiver expiring exactly now, or with an unreadable date, as expired', () => {
    expect(activeWaiver([waiver({ fingerprint: fp, expires: NOW.toISOString() })], fp, NOW)).toBeUndefined();
    expect(activeWaiver([waiver({ fingerprint: fp, expires: 'soon' })], fp, NOW)).toBeUndefined();
    expect(activeWaiver([waiver({ fingerprint: fp, expires: '2026-11-30T00:00:00.001Z' })], fp, NOW)).toBeDefined();
  });
});

describe('Function: activeWaiverFor, order and expiry', () => {
  const r = result('k8s.rbac.secrets-read', 'prod', { kind: 'Role', namespace: 'team-a', name: 'reader' });

  it('keeps the longest-lasting waiver whichever comes first, skipping ones that do not cover the result', () => {
    const long = waiver({ fingerprint: r.fingerprint, expires: '2026-12-20T00:00:00.000Z' });
    const other = waiver({ fingerprint: 'c'.repeat(20), expires: '2027-06-01T00:00:00.000Z' });
    expect(activeWaiverFor([long, pattern, other], r, NOW)).toBe(long);
    expect(activeWaiverFor([other, pattern, long], r, NOW)).toBe(long);
  });

  it('treats a waiver expiring exactly now, or with an unreadable date, as expired', () => {
    expect(
      activeWaiverFor([waiver({ fingerprint: r.fingerprint, expires: NOW.toISOString() })], r, NOW),
    ).toBeUndefined();
    expect(activeWaiverFor([waiver({ fingerprint: r.fingerprint, expires: 'never' })], r, NOW)).toBeUndefined();
  });
});

describe('Function: isPatternWaiver', () => {
  it('needs both a match and the pattern fingerprint', () => {
    expect(isPatternWaiver(pattern)).toBe(true);
    expect(isPatternWaiver(waiver({ fingerprint: '*' }))).toBe(false);
    expect(isPatternWaiver(waiver({ fingerprint: 'a'.repeat(20) }))).toBe(false);
    expect(isPatternWaiver(waiver({ fingerprint: 'a'.repeat(20), match: pattern.match }))).toBe(false);
  });
});

describe('Function: waiverCovers, resource names', () => {
  it('matches a namespaced resource as namespace/name and a cluster-scoped one by name alone', () => {
    const w = waiver({ match: { checkId: 'c', target: 't', resource: 'n/a' } });
    expect(waiverCovers(w, result('c', 't', { kind: 'Role', namespace: 'n', name: 'a' }))).toBe(true);
    expect(waiverCovers(w, result('c', 't', { kind: 'Role', name: 'n/a' }))).toBe(true);
    expect(waiverCovers(w, result('c', 't', { kind: 'Role', namespace: 'n', name: 'ab' }))).toBe(false);
  });

  it('covers any kind when the pattern names none', () => {
    const w = waiver({ match: { checkId: 'c', target: 't', resource: '*' } });
    expect(waiverCovers(w, result('c', 't', { kind: 'User', name: 'a' }))).toBe(true);
  });
});

describe('Function: expiringWaivers, the window', () => {
  const at = (expires: string) => waiver({ fingerprint: 'a'.repeat(20), expires });

  it('lists waivers ending after now and at most `days` later, soonest first', () => {
    const later = at('2026-12-14T00:00:00.000Z');
    const edge = at('2026-12-07T00:00:00.000Z');
    const sooner = at('2026-12-01T00:00:00.000Z');
    const past = at('2026-11-30T00:00:00.000Z');
    const beyond = at('2026-12-07T00:00:00.001Z');
    expect(expiringWaivers([later, edge, past, beyond, sooner], NOW, 7)).toEqual([sooner, edge]);
    expect(expiringWaivers([later, sooner, edge], NOW, 14)).toEqual([sooner, edge, later]);
  });
});
