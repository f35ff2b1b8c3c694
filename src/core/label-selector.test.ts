import type { LabelSelector, Labels } from './facts/k8s';
import { selectorMatches, selectorText, selectsEverything } from './label-selector';

const labels: Labels = { app: 'web', tier: 'front' };

describe('Function: selectorMatches', () => {
  it('selects everything with an empty selector', () => {
    expect(selectorMatches({}, labels)).toBe(true);
    expect(selectorMatches({}, {})).toBe(true);
  });

  it('needs every matchLabels pair, by own label only', () => {
    expect(selectorMatches({ matchLabels: { app: 'web', tier: 'front' } }, labels)).toBe(true);
    expect(selectorMatches({ matchLabels: { app: 'web', tier: 'back' } }, labels)).toBe(false);
    expect(selectorMatches({ matchLabels: { env: 'prod' } }, labels)).toBe(false);
    const inherited = Object.create({ app: 'web' }) as Labels;
    expect(selectorMatches({ matchLabels: { app: 'web' } }, inherited)).toBe(false);
  });

  it.each<[string, LabelSelector, boolean]>([
    ['In with the value', { matchExpressions: [{ key: 'app', operator: 'In', values: ['db', 'web'] }] }, true],
    ['In without the value', { matchExpressions: [{ key: 'app', operator: 'In', values: ['db'] }] }, false],
    ['In on a missing key', { matchExpressions: [{ key: 'env', operator: 'In', values: ['prod'] }] }, false],
    ['In without values', { matchExpressions: [{ key: 'app', operator: 'In' }] }, false],
    ['NotIn with the value', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['web'] }] }, false],
    ['NotIn without the value', { matchExpressions: [{ key: 'app', operator: 'NotIn', values: ['db'] }] }, true],
    ['NotIn on a missing key', { matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, true],
    ['NotIn without values', { matchExpressions: [{ key: 'app', operator: 'NotIn' }] }, true],
    ['Exists on a present key', { matchExpressions: [{ key: 'app', operator: 'Exists' }] }, true],
    ['Exists on a missing key', { matchExpressions: [{ key: 'env', operator: 'Exists' }] }, false],
    ['DoesNotExist on a present key', { matchExpressions: [{ key: 'app', operator: 'DoesNotExist' }] }, false],
    ['DoesNotExist on a missing key', { matchExpressions: [{ key: 'env', operator: 'DoesNotExist' }] }, true],
    [
      'an unknown operator',
      { matchExpressions: [{ key: 'app', operator: 'Matches' as 'In', values: ['web'] }] },
      false,
    ],
    [
      'labels and expressions that all hold',
      { matchLabels: { app: 'web' }, matchExpressions: [{ key: 'tier', operator: 'Exists' }] },
      true,
    ],
    [
      'one expression of several failing',
      {
        matchExpressions: [
          { key: 'tier', operator: 'Exists' },
          { key: 'app', operator: 'DoesNotExist' },
        ],
      },
      false,
    ],
  ])('%s: %j selects {app: web, tier: front} = %s', (_name, selector, expected) => {
    expect(selectorMatches(selector, labels)).toBe(expected);
  });

  it('does not count an inherited label as present', () => {
    const inherited = Object.create({ env: 'prod' }) as Labels;
    expect(selectorMatches({ matchExpressions: [{ key: 'env', operator: 'Exists' }] }, inherited)).toBe(false);
    expect(
      selectorMatches({ matchExpressions: [{ key: 'env', operator: 'NotIn', values: ['prod'] }] }, inherited),
    ).toBe(true);
  });
});

describe('Function: selectsEverything', () => {
  it('is true only for a selector without any requirement', () => {
    expect(selectsEverything({})).toBe(true);
    expect(selectsEverything({ matchLabels: {}, matchExpressions: [] })).toBe(true);
    expect(selectsEverything(undefined)).toBe(false);
    expect(selectsEverything({ matchLabels: { app: 'web' } })).toBe(false);
    expect(selectsEverything({ matchExpressions: [{ key: 'app', operator: 'Exists' }] })).toBe(false);
  });
});

describe('Function: selectorText', () => {
  it('writes {} for an empty selector', () => {
    expect(selectorText({})).toBe('{}');
  });

  it('writes labels, then each expression in Kubernetes selector syntax', () => {
    expect(
      selectorText({
        matchLabels: { app: 'web', tier: 'front' },
        matchExpressions: [
          { key: 'env', operator: 'In', values: ['a', 'b'] },
          { key: 'zone', operator: 'NotIn', values: ['x'] },
          { key: 'team', operator: 'Exists' },
          { key: 'legacy', operator: 'DoesNotExist' },
          { key: 'empty', operator: 'In' },
        ],
      }),
    ).toBe('app=web,tier=front,env in (a,b),zone notin (x),team,!legacy,empty in ()');
  });
});

const aggregationLabels: Labels = { 'rbac.example.com/aggregate-to-view': 'true', tier: 'front' };

describe('Function: selectorMatches (ClusterRole aggregation)', () => {
  it('selects everything with an empty selector', () => {
    expect(selectorMatches({}, aggregationLabels)).toBe(true);
    expect(selectorMatches({}, {})).toBe(true);
  });

  it('needs every matchLabels pair', () => {
    expect(selectorMatches({ matchLabels: { 'rbac.example.com/aggregate-to-view': 'true' } }, aggregationLabels)).toBe(
      true,
    );
    expect(selectorMatches({ matchLabels: { 'rbac.example.com/aggregate-to-view': 'false' } }, aggregationLabels)).toBe(
      false,
    );
    expect(selectorMatches({ matchLabels: { tier: 'front', env: 'prod' } }, aggregationLabels)).toBe(false);
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
    expect(selectorMatches(selector, aggregationLabels)).toBe(expected);
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
