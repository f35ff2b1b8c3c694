/**
 * The nightly diff over reachability: a path a policy change opens is a regression whose message names both ends,
 * the port and the policy; a path that closes is resolved (its destination passes, or the result is gone from a
 * fully assessed target).
 */

import { denyIngress, deploy, netpolFacts, ns, policy } from '../../checks/k8s/netpol/fixtures';
import reachPaths from '../../checks/k8s/netpol/reach-paths';
import { compare } from '../../src/core/diff';
import { evaluateTarget } from '../../src/core/engine';
import type { KNetworkPolicy } from '../../src/core/facts/k8s';
import type { Result, Snapshot } from '../../src/core/model';

const now = new Date('2026-06-01T02:00:00Z');
const target = { name: 'prod', kind: 'cluster' as const };
const workloads = [deploy('shop', 'frontend', { app: 'frontend' }), deploy('payments', 'ledger', { app: 'ledger' })];

function scan(policies: KNetworkPolicy[]): Result[] {
  return evaluateTarget(
    [reachPaths],
    { target, facts: netpolFacts({ namespaces: [ns('shop'), ns('payments')], workloads, policies }) },
    { now },
  );
}

function snapshot(results: Result[]): Snapshot {
  return {
    schemaVersion: 1,
    scanId: 'night-1',
    scope: 'cluster/prod',
    startedAt: '2026-05-31T02:00:00Z',
    finishedAt: '2026-05-31T02:01:00Z',
    trigger: 'test',
    tool: { name: 'compliance-bot', version: 'test' },
    targets: [{ ...target, status: 'assessed' }],
    checks: [reachPaths.id],
    results,
    carried: [],
    previousSha256: null,
  };
}

const ledgerFromShop = (port: number) =>
  policy('payments', 'ledger-from-shop', {
    podSelector: { matchLabels: { app: 'ledger' } },
    ingress: [
      { from: [{ namespaceSelector: { matchLabels: { 'kubernetes.io/metadata.name': 'shop' } } }], ports: [{ port }] },
    ],
  });

describe('Diff: newly opened paths', () => {
  it('reports the path a policy change opened as a regression, in the sentence form', () => {
    const before = scan([denyIngress('payments')]);
    const after = scan([denyIngress('payments'), ledgerFromShop(5432)]);
    const { diff } = compare(
      snapshot(before),
      {
        startedAt: now.toISOString(),
        targets: [{ ...target, status: 'assessed' }],
        checks: [reachPaths.id],
        results: after,
      },
      [],
      now,
    );
    expect(diff.regressions.map((r) => r.result.message)).toEqual([
      'Deployment shop/frontend can reach Deployment payments/ledger on TCP/5432 since policy payments/ledger-from-shop (ingress) allows it.',
    ]);
    expect(diff.resolved).toEqual([]);
  });

  it('a port change is one path closed and one opened; an unchanged path stays unchanged', () => {
    const before = scan([denyIngress('payments'), ledgerFromShop(5432)]);
    const after = scan([denyIngress('payments'), ledgerFromShop(6432)]);
    const { diff } = compare(
      snapshot(before),
      {
        startedAt: now.toISOString(),
        targets: [{ ...target, status: 'assessed' }],
        checks: [reachPaths.id],
        results: after,
      },
      [],
      now,
    );
    expect(diff.regressions.map((r) => r.result.resource.name)).toEqual([
      'Deployment/shop/frontend -> Deployment/payments/ledger TCP/6432',
    ]);
    expect(diff.resolved.map((r) => r.previous.resource.name)).toEqual([
      'Deployment/shop/frontend -> Deployment/payments/ledger TCP/5432',
    ]);
    const same = compare(
      snapshot(after),
      {
        startedAt: now.toISOString(),
        targets: [{ ...target, status: 'assessed' }],
        checks: [reachPaths.id],
        results: scan([denyIngress('payments'), ledgerFromShop(6432)]),
      },
      [],
      now,
    );
    expect(same.diff.regressions).toEqual([]);
    expect(same.diff.unchanged).toHaveLength(1);
  });
});
