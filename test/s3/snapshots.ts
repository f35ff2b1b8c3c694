/** Snapshots for store tests: small, valid, and different enough to tell apart. */
import { fingerprint } from '../../src/core/fingerprint';
import type { Result, Severity, Snapshot, Status } from '../../src/core/model';

export function result(
  name: string,
  status: Status = 'fail',
  severity: Severity = 'high',
  checkId = 'k8s.rbac.cluster-admin',
  target = 'demo',
): Result {
  const resource = { kind: 'User', name };
  return {
    checkId,
    status,
    severity,
    target,
    resource,
    message: `User ${name} is bound to cluster-admin.`,
    fingerprint: fingerprint(checkId, target, resource),
  };
}

export function snapshot(overrides: Partial<Snapshot> & { startedAt: string }): Snapshot {
  const scanId = overrides.scanId ?? `${overrides.startedAt.replace(/[-:]/g, '').replace(/\.\d+/, '')}-${'abc123'}`;
  return {
    schemaVersion: 1,
    scope: 'local',
    finishedAt: overrides.startedAt,
    trigger: 'test',
    tool: { name: 'compliance-bot', version: '0.0.0-test' },
    targets: [{ name: 'demo', kind: 'cluster', status: 'assessed' }],
    checks: ['k8s.rbac.cluster-admin'],
    results: [result('alice'), result('bob', 'pass')],
    carried: [],
    previousSha256: null,
    ...overrides,
    scanId,
  };
}
