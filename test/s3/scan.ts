/** A minimal scan set-up for store tests through runScan: one cluster target, one check whose failures are set per scan. */
import type { TargetCollector } from '../../src/collectors/types';
import { defineCheck } from '../../src/core/check';
import type { AnyCheck } from '../../src/core/model';

export interface ScanFixture {
  /** Users that fail the check in the next scan. */
  failing: Set<string>;
  /** Users that pass it. */
  passing: Set<string>;
  check: AnyCheck;
  collector: TargetCollector;
}

export function scanFixture(): ScanFixture {
  const failing = new Set<string>();
  const passing = new Set<string>();
  const check = defineCheck({
    id: 'test.store.user-admin',
    title: 'Users are not cluster administrators',
    severity: 'high',
    category: 'rbac',
    targetKind: 'cluster',
    benchmarks: [],
    remediation: 'Remove the binding.',
    requires: [],
    evaluate: () => [
      ...[...failing].map((name) => ({
        status: 'fail' as const,
        resource: { kind: 'User', name },
        message: `User ${name} is a cluster administrator.`,
      })),
      ...[...passing].map((name) => ({
        status: 'pass' as const,
        resource: { kind: 'User', name },
        message: `User ${name} is not a cluster administrator.`,
      })),
    ],
  });
  const target = { name: 'demo', kind: 'cluster' as const };
  return { failing, passing, check, collector: { target, collect: async () => ({ target, facts: {} }) } };
}
