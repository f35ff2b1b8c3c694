import { defineCases } from '../../../test/support/cases';
import check from './dangling-binding';
import { DEFAULTS, rb, rbacFacts, role, rule, user, withDefaults } from './fixtures';

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
]);
