import type { KContainerSecurity, KPodSpecSecurity } from '../../../src/core/facts/k8s';
import { addsBeyondBaseline, anyPrivileged, capName, enforces, perWorkload, unconfined, workloadLabel } from './common';
import { container, deployment, enforcing, namespace } from './fixtures';

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

describe('Functions: capability and pod predicates', () => {
  const pod = (...containers: KContainerSecurity[]): KPodSpecSecurity => ({ containers });

  it('reads a capability as the runtime does: upper case, CAP_ removed only as a prefix', () => {
    expect(capName('cap_sys_admin')).toBe('SYS_ADMIN');
    expect(capName('NET_CAP_X')).toBe('NET_CAP_X');
  });

  it('finds a capability outside the baseline set in any one container, whatever its spelling', () => {
    expect(addsBeyondBaseline(pod(container('a'), container('b', { capabilitiesAdd: ['cap_sys_admin'] })))).toBe(true);
    expect(addsBeyondBaseline(pod(container('a', { capabilitiesAdd: ['CAP_CHOWN', 'KILL'] })))).toBe(false);
  });

  it('finds Unconfined on the pod or on any one container, and nothing else', () => {
    expect(unconfined({ ...pod(container('a')), seccompProfile: 'Unconfined' })).toBe(true);
    expect(unconfined(pod(container('a'), container('b', { seccompProfile: 'Unconfined' })))).toBe(true);
    expect(unconfined(pod(container('a', { seccompProfile: 'RuntimeDefault' }), container('b')))).toBe(false);
  });

  it('finds a privileged container among others, and only privileged: true', () => {
    expect(anyPrivileged(pod(container('a'), container('b', { privileged: true })))).toBe(true);
    expect(anyPrivileged(pod(container('a', { privileged: false }), container('b')))).toBe(false);
  });

  it('names a workload by kind, namespace and name', () => {
    expect(workloadLabel(deployment('shop/web', {}))).toBe('Deployment shop/web');
  });
});

describe('Function: perWorkload, levels and message', () => {
  const evaluate = perWorkload({
    level: 'restricted',
    offences: (pod) => (pod.hostIPC ? ['the pod sets hostIPC: true'] : []),
    what: 'shares IPC',
    passWords: 'does not share IPC',
    breaksBaseline: () => true,
  });
  const run = (workload: ReturnType<typeof deployment>) =>
    evaluate({
      facts: { 'k8s.workloads': [workload] },
      optional: { 'k8s.namespaces': { ok: true, value: [enforcing('a', 'baseline')] } },
      options: { excludedNamespaces: [] },
      target: { name: 'demo' },
    });

  it('judges a clean spec against the rule level, not the baseline it would break with offences', () => {
    expect(run(deployment('a/x', {}))).toEqual([
      {
        status: 'pass',
        resource: { kind: 'Deployment', namespace: 'a', name: 'x' },
        message: 'Deployment a/x does not share IPC.',
      },
    ]);
  });

  it('judges an offending spec against the baseline it breaks and says so in the message', () => {
    expect(run(deployment('a/x', { hostIPC: true }))[0].message).toBe(
      'Deployment a/x shares IPC: the pod sets hostIPC: true (namespace a enforces Pod Security level baseline, ' +
        'which rejects new pods like these; the spec stands as admitted).',
    );
  });

  it('ends a failure without admission note on its offences', () => {
    const findings = evaluate({
      facts: { 'k8s.workloads': [deployment('b/x', { hostIPC: true })] },
      optional: { 'k8s.namespaces': { ok: true, value: [namespace('b')] } },
      options: { excludedNamespaces: [] },
      target: { name: 'demo' },
    });
    expect(findings[0].message).toBe('Deployment b/x shares IPC: the pod sets hostIPC: true.');
  });

  it('joins several offences with semicolons', () => {
    const twice = perWorkload({
      offences: () => ['container a is privileged', 'container b is privileged'],
      what: 'runs privileged containers',
      passWords: 'runs no privileged container',
    });
    const findings = twice({
      facts: { 'k8s.workloads': [deployment('b/x', {})] },
      optional: {},
      options: { excludedNamespaces: [] },
      target: { name: 'demo' },
    });
    expect(findings[0].message).toBe(
      'Deployment b/x runs privileged containers: container a is privileged; container b is privileged.',
    );
  });
});
