import { rbacProblem } from './validate-rbac';

const rule = (over: Record<string, unknown> = {}) => ({
  apiGroups: [''],
  resources: ['pods'],
  verbs: ['get'],
  ...over,
});
const user = (over: Record<string, unknown> = {}) => ({ kind: 'User', name: 'alice', ...over });
const sa = (over: Record<string, unknown> = {}) => ({ kind: 'ServiceAccount', name: 'ci', namespace: 'ops', ...over });
const ref = (over: Record<string, unknown> = {}) => ({
  apiGroup: 'rbac.authorization.k8s.io',
  kind: 'ClusterRole',
  name: 'view',
  ...over,
});

describe('rbacProblem: what the API server accepts', () => {
  it.each<[string, string, Record<string, unknown>]>([
    ['a Role with a resource rule', 'Role', { rules: [rule()] }],
    ['a role with no rules (absent, null or empty)', 'Role', {}],
    ['a role whose rules are null', 'ClusterRole', { rules: null }],
    [
      'a ClusterRole with a non-resource rule',
      'ClusterRole',
      { rules: [{ nonResourceURLs: ['/metrics'], verbs: ['get'] }] },
    ],
    ['resourceNames with one resource', 'Role', { rules: [rule({ resourceNames: ['a', 'b'] })] }],
    ['an aggregated ClusterRole', 'ClusterRole', { aggregationRule: { clusterRoleSelectors: [{}] }, rules: [] }],
    ['a RoleBinding to a Role', 'RoleBinding', { roleRef: ref({ kind: 'Role' }), subjects: [user()] }],
    ['a RoleBinding to a ClusterRole', 'RoleBinding', { roleRef: ref(), subjects: [sa({ namespace: undefined })] }],
    ['a roleRef without apiGroup (defaulted)', 'ClusterRoleBinding', { roleRef: ref({ apiGroup: undefined }) }],
    [
      'users and groups with and without apiGroup',
      'ClusterRoleBinding',
      {
        roleRef: ref(),
        subjects: [user(), user({ apiGroup: 'rbac.authorization.k8s.io' }), { kind: 'Group', name: 'g' }],
      },
    ],
    ['a binding with no subjects', 'ClusterRoleBinding', { roleRef: ref(), subjects: null }],
  ])('accepts %s', (_name, kind, obj) => {
    expect(rbacProblem(kind, obj)).toBeNull();
  });

  it('judges only the RBAC kinds', () => {
    expect(rbacProblem('ConfigMap', { rules: 'x' })).toBeNull();
  });
});

describe('rbacProblem: what the API server refuses, named by field', () => {
  it.each<[string, string, Record<string, unknown>, string]>([
    ['rules as a mapping', 'Role', { rules: { a: rule() } }, 'rules: is a mapping, not a list'],
    ['a rule that is a string', 'Role', { rules: ['get pods'] }, 'rules[0]: is the string "get pods", not a mapping'],
    ['verbs as a string', 'Role', { rules: [rule({ verbs: '*' })] }, 'rules[0].verbs: is the string "*", not a list'],
    [
      'a verb that is a number',
      'Role',
      { rules: [rule({ verbs: [1] })] },
      'rules[0].verbs[0]: is the number 1, not a string',
    ],
    ['a null verb', 'Role', { rules: [rule({ verbs: ['get', null] })] }, 'rules[0].verbs[1]: is null, not a string'],
    ['no verb', 'Role', { rules: [rule({ verbs: [] })] }, 'rules[0].verbs: must name at least one verb'],
    [
      'resources as a string',
      'Role',
      { rules: [rule({ resources: 'pods' })] },
      'rules[0].resources: is the string "pods", not a list',
    ],
    [
      'apiGroups as a string',
      'Role',
      { rules: [rule({ apiGroups: '' })] },
      'rules[0].apiGroups: is the string "", not a list',
    ],
    [
      'resourceNames as a string',
      'Role',
      { rules: [rule({ resourceNames: 'a' })] },
      'rules[0].resourceNames: is the string "a", not a list',
    ],
    [
      'nonResourceURLs as a string',
      'ClusterRole',
      { rules: [{ verbs: ['get'], nonResourceURLs: '/metrics' }] },
      'rules[0].nonResourceURLs: is the string "/metrics", not a list',
    ],
    [
      'a resource rule without apiGroups',
      'ClusterRole',
      { rules: [rule({ apiGroups: undefined })] },
      'rules[0].apiGroups: must name at least one API group in a resource rule',
    ],
    [
      'a resource rule without resources',
      'ClusterRole',
      { rules: [rule({ resources: [] })] },
      'rules[0].resources: must name at least one resource in a resource rule',
    ],
    [
      'resourceNames with two resources',
      'Role',
      { rules: [rule({ resources: ['pods', 'secrets'], resourceNames: ['a'] })] },
      'rules[0].resourceNames: is set with more than one resource',
    ],
    [
      'a non-resource rule in a Role',
      'Role',
      { rules: [{ verbs: ['get'], nonResourceURLs: ['/metrics'] }] },
      'rules[0].nonResourceURLs: is set in a Role, whose rules cannot name non-resource URLs',
    ],
    ...(['apiGroups', 'resources', 'resourceNames'] as const).map(
      (field): [string, string, Record<string, unknown>, string] => [
        `a non-resource rule with ${field}`,
        'ClusterRole',
        { rules: [{ verbs: ['get'], nonResourceURLs: ['/metrics'], [field]: ['x'] }] },
        'rules[0].nonResourceURLs: is set beside apiGroups, resources or resourceNames',
      ],
    ),
    [
      'the second rule broken',
      'ClusterRole',
      { rules: [rule(), rule({ verbs: 'get' })] },
      'rules[1].verbs: is the string "get", not a list',
    ],
    [
      'aggregation selectors as a mapping',
      'ClusterRole',
      { aggregationRule: { clusterRoleSelectors: { matchLabels: {} } } },
      'aggregationRule.clusterRoleSelectors: is a mapping, not a list',
    ],
    [
      'an aggregationRule that is a list',
      'ClusterRole',
      { aggregationRule: [] },
      'aggregationRule: is a list, not a mapping',
    ],
    ['no roleRef', 'RoleBinding', {}, 'roleRef.kind: "" is not Role or ClusterRole'],
    ['a roleRef that is a string', 'RoleBinding', { roleRef: 'view' }, 'roleRef: is the string "view", not a mapping'],
    [
      'a roleRef kind misspelt',
      'RoleBinding',
      { roleRef: ref({ kind: 'clusterrole' }) },
      'roleRef.kind: "clusterrole" is not Role or ClusterRole',
    ],
    [
      'a ClusterRoleBinding to a Role',
      'ClusterRoleBinding',
      { roleRef: ref({ kind: 'Role' }) },
      'roleRef.kind: "Role" is not ClusterRole',
    ],
    [
      'a roleRef of another API group',
      'RoleBinding',
      { roleRef: ref({ apiGroup: 'rbac.example.com' }) },
      'roleRef.apiGroup: "rbac.example.com" is not rbac.authorization.k8s.io',
    ],
    [
      'a roleRef kind that is a number',
      'RoleBinding',
      { roleRef: ref({ kind: 7 }) },
      'roleRef.kind: is the number 7, not a string',
    ],
    ['a roleRef without name', 'RoleBinding', { roleRef: ref({ name: '' }) }, 'roleRef.name: is required'],
    [
      'a roleRef name with a slash',
      'RoleBinding',
      { roleRef: ref({ name: 'a/b' }) },
      'roleRef.name: "a/b" is not a role name',
    ],
    [
      'a roleRef name with a percent sign',
      'RoleBinding',
      { roleRef: ref({ name: 'a%20' }) },
      'roleRef.name: "a%20" is not a role name',
    ],
    ['a roleRef name of ..', 'RoleBinding', { roleRef: ref({ name: '..' }) }, 'roleRef.name: ".." is not a role name'],
    ['a roleRef name of .', 'RoleBinding', { roleRef: ref({ name: '.' }) }, 'roleRef.name: "." is not a role name'],
    [
      'subjects as a mapping',
      'RoleBinding',
      { roleRef: ref(), subjects: user() },
      'subjects: is a mapping, not a list',
    ],
    [
      'a subject kind misspelt',
      'RoleBinding',
      { roleRef: ref(), subjects: [user({ kind: 'user' })] },
      'subjects[0].kind: "user" is not ServiceAccount, User or Group',
    ],
    [
      'a subject without name',
      'RoleBinding',
      { roleRef: ref(), subjects: [user({ name: '' })] },
      'subjects[0].name: is required',
    ],
    [
      'a subject name that is a list',
      'RoleBinding',
      { roleRef: ref(), subjects: [user({ name: ['a'] })] },
      'subjects[0].name: is a list, not a string',
    ],
    [
      'a ServiceAccount name that is no DNS subdomain',
      'RoleBinding',
      { roleRef: ref(), subjects: [sa({ name: 'CI_Bot' })] },
      'subjects[0].name: "CI_Bot" is not a ServiceAccount name',
    ],
    [
      'a ServiceAccount with an apiGroup',
      'RoleBinding',
      { roleRef: ref(), subjects: [sa({ apiGroup: 'rbac.authorization.k8s.io' })] },
      'subjects[0].apiGroup: "rbac.authorization.k8s.io" must be empty for a ServiceAccount',
    ],
    [
      'a ServiceAccount without namespace in a ClusterRoleBinding',
      'ClusterRoleBinding',
      { roleRef: ref(), subjects: [sa({ namespace: undefined })] },
      'subjects[0].namespace: is required in a ClusterRoleBinding',
    ],
    [
      'a group of another API group',
      'ClusterRoleBinding',
      { roleRef: ref(), subjects: [{ kind: 'Group', name: 'g', apiGroup: 'example.com' }] },
      'subjects[0].apiGroup: "example.com" is not rbac.authorization.k8s.io',
    ],
    [
      'the second subject broken',
      'ClusterRoleBinding',
      { roleRef: ref(), subjects: [user(), { kind: 'User' }] },
      'subjects[1].name: is required',
    ],
  ])('refuses %s', (_name, kind, obj, problem) => {
    expect(rbacProblem(kind, obj)).toBe(problem);
  });

  it('quotes a long value cut short', () => {
    const long = 'x'.repeat(100);
    expect(rbacProblem('Role', { rules: [rule({ verbs: long })] })).toBe(
      `rules[0].verbs: is the string "${'x'.repeat(39)}…, not a list`,
    );
  });
});
