import { defineCheck } from './check';
import { evaluateCheck, evaluateTarget } from './engine';
import type { TargetFacts } from './model';

const check = defineCheck({
  id: 'host.test.example',
  title: 'Example',
  severity: 'high',
  category: 'host',
  targetKind: 'host',
  benchmarks: [{ framework: 'CIS Distribution Independent Linux', version: '2.0.0', control: '1.1' }],
  remediation: 'Do the right thing on the host.',
  requires: ['host.os'],
  evaluate: ({ facts }) => [
    {
      status: facts['host.os'].id === 'bad' ? 'fail' : 'pass',
      resource: { kind: 'Host', name: facts['host.os'].hostname },
      message: 'Checked.',
    },
  ],
});

const input = (facts: TargetFacts['facts']): TargetFacts => ({ target: { name: 'node-1', kind: 'host' }, facts });
const now = new Date('2026-06-01T00:00:00Z');

describe('Function: evaluateCheck', () => {
  it('fills check ID, target, severity and a fingerprint', () => {
    const [r] = evaluateCheck(check, input({ 'host.os': { ok: true, value: { id: 'bad', hostname: 'node-1' } } }), {
      now,
    });
    expect(r).toEqual({
      checkId: 'host.test.example',
      status: 'fail',
      severity: 'high',
      target: 'node-1',
      resource: { kind: 'Host', name: 'node-1' },
      message: 'Checked.',
      fingerprint: expect.stringMatching(/^[0-9a-f]{20}$/),
    });
  });

  it('gives unknown with the reason when a required fact was not collected', () => {
    const [r] = evaluateCheck(check, input({ 'host.os': { ok: false, reason: 'probe output truncated' } }), { now });
    expect(r.status).toBe('unknown');
    expect(r.message).toBe('Could not assess: host.os: probe output truncated.');
  });

  it('gives unknown when a required fact is missing altogether', () => {
    expect(evaluateCheck(check, input({}), { now })[0]).toMatchObject({
      status: 'unknown',
      message: 'Could not assess: host.os: not collected.',
    });
  });

  it('turns a check that throws into unknown results carrying the error, never a crash', () => {
    const throwing = {
      ...check,
      evaluate: () => {
        throw new Error('boom');
      },
    };
    const [r] = evaluateCheck(throwing, input({ 'host.os': { ok: true, value: { id: 'x', hostname: 'h' } } }), { now });
    expect(r).toMatchObject({
      status: 'unknown',
      message: 'Could not assess: the check failed with an error: boom.',
      evidence: { error: 'boom' },
    });
  });

  it('gives the same fingerprint for the same finding whatever the message', () => {
    const facts = input({ 'host.os': { ok: true, value: { id: 'bad', hostname: 'node-1' } } });
    const a = evaluateCheck(check, facts, { now })[0];
    const b = evaluateCheck(
      {
        ...check,
        evaluate: () => [{ status: 'fail', resource: { kind: 'Host', name: 'node-1' }, message: 'Other words.' }],
      },
      facts,
      { now },
    )[0];
    expect(a.fingerprint).toBe(b.fingerprint);
  });
});

describe('Function: evaluateTarget', () => {
  it('runs only the checks of the target kind', () => {
    const clusterCheck = { ...check, id: 'k8s.test.example', targetKind: 'cluster' as const };
    const results = evaluateTarget(
      [check, clusterCheck],
      input({ 'host.os': { ok: true, value: { id: 'ok', hostname: 'h' } } }),
      { now },
    );
    expect(results.map((r) => r.checkId)).toEqual(['host.test.example']);
  });
});

describe('Function: evaluateCheck (what a check may return)', () => {
  const returning = (findings: unknown[]) =>
    defineCheck({
      ...check,
      id: 'host.test.returning',
      requires: [],
      evaluate: () => findings as never,
    });

  it.each([
    ['an unknown status', [{ status: 'passed', resource: { kind: 'Host', name: 'n' }, message: 'x' }]],
    [
      'an unknown severity',
      [{ status: 'fail', severity: 'urgent', resource: { kind: 'Host', name: 'n' }, message: 'x' }],
    ],
  ])('turns %s into one unknown result on the target, never a pass', (_what, findings) => {
    const rs = evaluateCheck(returning(findings), input({}), { now });
    expect(rs).toEqual([
      expect.objectContaining({
        status: 'unknown',
        resource: { kind: 'Host', name: 'node-1' },
        message: 'Could not assess: the check returned an invalid status or severity.',
      }),
    ]);
  });

  it('keeps a valid severity override and leaves out evidence the finding did not give', () => {
    const [r] = evaluateCheck(
      returning([{ status: 'fail', severity: 'critical', resource: { kind: 'Host', name: 'n' }, message: 'x' }]),
      input({}),
      { now },
    );
    expect(r.severity).toBe('critical');
    expect(Object.hasOwn(r, 'evidence')).toBe(false);
  });

  it('names every missing fact, separated, and lists them as evidence; on a cluster the resource is the Cluster', () => {
    const twoFacts = defineCheck({
      ...check,
      targetKind: 'cluster',
      category: 'rbac',
      requires: ['k8s.rbac', 'k8s.nodes'],
    });
    const [r] = evaluateCheck(
      twoFacts,
      { target: { name: 'prod', kind: 'cluster' }, facts: { 'k8s.rbac': { ok: false, reason: 'forbidden' } } },
      { now },
    );
    expect(r).toMatchObject({
      status: 'unknown',
      resource: { kind: 'Cluster', name: 'prod' },
      message: 'Could not assess: k8s.rbac: forbidden; k8s.nodes: not collected.',
      evidence: { missingFacts: ['k8s.rbac: forbidden', 'k8s.nodes: not collected'] },
    });
  });
});

describe('Function: evaluateTarget (the checks in the scan)', () => {
  const seen: string[][] = [];
  const recorder = (id: string) =>
    defineCheck({
      ...check,
      id,
      requires: [],
      evaluate: ({ checksInScan }) => {
        seen.push([id, ...[...checksInScan].sort()]);
        return [];
      },
    });

  beforeEach(() => {
    seen.length = 0;
  });

  it('tells every check the IDs of every check it is given, and a check evaluated alone only its own', () => {
    evaluateTarget([recorder('host.test.a'), recorder('host.test.b')], input({}), { now });
    expect(seen).toEqual([
      ['host.test.a', 'host.test.a', 'host.test.b'],
      ['host.test.b', 'host.test.a', 'host.test.b'],
    ]);
    seen.length = 0;
    evaluateCheck(recorder('host.test.c'), input({}), { now });
    expect(seen).toEqual([['host.test.c', 'host.test.c']]);
  });

  it('uses the scan-wide list when one is given', () => {
    evaluateTarget([recorder('host.test.a')], input({}), {
      now,
      checksInScan: ['host.test.a', 'k8s.rbac.cluster-admin'],
    });
    expect(seen).toEqual([['host.test.a', 'host.test.a', 'k8s.rbac.cluster-admin']]);
  });
});

describe('Function: evaluateTarget (source positions)', () => {
  const byResource = defineCheck({
    id: 'host.test.sources',
    title: 'Sources',
    severity: 'high',
    category: 'host',
    targetKind: 'host',
    benchmarks: [],
    remediation: 'Fix it.',
    requires: [],
    evaluate: () => [
      { status: 'fail', resource: { kind: 'Role', namespace: 'shop', name: 'op' }, message: 'Read from a file.' },
      { status: 'fail', resource: { kind: 'Role', namespace: 'other', name: 'op' }, message: 'Not read from one.' },
    ],
  });

  it('gives each result the position its resource was read at, and none to a resource not read from a file', () => {
    const results = evaluateTarget(
      [byResource],
      {
        ...input({}),
        sources: [{ resource: { kind: 'Role', namespace: 'shop', name: 'op' }, source: { file: 'a/b.yaml', line: 7 } }],
      },
      { now },
    );
    expect(results.map((r) => r.source)).toEqual([{ file: 'a/b.yaml', line: 7 }, undefined]);
    expect('source' in results[1]).toBe(false);
  });

  it('places an object read twice where it was read first', () => {
    const role = { kind: 'Role', namespace: 'shop', name: 'op' };
    const results = evaluateTarget(
      [byResource],
      {
        ...input({}),
        sources: [
          { resource: role, source: { file: 'a/first.yaml', line: 3 } },
          { resource: role, source: { file: 'z/again.yaml', line: 9 } },
        ],
      },
      { now },
    );
    expect(results[0].source).toEqual({ file: 'a/first.yaml', line: 3 });
  });
});
