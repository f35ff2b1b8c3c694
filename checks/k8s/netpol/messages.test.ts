/**
 * Whole messages of the NetworkPolicy checks where the case tables (substring match) cannot tell a sentence from the
 * same sentence with something appended: a clause that must be absent when there is nothing to say.
 */
import { evaluateCheck } from '../../../src/core/engine';
import { type AnyCheck, DEFAULT_CHECK_OPTIONS, type FactSet } from '../../../src/core/model';
import defaultDenyEgress from './default-deny-egress';
import defaultDenyIngress from './default-deny-ingress';
import { denyIngress, deploy, netpolFacts, ns, policy } from './fixtures';
import namespaceHasPolicy from './namespace-has-policy';

function messages(check: AnyCheck, facts: FactSet): string[] {
  return evaluateCheck(
    check,
    { target: { name: 'demo', kind: 'cluster' }, facts },
    { now: new Date('2026-06-01T00:00:00Z'), options: DEFAULT_CHECK_OPTIONS, checksInScan: [check.id] },
  ).map((r) => r.message);
}

const web = deploy('shop', 'web', { app: 'web' });
const db = deploy('shop', 'db', { app: 'db' });

describe('NetworkPolicy check messages without a host-network workload', () => {
  it('namespace-has-policy: a pass names the policy count and nothing else', () => {
    const facts = netpolFacts({ namespaces: [ns('shop')], workloads: [web], policies: [denyIngress('shop')] });
    expect(messages(namespaceHasPolicy, facts)).toEqual(['Namespace shop has 1 NetworkPolicy object(s).']);
  });

  it('default-deny: a namespace without NetworkPolicy gets one sentence', () => {
    const facts = netpolFacts({ namespaces: [ns('shop')], workloads: [web] });
    expect(messages(defaultDenyIngress, facts)).toEqual([
      'Namespace shop has no policy selecting every pod for ingress (it has no NetworkPolicy).',
    ]);
    expect(messages(defaultDenyEgress, facts)).toEqual([
      'Namespace shop has no policy selecting every pod for egress (it has no NetworkPolicy).',
    ]);
  });

  it('default-deny: narrower policies are counted in one sentence', () => {
    const facts = netpolFacts({
      namespaces: [ns('shop')],
      workloads: [web, db],
      policies: [policy('shop', 'web-only', { podSelector: { matchLabels: { app: 'web' } } })],
    });
    expect(messages(defaultDenyIngress, facts)).toEqual([
      'Namespace shop has no policy selecting every pod for ingress: 1 of 2 running workload(s) are isolated by ' +
        'narrower policies.',
    ]);
  });
});
