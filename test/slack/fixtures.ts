/** Snapshots, results and diffs for Slack and digest tests. */
import { fingerprint } from '../../src/core/fingerprint';
import type { Diff, Regression, Result, Severity, Snapshot, TargetSummary } from '../../src/core/model';

const SEVS: Severity[] = ['critical', 'high', 'medium', 'low', 'info'];

export function result(i: number, over: Partial<Result> = {}): Result {
  const checkId = over.checkId ?? `k8s.rbac.check-${i % 7}`;
  const target = over.target ?? `cluster-${i % 3}`;
  const resource = over.resource ?? { kind: 'ClusterRole', name: `role-${i}` };
  return {
    checkId,
    status: 'fail',
    severity: SEVS[i % SEVS.length],
    target,
    resource,
    message: `ClusterRole role-${i} grants "*" verbs on secrets.`,
    fingerprint: fingerprint(checkId, target, resource),
    ...over,
  };
}

export function regressions(n: number): Regression[] {
  return Array.from({ length: n }, (_, i) => ({ result: result(i), reason: 'new' as const }));
}

export function snapshot(over: Partial<Snapshot> = {}): Snapshot {
  const targets: TargetSummary[] = over.targets ?? [
    { name: 'cluster-0', kind: 'cluster', status: 'assessed' },
    { name: 'cluster-1', kind: 'cluster', status: 'assessed' },
    { name: 'cluster-2', kind: 'cluster', status: 'assessed' },
  ];
  return {
    schemaVersion: 1,
    scanId: '20261130T020000Z-abc123',
    scope: 'nightly',
    startedAt: '2026-11-30T02:00:00.000Z',
    finishedAt: '2026-11-30T02:05:00.000Z',
    trigger: 'schedule',
    tool: { name: 'compliance-bot', version: '0.1.0' },
    checks: [],
    results: [],
    carried: [],
    previousSha256: null,
    ...over,
    targets,
  };
}

export function diff(over: Partial<Diff> = {}): Diff {
  return {
    baseline: false,
    previousScanId: '20261129T020000Z-000000',
    regressions: [],
    resolved: [],
    unchanged: [],
    unassessed: [],
    waived: [],
    ...over,
  };
}
