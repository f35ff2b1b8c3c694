/**
 * The registry: every check, listed explicitly (a bundled Lambda has no folder to scan).
 * checks/registry.test.ts holds the rules every check must meet.
 */
import type { AnyCheck } from '../src/core/model';
import { hostChecks } from './host';
import { authnChecks } from './k8s/authn';
import { controlplaneChecks } from './k8s/controlplane';
import { eksChecks } from './k8s/eks';
import { netpolChecks } from './k8s/netpol';
import { rbacChecks } from './k8s/rbac';
import { tlsChecks } from './k8s/tls';
import { workloadChecks } from './k8s/workloads';

export const checks: readonly AnyCheck[] = [
  ...hostChecks,
  ...authnChecks,
  ...rbacChecks,
  ...tlsChecks,
  ...netpolChecks,
  ...workloadChecks,
  ...controlplaneChecks,
  ...eksChecks,
];

/** Finds a check by ID or alias. */
export function findCheck(id: string): AnyCheck | undefined {
  return checks.find((c) => c.id === id || c.aliases?.includes(id));
}
