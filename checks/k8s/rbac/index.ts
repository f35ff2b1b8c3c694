import type { AnyCheck } from '../../../src/core/model';

/** The k8s/rbac checks, in catalogue order. */
export const rbacChecks: AnyCheck[] = [];
