/**
 * RBAC objects for check cases and engine tests, in the shape of the `k8s.rbac` fact. `DEFAULTS` is a slice of what
 * every kubeadm cluster has (labelled `kubernetes.io/bootstrapping=rbac-defaults`).
 */
import type { KBinding, KPolicyRule, KRbac, KRole, KSubject, Labels } from '../../../src/core/facts/k8s';
import type { FactSet } from '../../../src/core/model';

export const DEFAULT_LABELS: Labels = { 'kubernetes.io/bootstrapping': 'rbac-defaults' };

export const user = (name: string): KSubject => ({ kind: 'User', name });
export const group = (name: string): KSubject => ({ kind: 'Group', name });
export const sa = (namespace: string, name: string): KSubject => ({ kind: 'ServiceAccount', namespace, name });

export const rule = (
  verbs: string[],
  resources: string[],
  apiGroups: string[] = [''],
  extra: Partial<KPolicyRule> = {},
): KPolicyRule => ({
  verbs,
  apiGroups,
  resources,
  ...extra,
});

export function clusterRole(
  name: string,
  rules: KPolicyRule[],
  labels: Labels = {},
  extra: Partial<KRole> = {},
): KRole {
  return { kind: 'ClusterRole', name, labels, rules, ...extra };
}

export function role(namespace: string, name: string, rules: KPolicyRule[], labels: Labels = {}): KRole {
  return { kind: 'Role', namespace, name, labels, rules };
}

export function crb(name: string, roleName: string, subjects: KSubject[], labels: Labels = {}): KBinding {
  return { kind: 'ClusterRoleBinding', name, labels, roleRef: { kind: 'ClusterRole', name: roleName }, subjects };
}

export function rb(
  namespace: string,
  name: string,
  roleRef: { kind: 'Role' | 'ClusterRole'; name: string },
  subjects: KSubject[],
  labels: Labels = {},
): KBinding {
  return { kind: 'RoleBinding', namespace, name, labels, roleRef, subjects };
}

export const CLUSTER_ADMIN = clusterRole(
  'cluster-admin',
  [rule(['*'], ['*'], ['*']), { verbs: ['*'], nonResourceURLs: ['*'] }],
  DEFAULT_LABELS,
);

/** A slice of the default RBAC of a kubeadm cluster. */
export const DEFAULTS: KRbac = {
  roles: [
    CLUSTER_ADMIN,
    clusterRole(
      'system:discovery',
      [
        {
          verbs: ['get'],
          nonResourceURLs: [
            '/api',
            '/api/*',
            '/apis',
            '/apis/*',
            '/healthz',
            '/livez',
            '/openapi',
            '/openapi/*',
            '/readyz',
            '/version',
            '/version/',
          ],
        },
      ],
      DEFAULT_LABELS,
    ),
    clusterRole(
      'system:basic-user',
      [
        rule(['create'], ['selfsubjectaccessreviews', 'selfsubjectrulesreviews'], ['authorization.k8s.io']),
        rule(['create'], ['selfsubjectreviews'], ['authentication.k8s.io']),
      ],
      DEFAULT_LABELS,
    ),
    clusterRole(
      'system:public-info-viewer',
      [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/livez', '/readyz', '/version', '/version/'] }],
      DEFAULT_LABELS,
    ),
    clusterRole('system:controller:replicaset-controller', [rule(['create', 'delete'], ['pods'])], DEFAULT_LABELS),
    clusterRole(
      'system:kube-scheduler',
      [rule(['create', 'get', 'list', 'watch'], ['pods/binding', 'pods', 'bindings'])],
      DEFAULT_LABELS,
    ),
  ],
  bindings: [
    crb('cluster-admin', 'cluster-admin', [group('system:masters')], DEFAULT_LABELS),
    crb('system:discovery', 'system:discovery', [group('system:authenticated')], DEFAULT_LABELS),
    crb('system:basic-user', 'system:basic-user', [group('system:authenticated')], DEFAULT_LABELS),
    crb(
      'system:public-info-viewer',
      'system:public-info-viewer',
      [group('system:authenticated'), group('system:unauthenticated')],
      DEFAULT_LABELS,
    ),
    crb(
      'system:controller:replicaset-controller',
      'system:controller:replicaset-controller',
      [sa('kube-system', 'replicaset-controller')],
      DEFAULT_LABELS,
    ),
    crb('system:kube-scheduler', 'system:kube-scheduler', [user('system:kube-scheduler')], DEFAULT_LABELS),
  ],
};

/** The defaults plus these objects. */
export function withDefaults(extra: Partial<KRbac>): KRbac {
  return {
    roles: [...DEFAULTS.roles, ...(extra.roles ?? [])],
    bindings: [...DEFAULTS.bindings, ...(extra.bindings ?? [])],
  };
}

/** A FactSet holding only this RBAC. */
export function rbacFacts(rbac: KRbac): FactSet {
  return { 'k8s.rbac': { ok: true, value: rbac } };
}
