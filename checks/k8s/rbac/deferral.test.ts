/**
 * A narrower RBAC check may leave a subject to k8s.rbac.cluster-admin (`not-applicable`, evidence `subsumedBy`)
 * only if that check fails the same subject in the same scan: otherwise the finding is hidden everywhere.
 * Checked over every RBAC case of the case tables and over random clusters.
 */
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import fc from 'fast-check';
import { evaluateTarget } from '../../../src/core/engine';
import type { KBinding, KRbac, KRole, KSubject } from '../../../src/core/facts/k8s';
import { type CheckOptions, DEFAULT_CHECK_OPTIONS, type FactSet, type Result } from '../../../src/core/model';
import type { CheckCases } from '../../../test/support/cases';
import { checks } from '../../index';
import { clusterRole, crb, group, rb, rule, sa, user } from './fixtures';

const rbacChecks = checks.filter((c) => c.id.startsWith('k8s.rbac.'));
const TARGET = { name: 'demo', kind: 'cluster' as const };

function hiddenFindings(facts: FactSet, options: Partial<CheckOptions> = {}): string[] {
  const results = evaluateTarget(
    rbacChecks,
    { target: TARGET, facts },
    { now: new Date('2026-06-01T00:00:00Z'), options: { ...DEFAULT_CHECK_OPTIONS, ...options } },
  );
  const key = (r: Result) => `${r.checkId}|${r.resource.kind}|${r.resource.namespace ?? ''}|${r.resource.name}`;
  const failing = new Set(results.filter((r) => r.status === 'fail').map(key));
  return results
    .filter((r) => r.status === 'not-applicable' && typeof r.evidence?.subsumedBy === 'string')
    .filter((r) => !failing.has(key({ ...r, checkId: r.evidence?.subsumedBy as string })))
    .map((r) => `${r.checkId} defers ${r.resource.kind} ${r.resource.name} to ${r.evidence?.subsumedBy}`);
}

describe('deferral to k8s.rbac.cluster-admin', () => {
  const dir = __dirname;
  const tables = readdirSync(dir)
    .filter((f) => f.endsWith('.cases.ts'))
    .map((f) => (require(join(dir, f)) as { default: CheckCases }).default);
  const cases = tables.flatMap((t) => t.cases).filter((c) => c.facts['k8s.rbac']?.ok);

  it('never hides a finding in any RBAC case of the case tables', () => {
    expect(cases.length).toBeGreaterThan(50);
    const hidden = cases.flatMap((c) => hiddenFindings(c.facts, c.options).map((h) => `${c.name}: ${h}`));
    expect(hidden).toEqual([]);
  });

  it('never hides a finding on random clusters (empty, missing, wildcard and Secrets roles; system:masters)', () => {
    const roles: KRole[] = [
      clusterRole('empty', []),
      clusterRole('all', [rule(['*'], ['*'], ['*'])]),
      clusterRole('secrets', [rule(['get', 'list'], ['secrets'])]),
      clusterRole('pods', [rule(['create'], ['pods'])]),
    ];
    const subjects: KSubject[] = [group('system:masters'), user('alice'), sa('web', 'app'), group('devs')];
    const binding = fc
      .record({
        cluster: fc.boolean(),
        role: fc.constantFrom('empty', 'all', 'secrets', 'pods', 'missing'),
        subjects: fc.subarray(subjects, { minLength: 1 }),
      })
      .map(
        ({ cluster, role, subjects: s }, i = 0): KBinding =>
          cluster
            ? crb(`b-${role}-${i}`, role, s)
            : rb('web', `b-${role}-${i}`, { kind: 'ClusterRole', name: role }, s),
      );
    fc.assert(
      fc.property(fc.array(binding, { minLength: 1, maxLength: 5 }), (bindings) => {
        const named = bindings.map((b, i) => ({ ...b, name: `${b.name}-${i}` }));
        const rbac: KRbac = { roles, bindings: named };
        expect(hiddenFindings({ 'k8s.rbac': { ok: true, value: rbac } })).toEqual([]);
      }),
      { numRuns: 200, seed: 42 },
    );
  });
});
