import { clusterRole, crb, DEFAULT_LABELS, group, rb, rule, sa, user } from '../../../checks/k8s/rbac/fixtures';
import { builtinBinding, isBuiltinRole, isBuiltinWildcardRule } from './builtin';
import { RbacIndex } from './engine';

describe('Function: builtinBinding', () => {
  it.each([
    ['cluster-admin to system:masters', crb('cluster-admin', 'cluster-admin', [group('system:masters')]), 'kubernetes'],
    [
      'a controller binding',
      crb('system:controller:job-controller', 'system:controller:job-controller', [
        sa('kube-system', 'job-controller'),
      ]),
      'kubernetes',
    ],
    ['system:node with no subject', crb('system:node', 'system:node', []), 'kubernetes'],
    [
      'a kube-system RoleBinding, subjects in another order',
      rb(
        'kube-system',
        'system::leader-locking-kube-scheduler',
        { kind: 'Role', name: 'system::leader-locking-kube-scheduler' },
        [sa('kube-system', 'kube-scheduler'), user('system:kube-scheduler')],
      ),
      'kubernetes',
    ],
    [
      'kubeadm kube-proxy',
      crb('kubeadm:node-proxier', 'system:node-proxier', [sa('kube-system', 'kube-proxy')]),
      'kubeadm',
    ],
    ['EKS aws-node', crb('aws-node', 'aws-node', [sa('kube-system', 'aws-node')]), 'eks'],
  ])('recognises %s', (_name, binding, source) => {
    expect(builtinBinding(binding)).toBe(source);
  });

  it.each([
    ['a subject added', crb('cluster-admin', 'cluster-admin', [group('system:masters'), user('eve')], DEFAULT_LABELS)],
    ['a subject changed', crb('system:node-proxier', 'system:node-proxier', [user('eve')], DEFAULT_LABELS)],
    [
      'a subject removed',
      crb('system:public-info-viewer', 'system:public-info-viewer', [group('system:authenticated')]),
    ],
    ['the roleRef changed', crb('system:node-proxier', 'cluster-admin', [user('system:kube-proxy')], DEFAULT_LABELS)],
    ['the label alone', crb('system:node-admin', 'cluster-admin', [group('system:nodes')], DEFAULT_LABELS)],
    ['a system: name alone', crb('system:controller:helper', 'cluster-admin', [sa('kube-system', 'helper')])],
    [
      'a controller binding in the wrong namespace',
      crb('system:controller:job-controller', 'system:controller:job-controller', [sa('default', 'job-controller')]),
    ],
    ['system:node given system:nodes', crb('system:node', 'system:node', [group('system:nodes')])],
    [
      'a subject twice',
      crb('system:kube-dns', 'system:kube-dns', [sa('kube-system', 'kube-dns'), sa('kube-system', 'kube-dns')]),
    ],
  ])('does not recognise a shipped-looking binding with %s', (_name, binding) => {
    expect(builtinBinding(binding)).toBeUndefined();
  });
});

describe('Function: builtinBinding, what must match exactly', () => {
  it('does not recognise a shipped name bound to another role with the shipped subjects', () => {
    expect(builtinBinding(crb('cluster-admin', 'view', [group('system:masters')]))).toBeUndefined();
    const toRole = { ...crb('cluster-admin', 'cluster-admin', [group('system:masters')]) };
    expect(builtinBinding({ ...toRole, roleRef: { kind: 'Role', name: 'cluster-admin' } })).toBeUndefined();
  });

  it('does not recognise a shipped kube-system RoleBinding copied into another namespace', () => {
    const subjects = [sa('kube-system', 'kube-scheduler'), user('system:kube-scheduler')];
    const ref = { kind: 'Role' as const, name: 'system::leader-locking-kube-scheduler' };
    expect(builtinBinding(rb('kube-system', 'system::leader-locking-kube-scheduler', ref, subjects))).toBe(
      'kubernetes',
    );
    expect(builtinBinding(rb('default', 'system::leader-locking-kube-scheduler', ref, subjects))).toBeUndefined();
  });
});

describe('Function: builtinBinding, a namespace on a cluster-scoped binding', () => {
  it('looks a ClusterRoleBinding up by name alone, as the API server ignores a namespace on it', () => {
    const binding = crb('cluster-admin', 'cluster-admin', [group('system:masters')]);
    expect(builtinBinding({ ...binding, namespace: 'kube-system' })).toBe('kubernetes');
    expect(builtinBinding({ ...binding, namespace: 'default' })).toBe('kubernetes');
  });
});

describe('Function: isBuiltinWildcardRule, a widened rule', () => {
  it('takes the all-URLs rule as shipped only in cluster-admin, and only as shipped', () => {
    expect(isBuiltinWildcardRule('view', { verbs: ['*'], nonResourceURLs: ['*'] })).toBe(false);
    expect(isBuiltinWildcardRule('cluster-admin', { verbs: ['*', 'get'], nonResourceURLs: ['*'] })).toBe(false);
    expect(isBuiltinWildcardRule('cluster-admin', { verbs: ['get'], nonResourceURLs: ['*'] })).toBe(false);
    expect(isBuiltinWildcardRule('cluster-admin', { verbs: ['*'], nonResourceURLs: ['*', '/metrics'] })).toBe(false);
    expect(isBuiltinWildcardRule('cluster-admin', { verbs: ['*'], nonResourceURLs: ['/metrics'] })).toBe(false);
  });

  it('refuses a shipped "*" rule with a verb, resource or group added or taken away', () => {
    const role = 'system:controller:storage-version-migrator-controller';
    expect(isBuiltinWildcardRule(role, rule(['create', 'list', 'patch'], ['*'], ['*']))).toBe(true);
    expect(isBuiltinWildcardRule(role, rule(['create', 'list', 'patch', 'delete'], ['*'], ['*']))).toBe(false);
    expect(isBuiltinWildcardRule(role, rule(['create', 'list'], ['*'], ['*']))).toBe(false);
    expect(isBuiltinWildcardRule(role, rule(['create', 'list', 'get'], ['*'], ['*']))).toBe(false);
    expect(isBuiltinWildcardRule(role, rule(['create', 'list', 'patch'], ['*', 'secrets'], ['*']))).toBe(false);
    expect(isBuiltinWildcardRule(role, rule(['create', 'list', 'patch'], ['*'], ['*', 'apps']))).toBe(false);
    expect(isBuiltinWildcardRule(role, rule(['create', 'list', 'patch'], ['*'], ['apps']))).toBe(false);
  });
});

describe('Function: isBuiltinWildcardRule', () => {
  it('accepts the bootstrap policy own "*" rules and nothing else', () => {
    expect(isBuiltinWildcardRule('cluster-admin', rule(['*'], ['*'], ['*']))).toBe(true);
    expect(isBuiltinWildcardRule('cluster-admin', { verbs: ['*'], nonResourceURLs: ['*'] })).toBe(true);
    expect(
      isBuiltinWildcardRule(
        'system:controller:horizontal-pod-autoscaler',
        rule(['get', 'list'], ['*'], ['custom.metrics.k8s.io']),
      ),
    ).toBe(true);
    expect(
      isBuiltinWildcardRule('system:controller:resourcequota-controller', rule(['watch', 'list'], ['*'], ['*'])),
    ).toBe(true);
    expect(isBuiltinWildcardRule('system:controller:resourcequota-controller', rule(['*'], ['*'], ['*']))).toBe(false);
    expect(isBuiltinWildcardRule('system:node-proxier', rule(['*'], ['*'], ['*']))).toBe(false);
    expect(isBuiltinRole({ kind: 'ClusterRole', name: 'system:node-proxier' })).toBe(true);
    expect(isBuiltinRole({ kind: 'Role', name: 'system:node-proxier' })).toBe(false);
  });

  it('keeps the shipped horizontal-pod-autoscaler binding built-in despite its metrics "*" rules', () => {
    const index = new RbacIndex({
      roles: [
        clusterRole('system:controller:horizontal-pod-autoscaler', [
          rule(['get', 'update'], ['*/scale'], ['*']),
          rule(['get', 'list'], ['*'], ['custom.metrics.k8s.io']),
          rule(['get', 'list'], ['*'], ['external.metrics.k8s.io']),
        ]),
      ],
      bindings: [
        crb('system:controller:horizontal-pod-autoscaler', 'system:controller:horizontal-pod-autoscaler', [
          sa('kube-system', 'horizontal-pod-autoscaler'),
        ]),
      ],
    });
    expect(index.subjects()).toEqual([]);
  });
});
