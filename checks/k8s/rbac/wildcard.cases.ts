import { defineCases } from '../../../test/support/cases';
import { clusterRole, crb, DEFAULTS, rb, rbacFacts, role, rule, user, withDefaults } from './fixtures';
import check from './wildcard';

export default defineCases(check, [
  {
    name: 'passes the defaults (cluster-admin is Kubernetes own) as a whole',
    facts: rbacFacts(DEFAULTS),
    expect: [{ status: 'pass', kind: 'Cluster' }],
  },
  {
    name: 'fails a bound ClusterRole with "*" verbs and passes a bound narrow Role',
    facts: rbacFacts(
      withDefaults({
        roles: [clusterRole('pod-god', [rule(['*'], ['pods'])]), role('web', 'reader', [rule(['get'], ['pods'])])],
        bindings: [crb('x', 'pod-god', [user('x')]), rb('web', 'r', { kind: 'Role', name: 'reader' }, [user('y')])],
      }),
    ),
    expect: [
      { status: 'fail', resource: 'pod-god', kind: 'ClusterRole', message: 'ClusterRoleBinding x' },
      { status: 'pass', resource: 'web/reader', kind: 'Role' },
    ],
  },
  {
    name: 'fails a Role granting "*" resources and ignores an unbound wildcard role',
    facts: rbacFacts(
      withDefaults({
        roles: [role('ci', 'everything', [rule(['get'], ['*'])]), clusterRole('unused', [rule(['*'], ['*'])])],
        bindings: [rb('ci', 'e', { kind: 'Role', name: 'everything' }, [user('ci-bot')])],
      }),
    ),
    expect: [{ status: 'fail', resource: 'ci/everything', kind: 'Role' }],
  },
  {
    name: 'fails the default cluster-admin when system RBAC is not excluded',
    facts: rbacFacts(DEFAULTS),
    options: { excludeSystemRbac: false },
    expect: [{ status: 'fail', resource: 'cluster-admin' }],
    exact: false,
  },
  {
    name: 'is unknown when Roles could not be listed',
    facts: { 'k8s.rbac': { ok: false, reason: 'forbidden: list roles.rbac.authorization.k8s.io at cluster scope' } },
    expect: [{ status: 'unknown' }],
  },
]);
