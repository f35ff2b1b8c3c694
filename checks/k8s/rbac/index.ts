import type { AnyCheck } from '../../../src/core/model';
import anonymousBinding from './anonymous-binding';
import authzMode from './authz-mode';
import authzNoAbac from './authz-no-abac';
import authzNodeRestriction from './authz-node-restriction';
import clusterAdmin from './cluster-admin';
import csrApprove from './csr-approve';
import danglingBinding from './dangling-binding';
import defaultSaBound from './default-sa-bound';
import escalationVerbs from './escalation-verbs';
import nodesProxy from './nodes-proxy';
import podExec from './pod-exec';
import pvCreate from './pv-create';
import secretsRead from './secrets-read';
import tokenCreate from './token-create';
import webhookConfig from './webhook-config';
import wildcard from './wildcard';
import workloadCreate from './workload-create';

/** The k8s/rbac checks (k8s.authz.* and k8s.rbac.*), in catalogue order. */
export const rbacChecks: AnyCheck[] = [
  authzMode,
  authzNoAbac,
  authzNodeRestriction,
  clusterAdmin,
  wildcard,
  secretsRead,
  escalationVerbs,
  podExec,
  nodesProxy,
  workloadCreate,
  pvCreate,
  tokenCreate,
  csrApprove,
  webhookConfig,
  anonymousBinding,
  defaultSaBound,
  danglingBinding,
];
