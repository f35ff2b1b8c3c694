import type { LabelSelector, Labels } from '../facts/k8s';
import { selectorMatches } from './selector';

const labels: Labels = { 'rbac.example.com/aggregate-to-view': 'true', tier: 'front' };

describe('Function: selectorMatches (ClusterRole aggregation)', () => {
  it('selects everything with an empty selector', () => {
    expect(selectorMatches({}, labels)).toBe(true);
    expect(selectorMatches({}, {})).toBe(true);
  });

  it('needs every matchLabels pair', () => {
    expect(selectorMatches({ matchLabels: { 'rbac.example.com/aggregate-to-view': 'true' } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { 'rbac.example.com/aggregate-to-view': 'false' } }, labels)).toBe(false);
    expect(selectorMatches({ matchLabels: { tier: 'front', env: 'prod' } }, labels)).toBe(false);
  });

  it.each<[string, LabelSelector, boolean]>([
    ['In with the value', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['back', 'front'] }] }, true],
    ['In without the value', { matchExpressions: [{ key: 'tier', operator: 'In', values: ['back'] }] }, false],
    ['In on a missing key', { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, false],
    ['In without values', { matchExpressions: [{ key: 'tier', operator: 'In' }] }, false],
    ['NotIn with the value', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['front'] }] }, false],
    ['NotIn without the value', { matchExpressions: [{ key: 'tier', operator: 'NotIn', values: ['back'] }] }, true],
    ['NotIn on a missing key', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, true],
    ['NotIn without values', { matchExpressions: [{ key: 'tier', operator: 'NotIn' }] }, true],
    ['Exists on a present key', { matchExpressions: [{ key: 'tier', operator: 'Exists' }] }, true],
    ['Exists on a missing key', { matchExpressions: [{ key: 'env', operator: 'Exists' }] }, false],
    ['DoesNotExist on a present key', { matchExpressions: [{ key: 'tier', operator: 'DoesNotExist' }] }, false],
    ['DoesNotExist on a missing key', { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, true],
    [
      'an unknown operator',
      { matchExpressions: [{ key: 'tier', operator: 'Like' as 'In', values: ['front'] }] },
      false,
    ],
    [
      'one expression of several failing',
      {
        matchExpressions: [
          { key: 'tier', operator: 'Exists' },
          { key: 'tier', operator: 'DoesNotExist' },
        ],
      },
      false,
    ],
  ])('%s: %j = %s', (_name, selector, expected) => {
    expect(selectorMatches(selector, labels)).toBe(expected);
  });

  it('does not count an inherited label as present', () => {
    const inherited = Object.create({ env: 'prod' }) as Labels;
    expect(selectorMatches({ matchExpressions: [{ key: 'env', operator: 'Exists' }] }, inherited)).toBe(false);
    expect(selectorMatches({ matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, inherited)).toBe(
      false,
    );
    expect(
      selectorMatches({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, inherited),
    ).toBe(true);
  });
});
