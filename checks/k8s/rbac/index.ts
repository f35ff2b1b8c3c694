import type { AnyCheck } from '../../../src/core/model';
import clusterAdmin from './cluster-admin';
import csrApprove from './csr-approve';
import escalationVerbs from './escalation-verbs';
import podExec from './pod-exec';
import secretsRead from './secrets-read';
import tokenCreate from './token-create';
import webhookConfig from './webhook-config';
import workloadCreate from './workload-create';

/** The k8s/rbac checks (k8s.authz.* and k8s.rbac.*), in catalogue order. */
export const rbacChecks: AnyCheck[] = [
  clusterAdmin,
  secretsRead,
  escalationVerbs,
  podExec,
  workloadCreate,
  tokenCreate,
  csrApprove,
  webhookConfig,
];
