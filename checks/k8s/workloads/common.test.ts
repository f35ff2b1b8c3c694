import { enforces, perWorkload } from './common';
import { deployment, enforcing, namespace } from './fixtures';

describe('Function: enforces', () => {
  it.each([
    ['restricted', 'baseline', true],
    ['restricted', 'restricted', true],
    ['baseline', 'baseline', true],
    ['baseline', 'restricted', false],
    ['privileged', 'baseline', false],
    [null, 'baseline', false],
    ['Restricted', 'baseline', false],
    ['strict', 'baseline', false],
  ] as const)('enforce=%s against a %s rule: %s', (enforce, level, expected) => {
    expect(enforces(enforce, level)).toBe(expected);
  });
});

describe('Function: perWorkload', () => {
  const evaluate = perWorkload({
    level: 'baseline',
    offences: (pod) => (pod.hostIPC ? ['the pod sets hostIPC: true'] : []),
    what: 'shares IPC',
    passWords: 'does not share IPC',
  });
  const run = (namespaces: ReturnType<typeof namespace>[]) =>
    evaluate({
      facts: { 'k8s.workloads': [deployment('a/x', {}), deployment('b/x', { hostIPC: true })] },
      optional: { 'k8s.namespaces': { ok: true, value: namespaces } },
      options: { excludedNamespaces: [] },
      target: { name: 'demo' },
    });

  it('keeps a pass free of evidence unless the namespace level forbids the thing too', () => {
    expect(run([namespace('a'), namespace('b')])[0]).not.toHaveProperty('evidence');
    expect(run([enforcing('a', 'baseline'), namespace('b')])[0].evidence).toEqual({
      admission: { enforce: 'baseline', forbids: true },
    });
  });

  it('gives a failure its offences and the admission, with the pinned version, but not the namespace again', () => {
    const ns = namespace('b', {
      'pod-security.kubernetes.io/enforce': 'baseline',
      'pod-security.kubernetes.io/enforce-version': 'v1.29',
    });
    expect(run([namespace('a'), ns])[1].evidence).toEqual({
      offences: ['the pod sets hostIPC: true'],
      admission: { enforce: 'baseline', version: 'v1.29', forbids: true },
    });
  });

  it('judges without admission evidence when the namespaces could not be listed', () => {
    const findings = evaluate({
      facts: { 'k8s.workloads': [deployment('b/x', { hostIPC: true })] },
      optional: { 'k8s.namespaces': { ok: false, reason: 'forbidden' } },
      options: { excludedNamespaces: [] },
      target: { name: 'demo' },
    });
    expect(findings).toEqual([
      expect.objectContaining({ status: 'fail', evidence: { offences: ['the pod sets hostIPC: true'] } }),
    ]);
  });
});
