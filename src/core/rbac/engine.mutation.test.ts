/**
 * Edge cases of the RBAC engine that the behavioural tables in engine.test.ts leave open: subject normalisation,
 * aggregation selection, who-can entries (superusers, built-in marking, restrictions), indexes and evidence labels.
 */
import { clusterRole, crb, group, rb, role, rule, sa, user } from '../../../checks/k8s/rbac/fixtures';
import type { KPolicyRule, KRbac, KRole } from '../facts/k8s';
import {
  type AccessQuery,
  type Grant,
  grantEvidence,
  isSpecialPrincipal,
  normaliseSubject,
  RbacIndex,
  ruleLabel,
  ruleMatches,
  type SubjectRef,
  scopesOf,
  subjectKey,
  urlMatches,
} from './engine';

const U = (name: string): SubjectRef => ({ kind: 'User', name });
const G = (name: string): SubjectRef => ({ kind: 'Group', name });
const SA = (namespace: string, name: string): SubjectRef => ({ kind: 'ServiceAccount', namespace, name });
const getPods: AccessQuery = { verb: 'get', group: '', resource: 'pods' };
const keys = (entries: { subject: SubjectRef }[]) => entries.map((e) => subjectKey(e.subject));

const proxierRole = clusterRole('system:node-proxier', [rule(['list', 'watch'], ['endpoints', 'services'])]);
const proxierBinding = crb('system:node-proxier', 'system:node-proxier', [user('system:kube-proxy')]);

describe('Function: isSpecialPrincipal', () => {
  it.each<[SubjectRef, boolean]>([
    [U('system:anonymous'), true],
    [U('alice'), false],
    [U('system:authenticated'), false],
    [G('system:authenticated'), true],
    [G('system:unauthenticated'), true],
    [G('system:serviceaccounts'), true],
    [G('system:serviceaccounts:web'), true],
    [G('dev'), false],
    [G('system:anonymous'), false],
    [SA('system:serviceaccounts', 'x'), false],
  ])('%j: %s', (s, special) => expect(isSpecialPrincipal(s)).toBe(special));
});

describe('Function: normaliseSubject', () => {
  it.each<[string, Parameters<typeof normaliseSubject>[0], SubjectRef]>([
    [
      'a Group named like a ServiceAccount stays a Group',
      group('system:serviceaccount:web:x'),
      G('system:serviceaccount:web:x'),
    ],
    [
      'a long User name with colons stays a User',
      user('oidc:https://idp.example.com:8443#alice'),
      U('oidc:https://idp.example.com:8443#alice'),
    ],
    [
      'a User system:serviceaccount:NAME without namespace stays a User',
      user('system:serviceaccount:x'),
      U('system:serviceaccount:x'),
    ],
    [
      'a User system:serviceaccount::NAME (empty namespace) stays a User',
      user('system:serviceaccount::x'),
      U('system:serviceaccount::x'),
    ],
    ['a User system:serviceaccount:NS:NAME is the ServiceAccount', user('system:serviceaccount:web:x'), SA('web', 'x')],
  ])('%s', (_name, s, want) => expect(normaliseSubject(s)).toEqual(want));
});

describe('Function: urlMatches', () => {
  it.each<[string, string, boolean]>([
    ['/healthz', '/healthz', true],
    ['/healthz', '/healthz/etcd', false],
    ['/healthz/*', '/healthz/etcd', true],
    ['*', '/anything', true],
  ])('%s against %s: %s', (p, path, ok) => expect(urlMatches(p, path)).toBe(ok));
});

describe('Function: ruleMatches without resourceNames', () => {
  it('allows a request for a named object when the rule names none', () => {
    expect(ruleMatches(rule(['get'], ['secrets']), { verb: 'get', group: '', resource: 'secrets', name: 'x' })).toBe(
      true,
    );
  });
});

describe('Aggregation: which ClusterRoles are selected', () => {
  const agg = (
    name: string,
    labels: Record<string, string>,
    selector: Record<string, string>,
    rules: KPolicyRule[] = [],
  ) => clusterRole(name, rules, labels, { aggregationRule: { clusterRoleSelectors: [{ matchLabels: selector }] } });
  const effective = (roles: KRole[], name = 'combined') => {
    const index = new RbacIndex({ roles, bindings: [] });
    return index
      .rulesOf(index.role('ClusterRole', name)!)
      .map((r) => `${r.rule.verbs[0]} ${r.rule.resources} <${r.from}`);
  };

  it('selects ClusterRoles only, never a namespaced Role with the same labels', () => {
    expect(
      effective([
        role('web', 'sneaky', [rule(['delete'], ['pods'])], { foo: 'bar' }),
        clusterRole('hammer', [rule(['hammer'], ['nails'])], { foo: 'bar' }),
        agg('combined', {}, { foo: 'bar' }),
      ]),
    ).toEqual(['hammer nails <hammer']);
  });

  it('does not select itself when its own labels match its selector', () => {
    expect(
      effective([
        clusterRole('hammer', [rule(['hammer'], ['nails'])], { foo: 'bar' }),
        agg('combined', { foo: 'bar' }, { foo: 'bar' }, [rule(['own'], ['rules'])]),
      ]),
    ).toEqual(['hammer nails <hammer']);
  });

  it('resolves two aggregated roles that select each other without looping', () => {
    const roles = [
      agg('combined', { a: '1' }, { b: '1' }),
      agg('other', { b: '1' }, { a: '1' }),
      clusterRole('saw', [rule(['saw'], ['boards'])], { b: '1' }),
    ];
    expect(effective(roles)).toEqual(['saw boards <saw']);
  });

  it('gives two aggregated roles in a cycle the same rules, whichever is resolved first (the controller settles so)', () => {
    // a selects b and d; b selects a and c. The aggregation controller keeps rewriting both until each holds c and d.
    const roles = () => [
      agg('a', { sel: 'b' }, { sel: 'a' }),
      agg('b', { sel: 'a' }, { sel: 'b' }),
      clusterRole('c', [rule(['create'], ['pods'])], { sel: 'b' }),
      clusterRole('d', [rule(['get'], ['secrets'])], { sel: 'a' }),
    ];
    const grants = (first: string, second: string) => {
      const index = new RbacIndex({ roles: roles(), bindings: [] });
      const one = index.rulesOf(index.role('ClusterRole', first)!).map((r) => `${r.rule.verbs[0]} ${r.rule.resources}`);
      const two = index
        .rulesOf(index.role('ClusterRole', second)!)
        .map((r) => `${r.rule.verbs[0]} ${r.rule.resources}`);
      return { [first]: one.sort(), [second]: two.sort() };
    };
    const both = ['create pods', 'get secrets'];
    expect(grants('a', 'b')).toEqual({ a: both, b: both });
    expect(grants('b', 'a')).toEqual({ a: both, b: both });
  });

  it('an aggregationRule without selectors selects nothing', () => {
    const combined = clusterRole('combined', [], {}, { aggregationRule: {} as never });
    expect(effective([clusterRole('hammer', [rule(['hammer'], ['nails'])]), combined])).toEqual([]);
  });

  it('a namespaced Role carrying an aggregationRule grants its own rules (only ClusterRoles aggregate)', () => {
    const r: KRole = {
      ...role('web', 'r', [rule(['get'], ['pods'])], { foo: 'bar' }),
      aggregationRule: { clusterRoleSelectors: [{ matchLabels: { foo: 'bar' } }] },
    };
    const index = new RbacIndex({
      roles: [r, clusterRole('hammer', [rule(['hammer'], ['nails'])], { foo: 'bar' })],
      bindings: [],
    });
    expect(index.rulesOf(r).map((x) => x.rule.verbs[0])).toEqual(['get']);
  });

  it('a rule with an empty resourceNames list is the same rule as one without, and lists keep their order', () => {
    const roles = [
      clusterRole('a', [rule(['list', 'get'], ['pods'])], { foo: 'bar' }),
      clusterRole('b', [rule(['get', 'list'], ['pods'], [''], { resourceNames: [] })], { foo: 'bar' }),
      agg('combined', {}, { foo: 'bar' }),
    ];
    const index = new RbacIndex({ roles, bindings: [] });
    const got = index.rulesOf(index.role('ClusterRole', 'combined')!);
    expect(got.map((r) => [r.rule.verbs, r.from])).toEqual([[['list', 'get'], 'a']]);
  });
});

describe('Class: RbacIndex, indexes', () => {
  it('binds a RoleBinding without namespace in default, and reports a Role with its namespace', () => {
    const binding = { ...rb('default', 'b', { kind: 'Role', name: 'r' }, [user('a')]) };
    delete (binding as { namespace?: string }).namespace;
    const index = new RbacIndex({ roles: [role('default', 'r', [rule(['get'], ['pods'])])], bindings: [binding] });
    expect(index.can(U('a'), { ...getPods, namespace: 'default' })).toHaveLength(1);
    expect(index.directBindings(U('a'))).toEqual([
      {
        binding: { kind: 'RoleBinding', name: 'b', namespace: 'default' },
        role: { kind: 'Role', name: 'r', namespace: 'default' },
        namespace: 'default',
        roleMissing: false,
        builtIn: false,
      },
    ]);
  });

  it('a RoleBinding to a missing ClusterRole names the ClusterRole without a namespace', () => {
    const index = new RbacIndex({
      roles: [],
      bindings: [rb('web', 'b', { kind: 'ClusterRole', name: 'gone' }, [user('a')])],
    });
    expect(index.directBindings(U('a'))).toEqual([
      {
        binding: { kind: 'RoleBinding', name: 'b', namespace: 'web' },
        role: { kind: 'ClusterRole', name: 'gone' },
        namespace: 'web',
        roleMissing: true,
        builtIn: false,
      },
    ]);
  });

  it('counts one grant per subject and rule', () => {
    const index = new RbacIndex({
      roles: [clusterRole('r', [rule(['get'], ['pods']), rule(['list'], ['pods']), rule(['watch'], ['pods'])])],
      bindings: [crb('b', 'r', [user('a'), user('b')])],
    });
    expect(index.grantCount).toBe(6);
  });

  it('lists subjects sorted, leaving out built-in-only ones when excluded', () => {
    const rbac: KRbac = {
      roles: [proxierRole, clusterRole('r', [rule(['get'], ['pods'])])],
      bindings: [proxierBinding, crb('b', 'r', [user('zed'), group('dev'), user('amy')])],
    };
    expect(new RbacIndex(rbac, { excludeSystemRbac: true }).subjects().map(subjectKey)).toEqual([
      'Group:dev',
      'User:amy',
      'User:zed',
    ]);
    expect(new RbacIndex(rbac, { excludeSystemRbac: false }).subjects().map(subjectKey)).toEqual([
      'Group:dev',
      'User:amy',
      'User:system:kube-proxy',
      'User:zed',
    ]);
  });

  it('a subject no binding names is not built-in', () => {
    const index = new RbacIndex({ roles: [proxierRole], bindings: [proxierBinding] }, { excludeSystemRbac: true });
    expect(index.isBuiltInSubject(U('nobody'))).toBe(false);
    expect(index.isBuiltInSubject(U('system:kube-proxy'))).toBe(true);
  });

  it('a subject named by one built-in binding and one built-in binding whose role is missing is built-in', () => {
    const rotation = 'system:certificates.k8s.io:certificatesigningrequests:selfnodeclient';
    const index = new RbacIndex(
      {
        roles: [
          clusterRole(rotation, [
            rule(['create'], ['certificatesigningrequests/selfnodeclient'], ['certificates.k8s.io']),
          ]),
        ],
        bindings: [
          crb('kubeadm:node-autoapprove-certificate-rotation', rotation, [group('system:nodes')]),
          rb('kube-system', 'kubeadm:kubelet-config', { kind: 'Role', name: 'kubeadm:kubelet-config' }, [
            group('system:nodes'),
            group('system:bootstrappers:kubeadm:default-node-token'),
          ]),
        ],
      },
      { excludeSystemRbac: true },
    );
    expect(index.dangling.map((b) => b.name)).toEqual(['kubeadm:kubelet-config']);
    expect(index.isBuiltInSubject(G('system:nodes'))).toBe(true);
  });

  it('leaves out built-in grants and bindings under the exclusion, and shows them marked otherwise', () => {
    const rbac: KRbac = { roles: [proxierRole], bindings: [proxierBinding] };
    const on = new RbacIndex(rbac, { excludeSystemRbac: true });
    const off = new RbacIndex(rbac, { excludeSystemRbac: false });
    const kp = U('system:kube-proxy');
    expect(on.directGrants(kp)).toEqual([]);
    expect(on.directBindings(kp)).toEqual([]);
    const grants = off.directGrants(kp);
    expect(grants.map((g) => g.system)).toEqual([true]);
    expect(off.directBindings(kp).map((b) => [b.binding.name, b.builtIn])).toEqual([['system:node-proxier', true]]);
    expect(on.excluded(grants[0])).toBe(true);
    expect(off.excluded(grants[0])).toBe(false);
    expect(on.excluded({ ...grants[0], system: false })).toBe(false);
  });

  it('leaves out a built-in binding whose role is missing under the exclusion', () => {
    const rbac: KRbac = { roles: [], bindings: [proxierBinding] };
    expect(new RbacIndex(rbac, { excludeSystemRbac: true }).directBindings(U('system:kube-proxy'))).toEqual([]);
    expect(
      new RbacIndex(rbac, { excludeSystemRbac: false })
        .directBindings(U('system:kube-proxy'))
        .map((b) => [b.roleMissing, b.builtIn]),
    ).toEqual([[true, true]]);
  });

  it('grantsOf adds the grants of the groups a ServiceAccount is in', () => {
    const index = new RbacIndex({
      roles: [clusterRole('r', [rule(['get'], ['pods'])])],
      bindings: [
        crb('own', 'r', [sa('web', 'x')]),
        crb('all', 'r', [group('system:serviceaccounts')]),
        crb('ns', 'r', [group('system:serviceaccounts:web')]),
        crb('authn', 'r', [group('system:authenticated')]),
        crb('other', 'r', [group('system:serviceaccounts:db')]),
      ],
    });
    expect(index.grantsOf(SA('web', 'x')).map((g) => g.binding.name)).toEqual(['own', 'all', 'ns', 'authn']);
  });

  it('only the Group system:masters is a superuser', () => {
    const index = new RbacIndex({ roles: [], bindings: [] });
    expect(index.isSuperuser(G('system:masters'))).toBe(true);
    expect(index.isSuperuser(U('system:masters'))).toBe(false);
  });
});

describe('Method: whoCan, entries', () => {
  it('finds subjects through a "*" verb rule', () => {
    const index = new RbacIndex({
      roles: [clusterRole('r', [rule(['*'], ['pods'])])],
      bindings: [crb('b', 'r', [user('a')])],
    });
    expect(keys(index.whoCan(getPods))).toEqual(['User:a']);
  });

  it('keeps only bindings in scope and only the matching rules', () => {
    const index = new RbacIndex({
      roles: [
        clusterRole('r', [rule(['get'], ['pods']), rule(['get'], ['secrets'])]),
        clusterRole('s', [rule(['get'], ['secrets'])]),
      ],
      bindings: [
        rb('web', 'b', { kind: 'ClusterRole', name: 'r' }, [user('a')]),
        rb('web', 'c', { kind: 'ClusterRole', name: 's' }, [user('c')]),
      ],
    });
    expect(index.whoCan({ ...getPods, namespace: 'other' })).toEqual([]);
    const got = index.whoCan({ ...getPods, namespace: 'web' });
    expect(keys(got)).toEqual(['User:a']);
    expect(got[0].grants.map((g) => g.rule.resources)).toEqual([['pods']]);
    expect(got[0].scopes).toEqual(['web']);
  });

  it('lists system:masters bound anywhere, with all its direct grants, even if its rules do not match', () => {
    const index = new RbacIndex(
      {
        roles: [clusterRole('view', [rule(['list'], ['secrets'])]), clusterRole('empty', [])],
        bindings: [crb('m', 'view', [group('system:masters')]), crb('e', 'empty', [group('system:masters')])],
      },
      { excludeSystemRbac: true },
    );
    const got = index.whoCan(getPods);
    expect(got).toHaveLength(1);
    expect(got[0]).toEqual({
      subject: G('system:masters'),
      grants: [expect.objectContaining({ rule: rule(['list'], ['secrets']) })],
      scopes: ['*'],
      builtIn: false,
    });
  });

  it('lists system:masters with only the matching grants when a rule matches', () => {
    const index = new RbacIndex({
      roles: [clusterRole('view', [rule(['list'], ['secrets'])]), clusterRole('r', [rule(['get'], ['pods'])])],
      bindings: [crb('m', 'view', [group('system:masters')]), crb('p', 'r', [group('system:masters')])],
    });
    expect(index.whoCan(getPods)[0].grants.map((g) => g.binding.name)).toEqual(['p']);
  });

  it('lists system:masters bound only to an empty role: no grants, not built-in, not restricted', () => {
    const index = new RbacIndex({
      roles: [clusterRole('empty', [])],
      bindings: [crb('e', 'empty', [group('system:masters')])],
    });
    expect(index.whoCan(getPods)).toEqual([{ subject: G('system:masters'), grants: [], scopes: [], builtIn: false }]);
  });

  it('marks an entry built-in when every granting binding is built-in, whatever else binds the subject', () => {
    const rbac: KRbac = {
      roles: [
        proxierRole,
        clusterRole('r', [rule(['get'], ['pods'])]),
        clusterRole('svc', [rule(['list'], ['services'])]),
      ],
      bindings: [proxierBinding, crb('extra', 'r', [user('system:kube-proxy')])],
    };
    const index = new RbacIndex(rbac, { excludeSystemRbac: false });
    const list = { verb: 'list', group: '', resource: 'services' };
    expect(index.whoCan(list).map((e) => [subjectKey(e.subject), e.builtIn])).toEqual([
      ['User:system:kube-proxy', true],
    ]);
    const mixed = new RbacIndex(
      { ...rbac, bindings: [proxierBinding, crb('extra', 'svc', [user('system:kube-proxy')])] },
      { excludeSystemRbac: false },
    );
    expect(mixed.whoCan(list).map((e) => [e.grants.length, e.builtIn])).toEqual([[2, false]]);
  });

  it('reports the merged, sorted names only when every granting rule is restricted and no name is asked', () => {
    const named = (names: string[]) => rule(['get'], ['secrets'], [''], { resourceNames: names });
    const index = new RbacIndex({
      roles: [
        clusterRole('r', [named(['b', 'a']), named(['a', 'c'])]),
        clusterRole('all', [rule(['get'], ['secrets'])]),
      ],
      bindings: [crb('x', 'r', [user('x')]), crb('y', 'r', [user('y')]), crb('y2', 'all', [user('y')])],
    });
    const q = { verb: 'get', group: '', resource: 'secrets' };
    const got = index.whoCan(q);
    expect(got.map((e) => [subjectKey(e.subject), e.restrictedTo])).toEqual([
      ['User:x', ['a', 'b', 'c']],
      ['User:y', undefined],
    ]);
    expect(index.whoCan({ ...q, name: 'a' }).map((e) => 'restrictedTo' in e)).toEqual([false, false]);
  });
});

describe('Function: scopesOf', () => {
  const g = (namespace: string | null) => ({ namespace }) as Grant;
  it.each<[(string | null)[], string[]]>([
    [[null], ['*']],
    [['web', null], ['*']],
    [
      ['web', 'db', 'web'],
      ['db', 'web'],
    ],
  ])('%j -> %j', (ns, want) => expect(scopesOf(ns.map(g))).toEqual(want));
});

describe('Function: ruleLabel', () => {
  it.each<[KPolicyRule, string]>([
    [
      { verbs: ['get', 'list'], apiGroups: ['', 'apps'], resources: ['pods', 'secrets'], resourceNames: ['a', 'b'] },
      'verbs=[get,list] apiGroups=["",apps] resources=[pods,secrets] resourceNames=[a,b]',
    ],
    [
      { verbs: ['get'], apiGroups: [''], resources: ['pods'], resourceNames: [] },
      'verbs=[get] apiGroups=[""] resources=[pods]',
    ],
    [{ verbs: ['get'], nonResourceURLs: ['/healthz', '/api/*'] }, 'verbs=[get] nonResourceURLs=[/healthz,/api/*]'],
  ])('%j', (r, label) => {
    expect(ruleLabel(r)).toBe(label);
    expect(ruleLabel(r)).toBe(label);
  });
});

describe('Function: grantEvidence', () => {
  const grant = (r: KPolicyRule, binding: string, extra: Partial<Grant> = {}): Grant => ({
    subject: U('a'),
    rule: r,
    namespace: null,
    role: { kind: 'ClusterRole', name: 'r' },
    binding: { kind: 'ClusterRoleBinding', name: binding },
    system: false,
    ...extra,
  });
  const many = (n: number) => Array.from({ length: n }, (_, i) => rule(['get'], [`res${String(i).padStart(2, '0')}`]));

  it('lists bindings, roles and rules once, sorted', () => {
    const ev = grantEvidence([
      grant(rule(['list'], ['pods']), 'z'),
      grant(rule(['get'], ['pods']), 'a', { aggregatedFrom: 'view', namespace: 'web' }),
      grant(rule(['list'], ['pods']), 'z'),
    ]);
    expect(ev).toEqual({
      bindings: ['ClusterRoleBinding a', 'ClusterRoleBinding z'],
      roles: ['ClusterRole r', 'ClusterRole r (aggregates ClusterRole view)'],
      rules: ['verbs=[get] apiGroups=[""] resources=[pods]', 'verbs=[list] apiGroups=[""] resources=[pods]'],
      scopes: ['*'],
    });
  });

  it('lists at most 20 rules, with the total only beyond', () => {
    const twenty = grantEvidence(many(20).map((r) => grant(r, 'b')));
    expect(twenty.rules).toHaveLength(20);
    expect('rulesTotal' in twenty).toBe(false);
    const more = grantEvidence(many(21).map((r) => grant(r, 'b')));
    expect(more.rules).toHaveLength(20);
    expect(more.rules[0]).toBe('verbs=[get] apiGroups=[""] resources=[res00]');
    expect(more.rulesTotal).toBe(21);
  });
});
