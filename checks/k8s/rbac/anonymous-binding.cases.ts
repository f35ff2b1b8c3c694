import { defineCases } from '../../../test/support/cases';
import check from './anonymous-binding';
import { clusterRole, crb, DEFAULTS, group, rb, rbacFacts, rule, user, withDefaults } from './fixtures';

const PASS_ALL = [
  { status: 'pass' as const, resource: 'system:anonymous', kind: 'User' },
  { status: 'pass' as const, resource: 'system:unauthenticated', kind: 'Group' },
  { status: 'pass' as const, resource: 'system:authenticated', kind: 'Group' },
];

export default defineCases(check, [
  { name: 'passes the default discovery and public-info bindings', facts: rbacFacts(DEFAULTS), expect: PASS_ALL },
  {
    name: 'fails critical when system:anonymous is bound to a role that reads Pods',
    facts: rbacFacts(
      withDefaults({
        roles: [clusterRole('pod-reader', [rule(['get', 'list'], ['pods'])])],
        bindings: [rb('default', 'anon-pods', { kind: 'ClusterRole', name: 'pod-reader' }, [user('system:anonymous')])],
      }),
    ),
    expect: [
      { status: 'fail', resource: 'system:anonymous', severity: 'critical', message: 'RoleBinding default/anon-pods' },
      PASS_ALL[1],
      PASS_ALL[2],
    ],
  },
  {
    name: 'fails high when system:authenticated can list Secrets, even through a binding labelled as a default',
    facts: rbacFacts(
      withDefaults({
        roles: [clusterRole('secret-lister', [rule(['list'], ['secrets'])])],
        bindings: [
          crb('sneaky', 'secret-lister', [group('system:authenticated')], {
            'kubernetes.io/bootstrapping': 'rbac-defaults',
          }),
        ],
      }),
    ),
    expect: [PASS_ALL[0], PASS_ALL[1], { status: 'fail', resource: 'system:authenticated', severity: 'high' }],
  },
  {
    name: 'fails system:unauthenticated given the discovery role (more than public info)',
    facts: rbacFacts(
      withDefaults({ bindings: [crb('anon-discovery', 'system:discovery', [group('system:unauthenticated')])] }),
    ),
    expect: [PASS_ALL[0], { status: 'fail', resource: 'system:unauthenticated' }, PASS_ALL[2]],
  },
]);
