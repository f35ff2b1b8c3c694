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
      {
        status: 'fail',
        resource: 'web/ghost',
        kind: 'RoleBinding',
        severity: 'low',
        message:
          'RoleBinding web/ghost refers to Role web/gone, which does not exist: whoever creates it grants it to User bob in namespace web.',
        evidence: { roleRef: { kind: 'Role', name: 'gone' }, subjects: [{ kind: 'User', name: 'bob' }] },
      },
      {
        status: 'pass',
        resource: 'web/ok',
        kind: 'RoleBinding',
        message: 'RoleBinding web/ok refers to Role web/reader, which exists.',
      },
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
    expect: [{ status: 'pass', kind: 'Cluster', message: 'Cluster demo has no binding of its own to assess.' }],
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
        message:
          'RoleBinding web/later refers to ClusterRole gone, which does not exist: whoever creates it grants it to ServiceAccount web/default in namespace web.',
      },
    ],
  },
  {
    name: 'fails high a dangling binding whose subjects include everyone (system:authenticated)',
    facts: rbacFacts(withDefaults({ bindings: [crb('all-later', 'not-yet', [group('system:authenticated')])] })),
    expect: [{ status: 'fail', resource: 'all-later', severity: 'high', message: 'Group system:authenticated' }],
  },
  {
    name: 'names only the subjects a dangling ClusterRoleBinding can grant: a ServiceAccount without namespace is no one',
    facts: rbacFacts(
      withDefaults({
        bindings: [crb('later', 'not-yet', [{ kind: 'ServiceAccount', name: 'bot' }, user('amy')])],
      }),
    ),
    expect: [
      {
        status: 'fail',
        resource: 'later',
        message:
          'ClusterRoleBinding later refers to ClusterRole not-yet, which does not exist: whoever creates it grants it to User amy cluster-wide.',
      },
    ],
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
  {
    name: 'fails a shipped binding whose role is missing and still leaves out the shipped ones whose role exists',
    facts: rbacFacts({
      roles: DEFAULTS.roles.filter((r) => r.name !== 'system:basic-user'),
      bindings: DEFAULTS.bindings,
    }),
    expect: [
      {
        status: 'fail',
        resource: 'system:basic-user',
        kind: 'ClusterRoleBinding',
        severity: 'high',
        message:
          'ClusterRoleBinding system:basic-user refers to ClusterRole system:basic-user, which does not exist: ' +
          'whoever creates it grants it to Group system:authenticated cluster-wide.',
      },
    ],
  },
  {
    name: 'fails dangling bindings naming no subject and several subjects',
    facts: rbacFacts(
      withDefaults({
        bindings: [
          crb('nobody', 'not-yet', []),
          rb('web', 'pair', { kind: 'Role', name: 'gone' }, [user('amy'), sa('web', 'app')]),
        ],
      }),
    ),
    expect: [
      {
        status: 'fail',
        resource: 'nobody',
        severity: 'low',
        message:
          'ClusterRoleBinding nobody refers to ClusterRole not-yet, which does not exist: whoever creates it grants it to no subject cluster-wide.',
      },
      {
        status: 'fail',
        resource: 'web/pair',
        severity: 'low',
        message:
          'RoleBinding web/pair refers to Role web/gone, which does not exist: whoever creates it grants it to ' +
          'User amy, ServiceAccount web/app in namespace web.',
      },
    ],
  },
  {
    name: 'fails a ClusterRoleBinding that refers to a Role (which no ClusterRoleBinding can) as granting cluster-wide',
    facts: rbacFacts(
      withDefaults({
        roles: [role('web', 'reader', [rule(['get'], ['pods'])])],
        bindings: [
          {
            kind: 'ClusterRoleBinding',
            name: 'odd',
            labels: {},
            roleRef: { kind: 'Role', name: 'reader' },
            subjects: [user('amy')],
          },
        ],
      }),
    ),
    expect: [
      {
        status: 'fail',
        resource: 'odd',
        kind: 'ClusterRoleBinding',
        message:
          'ClusterRoleBinding odd refers to Role reader, which does not exist: whoever creates it grants it to User amy cluster-wide.',
      },
    ],
  },
]);
