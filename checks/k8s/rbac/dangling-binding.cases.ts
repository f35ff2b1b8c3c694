import { defineCases } from '../../../test/support/cases';
import check from './dangling-binding';
import {
  clusterRole,
  crb,
  DEFAULT_LABELS,
  DEFAULTS,
  group,
  rb,
  rbacFacts,
  role,
  rule,
  sa,
  user,
  withDefaults,
} from './fixtures';

export default defineCases(check, [
  {
    name: 'fails a RoleBinding to a missing Role and passes one to an existing Role',
    facts: rbacFacts(
      withDefaults({
        roles: [role('web', 'reader', [rule(['get'], ['pods'])])],
        bindings: [
          rb('web', 'ghost', { kind: 'Role', name: 'gone' }, [user('bob')]),
          rb('web', 'ok', { kind: 'Role', name: 'reader' }, [user('amy')]),
        ],
      }),
    ),
    expect: [
      { status: 'fail', resource: 'web/ghost', kind: 'RoleBinding', message: 'Role web/gone, which does not exist' },
      { status: 'pass', resource: 'web/ok', kind: 'RoleBinding' },
    ],
  },
  {
    name: 'fails a RoleBinding whose Role exists only in another namespace',
    facts: rbacFacts({
      roles: [role('other', 'reader', [rule(['get'], ['pods'])])],
      bindings: [rb('web', 'wrong-ns', { kind: 'Role', name: 'reader' }, [user('amy')])],
    }),
    expect: [{ status: 'fail', resource: 'web/wrong-ns' }],
  },
  {
    name: 'passes the defaults as a whole',
    facts: rbacFacts(DEFAULTS),
    expect: [{ status: 'pass', kind: 'Cluster' }],
  },
  {
    name: 'fails a ClusterRoleBinding and a RoleBinding to missing ClusterRoles, label or not, naming who would be granted',
    facts: rbacFacts(
      withDefaults({
        bindings: [
          crb('system:later', 'system:not-yet', [group('system:nodes')], DEFAULT_LABELS),
          rb('web', 'later', { kind: 'ClusterRole', name: 'gone' }, [sa('web', 'default')]),
        ],
      }),
    ),
    expect: [
      {
        status: 'fail',
        resource: 'system:later',
        kind: 'ClusterRoleBinding',
        severity: 'low',
        message: 'grants it to Group system:nodes cluster-wide',
      },
      {
        status: 'fail',
        resource: 'web/later',
        kind: 'RoleBinding',
        message: 'grants it to ServiceAccount web/default in namespace web',
      },
    ],
  },
  {
    name: 'fails high a dangling binding whose subjects include everyone (system:authenticated)',
    facts: rbacFacts(withDefaults({ bindings: [crb('all-later', 'not-yet', [group('system:authenticated')])] })),
    expect: [{ status: 'fail', resource: 'all-later', severity: 'high', message: 'Group system:authenticated' }],
  },
  {
    name: 'reports a binding labelled as a default that Kubernetes does not ship, and leaves out the shipped ones',
    facts: rbacFacts(
      withDefaults({
        roles: [clusterRole('reader', [rule(['get'], ['pods'])])],
        bindings: [crb('system:reader', 'reader', [user('amy')], DEFAULT_LABELS)],
      }),
    ),
    expect: [{ status: 'pass', resource: 'system:reader', kind: 'ClusterRoleBinding' }],
  },
]);
