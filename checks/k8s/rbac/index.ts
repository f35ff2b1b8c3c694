import type { AnyCheck } from '../../../src/core/model';
import clusterAdmin from './cluster-admin';

/** The k8s/rbac checks (k8s.authz.* and k8s.rbac.*), in catalogue order. */
export const rbacChecks: AnyCheck[] = [clusterAdmin];
